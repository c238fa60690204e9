/**
 * Track Event: turns a mapped `analytics.track` call into the SDK's `track()`.
 * The SDK stamps, batches, retries and beacons the conversion; this action only applies the value
 * rules so Optimizely gets what it can count, and never lets an error reach the page.
 */
import type { BrowserActionDefinition } from '@segment/browser-destination-runtime/types'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import type { DecidingClient } from '../decisions'
import { isKeptFromDestination } from '../decisions/keptFromDestination'
import { isPlainObject, prepareConversion } from '../shared/valueRules'
import { fields } from '../shared/trackEventFields'
import { loadedClient } from '../client/loadingClients'
import { LOG_PREFIX } from '../client/consoleLog'
import { consentFor } from '../consent'
import { isConsentChange } from '../consent/stamp'

/** Segment's classic Optimizely integration used the identified traits when an event had none. */
function attributesOrTraits(mapped: unknown, storedTraits: () => unknown): unknown {
  if (isPlainObject(mapped) && Object.keys(mapped).length > 0) return mapped
  return storedTraits()
}

const trackEvent: BrowserActionDefinition<Settings, DecidingClient, Payload> = {
  title: 'Track Event',
  description: 'Send a conversion event to Optimizely Feature Experimentation for the visitor that was bucketed.',
  platform: 'web',
  defaultSubscription: 'type = "track"',
  fields,
  perform: async (loaded, { payload, settings, analytics, context }) => {
    // Our own Experiment Viewed events carry this destination turned off; analytics.js honours
    // that, and a host that does not must not turn them into conversions either.
    if (isKeptFromDestination(context?.event)) return
    // The visitor's consent stamp, if any: a refusal sends nothing (src/consent).
    const consent = consentFor(settings)
    if (consent && !consent.admits(context?.event)) return
    // Segment's consent change signal is for the destination, never a conversion.
    if (isConsentChange(context?.event)) return
    // The runtime passes no client until initialize has resolved.
    const client = (loaded as DecidingClient | undefined) ?? (await loadedClient<DecidingClient>(settings))
    // Revoked while this conversion waited for its client.
    if (consent?.refused()) return
    if (client === 'failed') return
    if (client === 'never-loaded') {
      console.error(`${LOG_PREFIX} conversion not sent: the destination was never loaded`)
      return
    }
    try {
      const attributes = attributesOrTraits(payload.attributes, () => analytics.user().traits())
      const result = prepareConversion({ ...payload, attributes }, client.catalog)
      for (const finding of result.findings) client.log.log('warn', finding.message)
      if (!result.ok) {
        if (result.skip.code === 'unknown-event-key') client.log.warnOnce(`event:${String(payload.eventKey)}`, result.skip.message)
        else client.log.log('warn', result.skip.message)
        return
      }
      const { eventKey, userId: mapped, attributes: sent, tags } = result.conversion
      const { userId, notice } = client.decisions?.visitorIdFor(mapped, context?.event ?? {}) ?? { userId: mapped }
      if (notice?.level === 'warn') client.log.warnOnce(notice.key, notice.message)
      else if (notice) client.log.log(notice.level, notice.message)
      client.optimizely.track(eventKey, userId, sent, tags)
    } catch (error) {
      client.log.log('error', `conversion not sent: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

export default trackEvent
