/**
 * Why each Event API request ended as it did, seen from the dispatcher the SDK sends through.
 * Whether a retry is worth making when the browser comes back online depends on it: a batch that
 * never reached the network may go through now; a batch the endpoint answered with an error
 * status will be refused again, and resending it early would only add requests.
 */
import type { EventDispatcher } from './optimizelySdk'

/**
 * `delivered`: accepted (the SDK counts a response without a status, or 2xx/3xx, as sent).
 * `rejected`: the endpoint answered with another status (4xx, 5xx).
 * `unreachable`: no answer at all (offline, DNS, connection or CORS failure).
 */
export type DeliveryOutcome = 'delivered' | 'rejected' | 'unreachable'

function outcomeOf(statusCode: number | undefined): DeliveryOutcome {
  return statusCode === undefined || (statusCode >= 200 && statusCode < 400) ? 'delivered' : 'rejected'
}

/**
 * The same dispatcher, reporting each request's outcome. The SDK gets the very promise the
 * dispatcher returned, so its batching, retries and store handling see no difference.
 */
export function watchDeliveries(dispatcher: EventDispatcher, report: (outcome: DeliveryOutcome) => void): EventDispatcher {
  return {
    dispatchEvent(event) {
      const sending = dispatcher.dispatchEvent(event)
      // Observed on a branch of its own: a failure here never reaches the SDK or the page.
      Promise.resolve(sending)
        .then(
          (response) => report(outcomeOf(response?.statusCode)),
          () => report('unreachable')
        )
        .catch(() => undefined)
      return sending
    }
  }
}
