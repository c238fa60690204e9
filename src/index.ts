/**
 * Optimizely Feature Experimentation Web (Actions): the device-mode destination analytics.js
 * loads in the page. Its one action sends mapped `track` events as Optimizely conversions through
 * the real Optimizely JavaScript SDK; the client's decisions flow back to Segment as Experiment
 * Viewed events (src/decisions).
 *
 * Imports run one way: this file → trackEvent → decisions → consent → client → shared.
 */
import type { Analytics } from '@segment/analytics-next'
import type { BrowserDestinationDefinition } from '@segment/browser-destination-runtime/types'
import { browserDestination } from '@segment/browser-destination-runtime/shim'
import { trackEventPreset } from './shared/trackEventPreset'
import type { Settings } from './generated-types'
import { settings } from './settings'
import { loadOptimizely } from './client'
import { rememberLoading } from './client/loadingClients'
import { publishClient } from './client/pageClient'
import type { DecidingClient } from './decisions'
import { DESTINATION_NAME } from './decisions/keptFromDestination'
import { watchConsent, type Consent } from './consent'
import trackEvent from './trackEvent'

/**
 * The client, with its decisions when the site decides with it (the page's own client, or ours
 * when shared) and Experiment Viewed or the visitor-ID guard wants them. Otherwise no decision can
 * be seen, and the decisions code is never downloaded.
 */
async function load(settings: Settings, analytics: Analytics, consent: Consent | undefined): Promise<DecidingClient> {
  // While the visitor refuses consent, the destination's own client sends nothing (src/consent).
  const client: DecidingClient = await loadOptimizely(settings, { hold: consent })
  const sharing = !client.reused && settings.shareClient === true
  const wanted = settings.sendExperimentViewed === true || settings.visitorIdGuard !== 'off'
  if (wanted && (client.reused || sharing)) {
    try {
      const { listenToDecisions } = await import(/* webpackChunkName: "decisions" */ './decisions')
      client.decisions = listenToDecisions(client, settings, analytics, consent)
    } catch (error) {
      // Conversions do not depend on decisions: a chunk that fails to load costs only these features.
      client.log.log('error', `decisions are not reported: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  // Published only once its decisions are heard, so none the site makes through it is missed.
  if (sharing) {
    const notPublished = publishClient(settings.pageClientProperty, client.optimizely)
    if (notPublished) client.log.log('warn', `the destination's client is not shared: ${notPublished}`)
  }
  return client
}

export const destination: BrowserDestinationDefinition<Settings, DecidingClient> = {
  name: DESTINATION_NAME,
  slug: 'actions-optimizely-feature-experimentation-web',
  mode: 'device',
  description:
    'Send analytics.js track events to Optimizely Feature Experimentation as conversions, through the Optimizely JavaScript SDK in the browser.',
  settings,
  presets: [trackEventPreset(trackEvent.fields)],
  initialize: ({ settings, analytics }) => {
    // First, before anything loads: the visitor's choice is followed from the first event on.
    const consent = watchConsent(settings, analytics)
    return rememberLoading(settings, load(settings, analytics, consent))
  },
  actions: { trackEvent }
}

export default browserDestination(destination)
