/**
 * One of the two places that reach inside the Optimizely SDK (datafilePolling.ts is the other):
 * it asks the SDK's batch event processor to resend the failed batches it keeps in its store now,
 * instead of at its next 20 s retry tick.
 *
 * Why an internal: the SDK's BatchEventProcessor has a public `retryFailedEvents()` (its own
 * retry timer and its start-up call it), but `createBatchEventProcessor()` hands out an opaque
 * wrapper that holds the processor under a module-private symbol, and SDK 6.6.1 offers no other
 * way to trigger that retry. So the wrapper's one symbol-keyed property is read here, and used
 * only when it has the two methods this needs; otherwise the caller gets nothing and the SDK's
 * own timer keeps retrying on its own schedule. src/__tests__/storedEventRetry.test.ts fails when a new SDK
 * changes this shape.
 *
 * Why it is safe to call: the SDK skips stored events that are still queued or being dispatched
 * (no duplicate), sorts the rest by their time-ordered IDs (order kept), and removes each from
 * the store only when its batch was accepted (nothing lost). With a synchronous store (ours, see
 * namespacedStorage.ts) it reaches the dispatch within the calling task, so two calls from
 * different tasks cannot both pick up the same events; callers still must not overlap calls.
 */
import type { OpaqueEventProcessor } from './optimizelySdk'

interface RetryingProcessor {
  retryFailedEvents(): Promise<void>
  isRunning(): boolean
}

/** Resends the stored failed events; resolves false, sending nothing, once the processor has stopped. */
export type StoredEventRetry = () => Promise<boolean>

function isRetryingProcessor(candidate: unknown): candidate is RetryingProcessor {
  const processor = candidate as Partial<Record<keyof RetryingProcessor, unknown>> | null
  return (
    typeof processor === 'object' &&
    processor !== null &&
    typeof processor.retryFailedEvents === 'function' &&
    typeof processor.isRunning === 'function'
  )
}

/** The processor's retry, or undefined when this SDK's event processor does not have the expected shape. */
export function storedEventRetry(eventProcessor: OpaqueEventProcessor): StoredEventRetry | undefined {
  let processor: unknown
  try {
    const symbols = Object.getOwnPropertySymbols(eventProcessor)
    if (symbols.length !== 1) return undefined
    processor = (eventProcessor as unknown as Record<symbol, unknown>)[symbols[0]]
  } catch {
    return undefined
  }
  if (!isRetryingProcessor(processor)) return undefined
  return async () => {
    // A closed client's processor must stay quiet: its store may still hold events.
    if (!processor.isRunning()) return false
    await processor.retryFailedEvents()
    return true
  }
}
