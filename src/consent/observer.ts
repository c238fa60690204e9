/**
 * An analytics.js plugin that lets the consent gate see every event's stamp. Enrichment plugins
 * run after every source middleware (the consent wrapper stamps events in one) and before any
 * destination, and analytics.js gives them every event: also those the wrapper's opt-out
 * blocking, or an `integrations` option, keeps from this destination. So the gate learns of a
 * revocation even when the `Segment Consent Preference Updated` event itself never reaches it.
 * It only reads; the event goes on unchanged.
 */
import type { Context, Plugin } from '@segment/analytics-next'
import type { Consent } from '.'

export function consentObserver(consent: Pick<Consent, 'admits'>): Plugin {
  const observe = (ctx: Context) => {
    try {
      consent.admits(ctx.event)
    } catch {
      // Never an error in the page's analytics pipeline.
    }
    return ctx
  }
  return {
    name: 'Optimizely Feature Experimentation consent',
    type: 'enrichment',
    version: '0.1.0',
    isLoaded: () => true,
    load: () => Promise.resolve(),
    track: observe,
    page: observe,
    identify: observe,
    group: observe,
    alias: observe,
    screen: observe
  }
}
