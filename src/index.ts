/**
 * Optimizely Feature Experimentation Web (Actions): the device-mode destination analytics.js
 * loads in the page. Its one action sends mapped `track` events as Optimizely conversions through
 * the real Optimizely JavaScript SDK; the client's decisions flow back to Segment as Experiment
 * Viewed events (src/decisions).
 *
 * Imports run one way: this file → trackEvent → decisions → client → shared.
 */
import type { Analytics } from '@segment/analytics-next'
import type { BrowserDestinationDefinition } from '@segment/browser-destination-runtime/types'
import { browserDestination } from '@segment/browser-destination-runtime/shim'
import { trackEventPreset } from './shared/trackEventPreset'
import type { Settings } from './generated-types'
import { settings } from './settings'
import { loadOptimizely } from './client'
import { rememberLoading } from './client/loadingClients'
import { listenToDecisions, type DecidingClient } from './decisions'
import { DESTINATION_NAME } from './decisions/experimentViewed'
import trackEvent from './trackEvent'

async function load(settings: Settings, analytics: Analytics): Promise<DecidingClient> {
  return listenToDecisions(await loadOptimizely(settings), settings, analytics)
}

export const destination: BrowserDestinationDefinition<Settings, DecidingClient> = {
  name: DESTINATION_NAME,
  slug: 'actions-optimizely-feature-experimentation-web',
  mode: 'device',
  description:
    'Send analytics.js track events to Optimizely Feature Experimentation as conversions, through the Optimizely JavaScript SDK in the browser.',
  settings,
  presets: [trackEventPreset(trackEvent.fields)],
  initialize: ({ settings, analytics }) => rememberLoading(settings, load(settings, analytics)),
  actions: { trackEvent }
}

export default browserDestination(destination)
