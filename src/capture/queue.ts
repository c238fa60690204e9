/**
 * The early-capture queue's format, shared by `captureDecisions` (which writes it, before
 * analytics.js has loaded the destination) and the destination's decisions code (which drains it).
 * The README's copy-paste snippet writes the same format; src/__tests__/capture.test.ts runs both.
 *
 * sessionStorage: the queue must outlive a redirect or a navigation in the same tab, and nothing
 * longer than the browser session. A duplicated tab gets a copy; the exposure memory, shared by the
 * tabs, keeps the copy from being reported twice.
 */
import { STORAGE_PREFIX } from '../client/namespacedStorage'

/** The sessionStorage entry: a JSON array of QueuedDecision, oldest first. */
export const CAPTURE_QUEUE_KEY = `${STORAGE_PREFIX}capture:queue`
/**
 * The `window` property where the captures and the destination meet: an array of the running
 * captures (their client and how to stop them) until the destination takes over, then the
 * destination's function that listens to a client captured later.
 */
export const CAPTURE_HANDOFF_KEY = `${STORAGE_PREFIX}capture`
/** The newest this many decisions are kept (distinct ones: a render loop's repeats are one). */
export const MAX_QUEUED_DECISIONS = 100
/** A decision older than this is dropped: its Experiment Viewed would arrive too late to mean much. */
export const QUEUED_DECISION_TTL_MS = 30 * 60 * 1000

/** One DECISION notification as captured: the SDK's `userId` and flag `decisionInfo` fields, and when. */
export interface QueuedDecision {
  /** Date.now() of the decision. */
  t: number
  /** The notification's userId. */
  u: string
  /** The notification's decisionInfo, without variables and reasons. */
  d: {
    flagKey: string
    enabled: boolean
    variationKey: string | null
    ruleKey: string | null
    experimentId: string | null
    variationId: string | null
    decisionEventDispatched: boolean
  }
}

/** A running capture, as the destination finds it on `window`. */
export interface RunningCapture {
  client: unknown
  stop(): void
}

/** The entries of a stored queue that are still fresh; anything unreadable is no entry. */
export function freshDecisions(text: string | null | undefined, now: number): QueuedDecision[] {
  if (typeof text !== 'string') return []
  try {
    const entries: unknown = JSON.parse(text)
    if (!Array.isArray(entries)) return []
    return entries.filter(
      (entry): entry is QueuedDecision =>
        typeof (entry as QueuedDecision)?.d === 'object' &&
        typeof (entry as QueuedDecision).t === 'number' &&
        now - (entry as QueuedDecision).t < QUEUED_DECISION_TTL_MS
    )
  } catch {
    return []
  }
}
