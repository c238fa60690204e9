/**
 * The one place that decides when the destination's own client resends the events its SDK keeps
 * in its store, and makes it do so: when the browser is back online (below); the same resend is
 * handed back for ownClient.ts to use at once after carrying events into the store (eventStore.ts).
 * The others only supply what they own: eventEndpoint.ts the dispatcher, deliveryOutcomes.ts the
 * outcome of each request, storedEventRetry.ts the SDK's retry of its store.
 *
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
import type { ConsoleLog } from './consoleLog'
import { watchDeliveries, type DeliveryOutcome } from './deliveryOutcomes'
import type { EventDispatcher, OpaqueEventProcessor } from './optimizelySdk'
import { storedEventRetry, type StoredEventRetry } from './storedEventRetry'
import { noImmediateRetry } from '../messages/ownClient'

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

/** `dispatcher` (the one the SDK sends through), telling `gate` how each request ended. */
export function watchedForResend(dispatcher: EventDispatcher, gate: RetryGate): EventDispatcher {
  return watchDeliveries(dispatcher, gate.noteOutcome)
}

/**
 * Resends for `eventProcessor` (call it once the client is ready: before, its processor is not
 * running) whenever the browser comes back online or the page is shown again, as `gate` allows,
 * for the life of the processor. Returns the resend for events just carried into the store, which
 * needs no gate; undefined when this SDK offers no immediate retry (its own 20 s timer and the
 * next page load still retry).
 */
export function resendWhenBackOnline(eventProcessor: OpaqueEventProcessor, gate: RetryGate, log: ConsoleLog): StoredEventRetry | undefined {
  const retry = storedEventRetry(eventProcessor)
  if (!retry) {
    log.log('debug', noImmediateRetry)
    return undefined
  }
  let calling = false
  const onTrigger = (): void => {
    // A listener's exception would be the page's error; nothing here may throw out of it.
    try {
      if (calling || navigator.onLine === false || document.visibilityState === 'hidden' || !gate.mayRetry()) return
      calling = true
      gate.retrying()
      retry().then(
        (processorRunning) => {
          calling = false
          if (processorRunning) return
          window.removeEventListener('online', onTrigger)
          document.removeEventListener('visibilitychange', onTrigger)
        },
        () => {
          // A store entry the SDK cannot read fails its retry; its own timer meets the same entry.
          calling = false
        }
      )
    } catch {
      calling = false
    }
  }
  window.addEventListener('online', onTrigger)
  document.addEventListener('visibilitychange', onTrigger)
  return retry
}
