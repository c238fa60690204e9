/**
 * The destination's side of the early capture (src/capture): once its own DECISION listener is in
 * place it stops the page's captures, listens to their clients itself when they are not the one it
 * converts through, drains the queue through the same reporter, and from then on takes any client
 * captured later directly. All of it runs in one synchronous turn after the live listener was
 * added, so no decision falls between capture and listener; one that both saw (the queue holds it
 * and a later live decision repeats it) is claimed once by the exposure memory.
 */
import { CAPTURE_HANDOFF_KEY, CAPTURE_QUEUE_KEY, freshDecisions, type RunningCapture } from '../capture/queue'
import type { DecisionNotification } from './reportDecision'

type Page = Record<string, unknown>

function takeQueue(now: number): ReturnType<typeof freshDecisions> {
  try {
    const store = window.sessionStorage
    const queued = freshDecisions(store.getItem(CAPTURE_QUEUE_KEY), now)
    store.removeItem(CAPTURE_QUEUE_KEY)
    return queued
  } catch {
    return []
  }
}

/**
 * `listening`: the client the destination's listener is on; `listen` adds the same listener to
 * another client. Returns how many captured decisions were drained.
 */
export function takeOverCaptures(
  listening: unknown,
  listen: (client: unknown) => void,
  report: (notification: DecisionNotification, decidedAt: number) => void
): number {
  const page = window as unknown as Page
  const running = page[CAPTURE_HANDOFF_KEY]
  const follow = (client: unknown) => {
    if (client !== listening) listen(client)
  }
  page[CAPTURE_HANDOFF_KEY] = follow
  if (Array.isArray(running)) {
    for (const capture of running as RunningCapture[]) {
      capture.stop()
      follow(capture.client)
    }
  }
  const queued = takeQueue(Date.now())
  for (const { t, u, d } of queued) report({ type: 'flag', userId: u, decisionInfo: d }, t)
  return queued.length
}
