/**
 * Device-mode settings. Segment serves these to every browser that loads the destination, so
 * nothing secret belongs here: the Personal Access Token lives only in the cloud module.
 */
import type { GlobalSetting } from '@segment/actions-core'

export const settings = {
  accountId: {
    label: 'Optimizely Account Id',
    description:
      'Your Optimizely account ID (Settings > Plan in the Optimizely app). The datafile must belong to this account, otherwise the destination refuses to load.',
    type: 'string',
    required: true
  },
  dataFileUrl: {
    label: 'Datafile URL',
    description:
      "The full URL of your project environment's datafile, e.g. https://cdn.optimizely.com/datafiles/<SDK key>.json. Must be https:// (http:// only for localhost and 127.0.0.1).",
    type: 'string',
    format: 'uri',
    required: true
  },
  logLevel: {
    label: 'Log Level',
    description: 'How much the Optimizely SDK and this destination write to the browser console.',
    type: 'string',
    choices: [
      { label: 'Error', value: 'error' },
      { label: 'Warn', value: 'warn' },
      { label: 'Info', value: 'info' },
      { label: 'Debug', value: 'debug' }
    ],
    default: 'warn'
  },
  eventEndpoint: {
    label: 'Event Endpoint',
    description:
      "Optional. Send the SDK's Event API requests (including the beacons sent when the page unloads) to this URL instead of Optimizely's endpoint, e.g. when you proxy analytics through your own domain. Leave empty to use Optimizely's endpoint for the datafile's region.",
    type: 'string',
    format: 'uri'
  },
  pageClientProperty: {
    label: "Page's Optimizely Client",
    description:
      "The window property where your site keeps its own Optimizely client (Segment's classic integration used window.optimizelyClientInstance). When a client is found there, the destination converts through it: no second SDK download, datafile request or event batch. Otherwise it loads its own.",
    type: 'string',
    default: 'optimizelyClientInstance'
  }
} satisfies Record<string, GlobalSetting>
