/**
 * Keeps the destination's own client from sending while the caller says so (the visitor refused
 * consent, see src/consent). The SDK hands its batches to the dispatcher; while `closed()` is
 * true a batch is not sent and is answered as done, so the SDK deletes its events from its store
 * instead of keeping them for a retry: what was pending when the visitor refused is dropped, never
 * sent later, and no SDK code is changed. The SDK's queue, timers and store work as always.
 */
import type { EventDispatcher } from './optimizelySdk'

export function gateDispatcher(dispatcher: EventDispatcher, closed: () => boolean): EventDispatcher {
  return {
    // A response without a status is one the SDK counts as sent.
    dispatchEvent: (event) => (closed() ? Promise.resolve({}) : dispatcher.dispatchEvent(event))
  }
}
