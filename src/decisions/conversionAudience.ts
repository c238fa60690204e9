/**
 * The Conversion Audience setting: whose conversions are sent. Optimizely bills a monthly active
 * user for every user ID in an event, decided or not, so a conversion it can attribute to no
 * experiment costs money and counts for nothing.
 *
 * - `everyone` (default): every conversion the value rules accept.
 * - `identified`: only events with a Segment user ID, as Segment's classic integration did. A
 *   mapping that sends another ID than the anonymous one (the classic per-event override, say)
 *   counts as identified too.
 * - `bucketed`: only visitors this browser saw bucketed into a running experiment whose metrics
 *   include the event. It needs the decisions of the client the site decides with; without them
 *   (the destination's own client, not shared) it acts as `identified` and says so at load.
 *
 * Its own lazy chunk in the web bundle (`conversion-audience`), fetched at load beside the client
 * only when the setting is not `everyone` (src/index.ts); the decisions it reads load lazily too.
 */
import type { SegmentIdentity } from './visitorIdGuard'
import { anonymousRefused, bucketedWithoutDecisions as bucketedWithoutDecisionsMessage, notBucketed } from '../messages/audience'
import type { ConversionAudience } from './conversionAudienceSetting'

/** What the message at load says when `bucketed` cannot see decisions. */
export function bucketedWithoutDecisions(pageClientProperty: string | undefined, why: string): string {
  return bucketedWithoutDecisionsMessage(pageClientProperty?.trim() || 'optimizelyClientInstance', why)
}

function isIdentified(visitorId: string, identity: SegmentIdentity): boolean {
  const { userId, anonymousId } = identity
  if ((typeof userId === 'string' && userId.trim() !== '') || typeof userId === 'number') return true
  return visitorId !== anonymousId
}

export interface AudienceCheck {
  eventKey: string
  /** The ID the conversion goes out for (after the visitor-ID guard). */
  visitorId: string
  identity: SegmentIdentity
  /** For `bucketed`: whether this browser saw the visitor bucketed into an experiment using the event; undefined when no decision can be seen. */
  bucketed?: (visitorId: string, eventKey: string) => boolean
}

/** Why the conversion is not sent, or undefined to send it. */
export function audienceRefusal(audience: ConversionAudience, check: AudienceCheck): string | undefined {
  const { eventKey, visitorId, identity, bucketed } = check
  if (audience === 'everyone') return undefined
  if (audience === 'bucketed' && bucketed) {
    if (bucketed(visitorId, eventKey)) return undefined
    return notBucketed(eventKey, visitorId)
  }
  if (isIdentified(visitorId, identity)) return undefined
  return anonymousRefused(eventKey, visitorId, audience)
}
