/**
 * Whether the page has captured decisions for the destination to take over: a capture running on
 * `window`, or a queue left by an earlier page of this tab. The main bundle asks this before
 * deciding to download the decisions code, so it reads as little as it can.
 */
import { CAPTURE_HANDOFF_KEY, CAPTURE_QUEUE_KEY } from './queue'

export function hasCapturedDecisions(): boolean {
  try {
    return (
      Array.isArray((window as unknown as Record<string, unknown>)[CAPTURE_HANDOFF_KEY]) ||
      window.sessionStorage.getItem(CAPTURE_QUEUE_KEY) !== null
    )
  } catch {
    return false
  }
}
