/**
 * `optimizely-feature-experimentation-segment/capture`: records an Optimizely client's decisions
 * from the moment the site creates it, so those made before analytics.js has loaded the
 * destination (the first render, a redirect) still become Experiment Viewed. The site calls
 * `captureDecisions(client)` right after `createInstance`; the destination drains the queue
 * when it loads (through the same exposure rules and de-duplication) and then listens itself.
 *
 * It must stay tiny (≤ 1 KB gzip, `npm run bench`) and load before everything else: it imports
 * neither the SDK nor Segment's runtime, only the queue's format. Nothing it does may throw into
 * the page.
 */
import {
  CAPTURE_HANDOFF_KEY,
  CAPTURE_QUEUE_KEY,
  MAX_QUEUED_DECISIONS,
  QUEUED_DECISION_TTL_MS,
  freshDecisions,
  type QueuedDecision,
  type RunningCapture
} from './queue'

/** The parts of a DECISION notification every SDK v6 notification type has. */
interface DecisionPayload {
  type: string
  userId: string
  decisionInfo: unknown
}

/** What the capture needs of an Optimizely client (an SDK v6 `Client` has it). */
export interface CapturableClient {
  notificationCenter: {
    addNotificationListener(type: 'DECISION', callback: (notification: DecisionPayload) => void): number
    removeNotificationListener(id: number): boolean
  }
}

type Handoff = RunningCapture[] | ((client: unknown) => void) | undefined

/** Starts recording `client`'s flag decisions; a destination already listening takes the client directly. */
export function captureDecisions(client: CapturableClient): void {
  try {
    const page = window as unknown as Record<string, Handoff>
    const handoff = page[CAPTURE_HANDOFF_KEY]
    if (typeof handoff === 'function') return handoff(client)
    const store = window.sessionStorage
    let queue = freshDecisions(store.getItem(CAPTURE_QUEUE_KEY), Date.now())
    const id = client.notificationCenter.addNotificationListener('DECISION', ({ type, userId, decisionInfo }) => {
      try {
        // A flag decision's info (SDK v6 `FlagDecisionInfo`); other types stop at the type check.
        const info = decisionInfo as QueuedDecision['d']
        if (type !== 'flag' || !info.experimentId) return
        const same = (entry: QueuedDecision) =>
          entry.u === userId &&
          entry.d.experimentId === info.experimentId &&
          entry.d.variationId === info.variationId &&
          entry.d.decisionEventDispatched === info.decisionEventDispatched
        if (queue.some(same)) return
        const now = Date.now()
        const { flagKey, enabled, variationKey, ruleKey, experimentId, variationId, decisionEventDispatched } = info
        const decision = { flagKey, enabled, variationKey, ruleKey, experimentId, variationId, decisionEventDispatched }
        queue = [...queue.filter((entry) => now - entry.t < QUEUED_DECISION_TTL_MS), { t: now, u: userId, d: decision }]
        queue = queue.slice(-MAX_QUEUED_DECISIONS)
        store.setItem(CAPTURE_QUEUE_KEY, JSON.stringify(queue))
      } catch {
        // Storage full or blocked: the decision is not captured; the page goes on.
      }
    })
    const running = Array.isArray(handoff) ? handoff : (page[CAPTURE_HANDOFF_KEY] = [])
    running.push({ client, stop: () => client.notificationCenter.removeNotificationListener(id) })
  } catch {
    // No storage or no notification center: nothing is captured, and the destination works as without.
  }
}
