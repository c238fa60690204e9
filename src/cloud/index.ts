/**
 * Optimizely Feature Experimentation (Actions), cloud mode: runs on Segment's servers, never in a
 * browser, because it holds the Personal Access Token used for GDPR deletion. It also offers a
 * server-side Track Event for sources without analytics.js.
 */
import type { DestinationDefinition } from '@segment/actions-core'
import { trackEventPreset } from '../shared/trackEventPreset'
import { classicPresets } from '../shared/classicPresets'
import { getDatafile } from './datafileCache'
import { deleteVisitors } from './gdpr'
import type { Settings } from './generated-types'
import { settings } from './settings'
import trackEvent from './trackEvent'

export const destination: DestinationDefinition<Settings> = {
  name: 'Optimizely Feature Experimentation (Actions)',
  slug: 'actions-optimizely-feature-experimentation-cloud',
  mode: 'cloud',
  description:
    "Send Segment track events to Optimizely Feature Experimentation as conversions through Optimizely's Event API, and delete users from Optimizely on GDPR requests.",
  authentication: {
    scheme: 'custom',
    fields: settings,
    // Saving the settings checks the datafile for real (not from cache): reachable, JSON, and of this account.
    testAuthentication: async (request, { settings }) => {
      await getDatafile(request, settings, { revalidate: true })
    }
  },
  onDelete: async (request, { settings, payload }) => deleteVisitors(request, settings, payload),
  presets: [trackEventPreset(trackEvent.fields), ...classicPresets(trackEvent.fields)],
  actions: {
    trackEvent
  }
}

export default destination
