/**
 * The destination's own client's datafile polling, as the SDK runs it (its polling datafile
 * manager and its repeater, `autoUpdate` with `updateInterval`), with the two things the SDK
 * does not offer:
 * - polling only while the page is visible (and the destination converts through this client): a
 *   hidden tab asks for nothing; shown again, it polls at once when a whole interval passed while
 *   it was hidden, else one interval later;
 * - knowing whether a datafile request is in flight, so a conversion whose event key the current
 *   datafile lacks can wait for the copy that is on its way (a returning visitor's cached datafile
 *   may predate the event).
 *
 * Like storedEventRetry.ts this reaches inside the SDK: `createPollingProjectConfigManager()`
 * returns an opaque wrapper holding the config manager under a module-private symbol, and the
 * SDK 6.6.1 offers no way to pause its repeater or see its request. The shape is checked and,
 * when it differs, the caller gets nothing: the SDK then polls on its own schedule (hidden tabs
 * included) and a conversion is not held. src/__tests__/datafilePolling.test.ts fails when a new
 * SDK changes this shape.
 */
import type { OpaqueConfigManager } from './optimizelySdk'

interface Repeater {
  start(immediately?: boolean): void
  stop(): void
  isRunning(): boolean
}

interface PollingDatafileManager {
  repeater: Repeater
  currentRequest?: { responsePromise?: unknown }
  isDone(): boolean
}

export interface DatafilePolling {
  /** Settles (never rejects) once the datafile request in flight has been answered and applied; undefined when none is. */
  inFlight(): Promise<void> | undefined
  /**
   * From now on (call once the client is ready), the SDK polls only while the page is visible and
   * the returned `setWanted` last said so (the destination converts through this client).
   */
  pauseWhileHidden(intervalMs: number, now?: () => number): { setWanted(wanted: boolean): void }
}

function isDatafileManager(candidate: unknown): candidate is PollingDatafileManager {
  const manager = candidate as Partial<Record<keyof PollingDatafileManager, unknown>> | null
  const repeater = manager?.repeater as Partial<Record<keyof Repeater, unknown>> | undefined
  return (
    typeof manager === 'object' &&
    manager !== null &&
    typeof manager.isDone === 'function' &&
    typeof repeater?.start === 'function' &&
    typeof repeater.stop === 'function' &&
    typeof repeater.isRunning === 'function'
  )
}

/** The SDK applies an answered datafile within the microtasks after its response; one task later it is in use. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** The polling of this config manager, or undefined when this SDK's config manager does not have the expected shape. */
export function datafilePolling(configManager: OpaqueConfigManager): DatafilePolling | undefined {
  let manager: unknown
  try {
    const symbols = Object.getOwnPropertySymbols(configManager)
    if (symbols.length !== 1) return undefined
    manager = ((configManager as unknown as Record<symbol, unknown>)[symbols[0]] as { datafileManager?: unknown } | undefined)
      ?.datafileManager
  } catch {
    return undefined
  }
  if (!isDatafileManager(manager)) return undefined
  const datafileManager = manager
  const polling: DatafilePolling = {
    inFlight() {
      const answer = datafileManager.currentRequest?.responsePromise
      if (!(answer instanceof Promise)) return undefined
      return answer.then(nextTask, nextTask)
    },
    pauseWhileHidden(intervalMs, now = () => performance.now()) {
      let wanted = true
      /** When polling was paused; undefined while it runs. */
      let pausedAt: number | undefined
      const update = () => {
        // Called from a listener: an exception would be the page's error.
        try {
          if (datafileManager.isDone()) return void document.removeEventListener('visibilitychange', update)
          if (!wanted || document.visibilityState === 'hidden') {
            if (pausedAt !== undefined) return
            pausedAt = now()
            datafileManager.repeater.stop()
          } else if (pausedAt !== undefined) {
            const pausedFor = now() - pausedAt
            pausedAt = undefined
            // A request still out would schedule its own next poll too: start once it is answered.
            void (polling.inFlight() ?? Promise.resolve()).then(() => {
              if (pausedAt !== undefined || datafileManager.isDone() || datafileManager.repeater.isRunning()) return
              datafileManager.repeater.start(pausedFor >= intervalMs)
            })
          }
        } catch {
          // The SDK keeps polling on its own schedule.
        }
      }
      document.addEventListener('visibilitychange', update)
      update()
      return {
        setWanted(next) {
          wanted = next
          update()
        }
      }
    }
  }
  return polling
}
