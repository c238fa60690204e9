/**
 * The destination's own Optimizely client, created only when the page has none to share. This
 * module and the SDK behind it are loaded lazily (a separate chunk in the web bundle), so a page
 * whose client is reused never downloads a second SDK.
 */
import { createBatchEventProcessor, createInstance, createPollingProjectConfigManager, type SdkClient } from './optimizelySdk'
import type { ConsoleLog } from './consoleLog'
import { createDatafileCache } from './datafileCache'
import { carryOverSharedEvents, createEventStore } from './eventStore'
import { datafilePolling } from './datafilePolling'
import { datafileRefreshMs } from './datafileRefresh'
import { eventDispatchers } from './eventEndpoint'
import { createSdkLogger } from './sdkLogger'
import { createRetryGate, resendWhenBackOnline, watchedForResend } from './resend'
import type { EventGate } from './eventGate'
import type { Settings } from '../generated-types'
import { notADatafileHint, pollingNotPausable, sdkRecovered } from '../messages/ownClient'

/**
 * A batch leaves when it holds 10 conversions or half a second after its first one: a burst of
 * 100 conversions costs 10 Event API requests, and a lone conversion leaves within about 0.5 s
 * (the SDK's default wait is 1 s). Named so the SDK does not warn about unset values.
 */
export const EVENT_BATCH_SIZE = 10
export const EVENT_FLUSH_INTERVAL_MS = 500

/** What an unparsable answer usually means: Optimizely serves text for a deactivated project. */
/** The destination's own ready client, and what only the destination's own client offers. */
export interface OwnSdkClient {
  optimizely: SdkClient
  /** Settles once the datafile request in flight is answered and applied; undefined when none is. */
  datafileInFlight(): Promise<void> | undefined
  /** Moves the pending events the previous release stored for this project into this instance's store, and sends them. */
  carryOverStoredEvents(projectId: string): void
  /** Whether conversions go through this client: its datafile is refreshed only while they do. */
  setInUse(inUse: boolean): void
}

/**
 * Resolves with a ready client within `timeoutMs`, or rejects with the reason it could not get a
 * datafile. `gate` (from src/consent) keeps events from being stored and sent (eventGate.ts).
 */
export async function createOwnClient(
  settings: Settings,
  log: ConsoleLog,
  timeoutMs: number,
  gate: EventGate = { store: (store) => store, dispatcher: (dispatcher) => dispatcher }
): Promise<OwnSdkClient> {
  const url = settings.dataFileUrl.trim()
  const sdkLogger = createSdkLogger(log)
  const retryGate = createRetryGate()
  const { eventDispatcher, closingEventDispatcher } = eventDispatchers(settings.eventEndpoint?.trim())
  // This instance's own store (see eventStore.ts): never shared with another project or datafile URL.
  const eventStore = createEventStore(settings.accountId, url)
  const eventProcessor = createBatchEventProcessor({
    batchSize: EVENT_BATCH_SIZE,
    flushInterval: EVENT_FLUSH_INTERVAL_MS,
    eventStore: gate.store(eventStore),
    // Why requests fail decides whether coming back online is worth a resend (resend.ts).
    eventDispatcher: gate.dispatcher(watchedForResend(eventDispatcher, retryGate)),
    closingEventDispatcher: closingEventDispatcher && gate.dispatcher(closingEventDispatcher)
  })
  const refreshMs = datafileRefreshMs(settings.datafileRefreshMinutes, log)
  const projectConfigManager = createPollingProjectConfigManager({
    // The datafile URL is used as is: the SDK substitutes the SDK key only where the template says %s.
    sdkKey: url,
    urlTemplate: url,
    cache: createDatafileCache(settings.accountId.trim()),
    // The SDK's own polling for long-lived pages (datafileRefresh.ts); off, it fetches once.
    autoUpdate: refreshMs > 0,
    ...(refreshMs > 0 ? { updateInterval: refreshMs } : {})
  })
  const polling = datafilePolling(projectConfigManager)
  const optimizely = createInstance({ projectConfigManager, eventProcessor, logger: sdkLogger.logger })
  try {
    await optimizely.onReady({ timeout: timeoutMs })
  } catch (error) {
    // close() rejects when the datafile never loaded; that is expected here, not a page error.
    optimizely.close().catch(() => undefined)
    // The SDK's last error says why (HTTP status, malformed JSON); its own rejection says when,
    // unless it only repeats the same words.
    const why = sdkLogger.lastHeldError()
    const when = (error as Error).message
    const reason = why && when && why.includes(when) ? why : [why, when].filter(Boolean).join('; ')
    throw new Error(/invalid datafile/i.test(reason) ? notADatafileHint(reason) : reason)
  }
  for (const recovered of sdkLogger.releaseHeldErrors()) log.log('warn', sdkRecovered(recovered))
  const resendNow = resendWhenBackOnline(eventProcessor, retryGate, log)
  const refresh = refreshMs > 0 ? polling?.pauseWhileHidden(refreshMs) : undefined
  if (refreshMs > 0 && !refresh) log.log('debug', pollingNotPausable)
  return {
    optimizely,
    datafileInFlight: () => polling?.inFlight(),
    carryOverStoredEvents(projectId) {
      // Sent now; without the retry internal, at the SDK's next retry tick (20 s).
      if (carryOverSharedEvents(eventStore, settings.accountId, projectId) > 0) resendNow?.().catch(() => undefined)
    },
    // Kept running when the page's client takes over: its queued and stored conversions still leave.
    setInUse: (inUse) => refresh?.setWanted(inUse)
  }
}
