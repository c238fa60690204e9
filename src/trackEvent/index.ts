/**
 * Track Event: turns a mapped `analytics.track` call into the SDK's `track()`.
 * The SDK stamps, batches, retries and beacons the conversion; this action only applies the value
 * rules so Optimizely gets what it can count, and never lets an error reach the page.
 */
import type { BrowserActionDefinition } from '@segment/browser-destination-runtime/types'
import type { Settings } from '../generated-types'
import type { Payload } from './generated-types'
import type { ClientWithDecisions } from '../decisions'
import { isKeptFromDestination } from '../decisions/keptFromDestination'
import { toConversionAudience } from '../decisions/conversionAudienceSetting'
import { isPlainObject, prepareConversion } from '../shared/valueRules'
import { fields } from '../shared/trackEventFields'
import { revenueOptionsFrom } from '../shared/revenueRules'
import { loadedClient } from '../client/loadingClients'
import { LOG_PREFIX } from '../client/consoleLog'
import { DATAFILE_LOAD_TIMEOUT_MS } from '../client'
import { traitsOfEventVisitor } from './visitorTraits'
import { consentFor } from '../consent/loading'
import { isConsentChange } from '../consent/stamp'
import { conversionFailed, neverLoaded, unknownEventKeyAtRevision } from '../messages/page'

/**
 * Events Segment's own libraries send (analytics-consent-tools on every consent change): never a
 * conversion, and not worth an "unknown event key" warning each time.
 */
const SEGMENT_SYSTEM_EVENTS = new Set(['Segment Consent Preference Updated'])

/** Segment's classic Optimizely integration used the identified traits when an event had none. */
function attributesOrTraits(mapped: unknown, storedTraits: () => unknown): unknown {
  if (isPlainObject(mapped) && Object.keys(mapped).length > 0) return mapped
  return storedTraits()
}

/** Waits for `pending`, at most `ms`. */
function atMost(pending: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  return Promise.race([pending, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer))
}

const trackEvent: BrowserActionDefinition<Settings, ClientWithDecisions, Payload> = {
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
    const consent = await consentFor(settings)?.catch(() => 'failed' as const)
    // A gate that did not load: the destination failed to load too, and sends nothing.
    if (consent === 'failed') return
    if (consent && !consent.admits(context?.event)) return
    // Segment's consent change signal is for the destination, never a conversion.
    if (isConsentChange(context?.event)) return
    if (typeof payload.eventKey === 'string' && SEGMENT_SYSTEM_EVENTS.has(payload.eventKey)) return
    // The runtime passes no client until initialize has resolved.
    const client = (loaded as ClientWithDecisions | undefined) ?? (await loadedClient<ClientWithDecisions>(settings))
    // Revoked while this conversion waited for its client.
    if (consent?.refused()) return
    if (client === 'failed') return
    if (client === 'never-loaded') {
      console.error(`${LOG_PREFIX} ${neverLoaded}`)
      return
    }
    try {
      // The client the page publishes now (a closed or replaced one is never used).
      if (!(await client.follow())) return
      const attributes = attributesOrTraits(payload.attributes, () => traitsOfEventVisitor(analytics, context?.event))
      const revenueOptions = revenueOptionsFrom(settings)
      let result = prepareConversion({ ...payload, attributes }, client.catalog, revenueOptions)
      const refresh = !result.ok && result.skip.code === 'unknown-event-key' ? client.datafileInFlight() : undefined
      if (refresh) {
        // A newer datafile is on its way (a returning visitor's cached copy may predate the event): it decides.
        await atMost(refresh, DATAFILE_LOAD_TIMEOUT_MS)
        if (!(await client.follow())) return
        result = prepareConversion({ ...payload, attributes }, client.catalog, revenueOptions)
      }
      for (const finding of result.findings) client.log.log('warn', finding.message)
      if (!result.ok) {
        if (result.skip.code === 'unknown-event-key') {
          client.log.warnOnce(`event:${String(payload.eventKey)}`, unknownEventKeyAtRevision(String(payload.eventKey), client.revision))
        } else client.log.log('warn', result.skip.message)
        return
      }
      const { eventKey, userId: mapped, attributes: sent, tags } = result.conversion
      const identity = context?.event ?? {}
      const { userId, notice } = client.decisions?.visitorIdFor(mapped, identity) ?? { userId: mapped }
      // Refused by choice (the Conversion Audience setting): said at info level, not warned about.
      const audience = toConversionAudience(settings.conversionAudience)
      // The rules loaded with the client (src/index.ts): without them the destination did not load.
      const refusal =
        audience === 'everyone'
          ? undefined
          : client.audienceRefusal?.(audience, { eventKey, visitorId: userId, identity, bucketed: client.decisions?.bucketed })
      if (refusal) return client.log.log('info', refusal)
      if (notice?.level === 'warn') client.log.warnOnce(notice.key, notice.message)
      else if (notice) client.log.log(notice.level, notice.message)
      client.optimizely.track(eventKey, userId, sent, tags)
    } catch (error) {
      client.log.log('error', conversionFailed(error instanceof Error ? error.message : String(error)))
    }
  }
}

export default trackEvent
