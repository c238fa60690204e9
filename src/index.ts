/**
 * Optimizely Feature Experimentation Web (Actions): the device-mode destination analytics.js
 * loads in the page. Its one action sends mapped `track` events as Optimizely conversions through
 * the real Optimizely JavaScript SDK.
 */
import type { BrowserDestinationDefinition } from '@segment/browser-destination-runtime/types'
import { browserDestination } from '@segment/browser-destination-runtime/shim'
import { trackEventPreset } from './shared/trackEventPreset'
import type { Settings } from './generated-types'
import { settings } from './settings'
import { loadOptimizely, type OptimizelyDestinationClient } from './client'
import { rememberLoading } from './client/loadingClients'
import trackEvent from './trackEvent'

export const destination: BrowserDestinationDefinition<Settings, OptimizelyDestinationClient> = {
  name: 'Optimizely Feature Experimentation Web (Actions)',
  slug: 'actions-optimizely-feature-experimentation-web',
  mode: 'device',
  description:
    'Send analytics.js track events to Optimizely Feature Experimentation as conversions, through the Optimizely JavaScript SDK in the browser.',
  settings,
  presets: [trackEventPreset(trackEvent.fields)],
  initialize: ({ settings }) => rememberLoading(settings, loadOptimizely(settings)),
  actions: { trackEvent }
}

export default browserDestination(destination)
