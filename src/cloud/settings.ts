/**
 * Cloud settings (the destination's custom authentication fields). Unlike the device-mode
 * settings these stay on Segment's servers, so the Personal Access Token may live here.
 * Labels follow the original Segment destination's settings table; the descriptions name today's
 * product and URLs.
 * The revenue settings are the same as in device mode (src/shared/revenueSettings.ts).
 */
import type { GlobalSetting } from '@segment/actions-core'
import { revenueSettings } from '../shared/revenueSettings'

export const settings = {
  accessToken: {
    label: 'Personal Access Token',
    description:
      'The personal access token will be used to submit a GDPR delete request to Optimizely. To generate a personal access token, navigate to Profile->API Access and generate a new token.',
    type: 'password',
    required: false
  },
  accountId: {
    label: 'Optimizely Account Id',
    description:
      'In order to use Optimizely Feature Experimentation (Actions) via server side, you must enter your Account ID from your Optimizely account. You can find this ID by visiting https://app.optimizely.com/v2/accountsettings/account/plan',
    type: 'string',
    required: true
  },
  dataFileUrl: {
    label: 'Datafile URL',
    description:
      'The datafile is a JSON representation of the current state of flags and experiments for an environment in your Feature Experimentation project. It looks like https://cdn.optimizely.com/datafiles/<SDK key>.json; the Optimizely app shows it under Settings, Environments.',
    type: 'string',
    format: 'uri',
    required: true
  },
  ...revenueSettings
} satisfies Record<string, GlobalSetting>
