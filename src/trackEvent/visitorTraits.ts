/**
 * The traits fallback of the Track Event action (when Event Attributes map to nothing), for the
 * event's own visitor only. analytics.js stamps the user and anonymous IDs on an event when
 * `track` is called, but keeps one set of traits for whoever is identified now, and the action runs
 * later: after `track()` for alice, `reset()` and `identify('bob', traits)` (not awaited) the stored
 * traits are bob's. So the stored traits are used only while the stored user is still the event's
 * visitor; otherwise the traits the visitor's last identify carried on this page (analytics.js
 * reports each identify once delivered), else none. Never another user's.
 */
import type { Analytics } from '@segment/analytics-next'
import { isPlainObject } from '../shared/valueRules'

/** Identified users whose traits are remembered per page (the most recent). */
const MAX_REMEMBERED_USERS = 10

const rememberedTraits = new WeakMap<object, Map<string, Record<string, unknown>>>()

interface EventIdentity {
  userId?: unknown
  anonymousId?: unknown
}

/** From load on, remembers the traits each identify carried, by user ID. */
export function rememberIdentifiedTraits(analytics: Analytics): void {
  if (rememberedTraits.has(analytics)) return
  const byUser = new Map<string, Record<string, unknown>>()
  rememberedTraits.set(analytics, byUser)
  try {
    analytics.on('identify', (userId: unknown, traits: unknown) => {
      if (typeof userId !== 'string' || !isPlainObject(traits)) return
      byUser.delete(userId)
      byUser.set(userId, traits)
      if (byUser.size > MAX_REMEMBERED_USERS) byUser.delete(byUser.keys().next().value as string)
    })
  } catch {
    // Without the emitter only the stored traits of the event's own visitor are used.
  }
}

/** The traits of the event's visitor, or undefined when they are not known. */
export function traitsOfEventVisitor(analytics: Analytics, event: EventIdentity | undefined): unknown {
  if (!event) return undefined
  const user = analytics.user()
  const same = (stored: unknown, stamped: unknown) => (stored ?? null) === (stamped ?? null)
  if (same(user.id(), event.userId) && same(user.anonymousId(), event.anonymousId)) return user.traits()
  return typeof event.userId === 'string' ? rememberedTraits.get(analytics)?.get(event.userId) : undefined
}
