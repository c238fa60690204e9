/**
 * The visitor-ID guard: a site that decides with the anonymous ID before login and converts after
 * it would send conversions for the user ID, which Optimizely counts for nobody. Given the
 * conversion's mapped ID and the event's other Segment ID, it says which ID to send and what to
 * tell the developer.
 */
import { decidedForOtherId, sentForDecidedId } from '../messages/decisions'
export type VisitorIdGuardMode = 'off' | 'warn' | 'use-decided-id'

export interface SegmentIdentity {
  userId?: unknown
  anonymousId?: unknown
}

export interface GuardOutcome {
  userId: string
  /** Set when the developer should be told, once per pair of IDs and page. */
  notice?: { level: 'warn' | 'info'; key: string; message: string }
}

export function toVisitorIdGuardMode(input: unknown): VisitorIdGuardMode {
  return input === 'off' || input === 'use-decided-id' ? input : 'warn'
}

/** The event's other Segment ID: the anonymous ID when the mapped ID is the user ID, and the other way round. */
function otherId(mapped: string, identity: SegmentIdentity): string | undefined {
  const userId = typeof identity.userId === 'string' || typeof identity.userId === 'number' ? String(identity.userId) : undefined
  const anonymousId = typeof identity.anonymousId === 'string' ? identity.anonymousId : undefined
  const other = mapped === userId ? anonymousId : mapped === anonymousId ? userId : undefined
  return other && other !== mapped ? other : undefined
}

export function guardVisitorId(
  mode: VisitorIdGuardMode,
  mapped: string,
  identity: SegmentIdentity,
  wasDecided: (visitorId: string) => boolean
): GuardOutcome {
  if (mode === 'off') return { userId: mapped }
  const other = otherId(mapped, identity)
  if (other === undefined || wasDecided(mapped) || !wasDecided(other)) return { userId: mapped }
  const key = `${mapped}\u0000${other}`
  if (mode === 'use-decided-id') {
    return {
      userId: other,
      notice: { level: 'info', key, message: sentForDecidedId(other, mapped) }
    }
  }
  return {
    userId: mapped,
    notice: {
      level: 'warn',
      key,
      message: decidedForOtherId(mapped, other)
    }
  }
}
