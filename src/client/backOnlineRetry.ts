/**
 * Back online: conversions whose requests failed for want of a network leave as soon as the
 * browser has one again, on the same page, instead of at the SDK's next retry tick (every 20 s)
 * or on the next page load.
 *
 * When the browser fires `online`, or the page is shown again after being hidden, the own client's
 * SDK resends the failed batches it keeps in its store (storedEventRetry.ts): its processor, its
 * store, its batching and retries, nothing queued twice. That happens only when
 * - a request of this page failed for want of a network since the last such retry. A batch the
 *   endpoint refused (4xx, 5xx) is not helped by the network coming back; the SDK's own timer keeps
 *   retrying it on its own schedule, and nothing is added to that;
 * - the browser reports itself online and the page is not hidden. Every open tab of the site hears
 *   `online` and they share one store: the tab the visitor looks at resends for all of them, and a
 *   hidden tab waits until it is shown. That keeps this trigger from firing in every tab at once;
 *   it cannot stop another tab's SDK timer (every 20 s, or on its start) from picking up the same
 *   stored events meanwhile, which the SDK's shared store allowed before this trigger existed;
 * - no earlier retry call is still running, and the back-off allows it: when a retry was followed
 *   by another failure, the next one waits 2 s, then 4 s, 8 s, ..., at most 60 s. A trigger that
 *   comes too early is dropped, quietly (the SDK's timer still retries every 20 s).
 */
import type { DeliveryOutcome } from './deliveryOutcomes'
import type { StoredEventRetry } from './storedEventRetry'

export const FIRST_BACKOFF_MS = 2_000
export const MAX_BACKOFF_MS = 60_000

/** Decides whether a retry now is worth its requests, from the outcomes of the page's Event API requests. */
export interface RetryGate {
  /** Fed with the outcome of every Event API request (see deliveryOutcomes.ts). */
  noteOutcome: (outcome: DeliveryOutcome) => void
  mayRetry: () => boolean
  /** Records that a retry starts now. */
  retrying: () => void
}

/** `now` is a monotonic clock in milliseconds (a wall clock can jump back and stall the back-off). */
export function createRetryGate(now: () => number = () => performance.now()): RetryGate {
  /** A request failed for want of a network since the last retry. */
  let stranded = false
  /** Retries in a row whose next outcome was a failure; reset by any delivery. */
  let failedRetries = 0
  let judgingLastRetry = false
  let lastRetryAt = -Infinity
  const backoff = () => (failedRetries === 0 ? 0 : Math.min(FIRST_BACKOFF_MS * 2 ** (failedRetries - 1), MAX_BACKOFF_MS))
  return {
    noteOutcome: (outcome) => {
      if (outcome === 'delivered') failedRetries = 0
      else if (judgingLastRetry) failedRetries = Math.min(failedRetries + 1, 32)
      judgingLastRetry = false
      if (outcome === 'unreachable') stranded = true
    },
    mayRetry: () => stranded && now() - lastRetryAt >= backoff(),
    retrying: () => {
      stranded = false
      judgingLastRetry = true
      lastRetryAt = now()
    }
  }
}

/** Listens for the browser coming back online or the page being shown, for the life of the processor. */
export function retryWhenBackOnline(retry: StoredEventRetry, gate: RetryGate): void {
  let calling = false
  const stop = () => {
    window.removeEventListener('online', onTrigger)
    document.removeEventListener('visibilitychange', onTrigger)
  }
  function onTrigger(): void {
    // A listener's exception would be the page's error; nothing here may throw out of it.
    try {
      if (calling || navigator.onLine === false || document.visibilityState === 'hidden' || !gate.mayRetry()) return
      calling = true
      gate.retrying()
      void retry()
        .then(
          (processorRunning) => {
            if (!processorRunning) stop()
          },
          // A store entry the SDK cannot read fails its retry; its own timer meets the same entry.
          () => undefined
        )
        .finally(() => {
          calling = false
        })
    } catch {
      calling = false
    }
  }
  window.addEventListener('online', onTrigger)
  document.addEventListener('visibilitychange', onTrigger)
}
