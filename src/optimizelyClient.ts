/**
 * Creates the destination's Optimizely client: the real SDK with its polling datafile manager and
 * batch event processor, ready before the first conversion (the SDK's `track()` silently drops
 * events while its datafile is missing).
 */
import { createBatchEventProcessor, createInstance, createPollingProjectConfigManager, type Client } from './optimizelySdk'
import { createConsoleLog, toLogLevel, type ConsoleLog } from './consoleLog'
import { datafileUrlProblem } from './datafileUrl'
import { eventDispatchers } from './eventEndpoint'
import { createSdkLogger } from './sdkLogger'
import { catalogFromDatafile, isPlainObject, type DatafileCatalog } from './valueRules'
import type { Settings } from './generated-types'

/**
 * The SDK's browser defaults, named so the SDK does not warn about them: a batch leaves when it
 * holds 10 conversions or after a second, so 100 conversions cost about 10 Event API requests.
 */
export const EVENT_BATCH_SIZE = 10
export const EVENT_FLUSH_INTERVAL_MS = 1000

/** How long loading may wait for the datafile before the destination gives up (the SDK retries meanwhile). */
export const DATAFILE_LOAD_TIMEOUT_MS = 5000

export interface OptimizelyDestinationClient {
  optimizely: Client
  catalog: DatafileCatalog
  log: ConsoleLog
}

/** The one console error a failed load prints, naming the datafile URL and the reason. */
export class DatafileLoadError extends Error {
  constructor(url: unknown, reason: string) {
    super(`could not load the Optimizely datafile ${JSON.stringify(url)}: ${reason}. Conversions are not sent to Optimizely.`)
    this.name = 'DatafileLoadError'
  }
}

function settingsProblem(settings: Settings): string | undefined {
  if (typeof settings.accountId !== 'string' || settings.accountId.trim() === '') return 'the Optimizely Account Id setting is empty'
  const urlProblem = datafileUrlProblem(settings.dataFileUrl)
  if (urlProblem) return urlProblem
  if (settings.eventEndpoint) {
    try {
      new URL(settings.eventEndpoint)
    } catch {
      return `the Event Endpoint "${settings.eventEndpoint}" is not a valid URL`
    }
  }
  return undefined
}

/** The datafile as the SDK parsed it, or why it cannot be used by this destination. */
function readDatafile(optimizely: Client, accountId: string): { datafile?: Record<string, unknown>; problem?: string } {
  const text = optimizely.getOptimizelyConfig()?.getDatafile()
  const datafile: unknown = text ? JSON.parse(text) : undefined
  if (!isPlainObject(datafile)) return { problem: 'the SDK holds no datafile' }
  if (String(datafile.accountId) !== accountId.trim()) {
    return { problem: `it belongs to account ${String(datafile.accountId)}, not to the configured account ${accountId}` }
  }
  return { datafile }
}

export async function loadOptimizely(settings: Settings): Promise<OptimizelyDestinationClient> {
  const log = createConsoleLog(toLogLevel(settings.logLevel))
  const fail = (reason: string): never => {
    const error = new DatafileLoadError(settings.dataFileUrl, reason)
    log.log('error', error.message)
    throw error
  }

  const problem = settingsProblem(settings)
  if (problem) return fail(problem)

  const url = settings.dataFileUrl.trim()
  const sdkLogger = createSdkLogger(log)
  const optimizely = createInstance({
    // The datafile URL is used as is: the SDK substitutes the SDK key only where the template says %s.
    projectConfigManager: createPollingProjectConfigManager({ sdkKey: url, urlTemplate: url }),
    eventProcessor: createBatchEventProcessor({
      batchSize: EVENT_BATCH_SIZE,
      flushInterval: EVENT_FLUSH_INTERVAL_MS,
      ...eventDispatchers(settings.eventEndpoint?.trim())
    }),
    logger: sdkLogger.logger
  })
  const giveUp = (reason: string): never => {
    // close() rejects when the datafile never loaded; that is expected here, not a page error.
    optimizely.close().catch(() => undefined)
    return fail(reason)
  }

  try {
    await optimizely.onReady({ timeout: DATAFILE_LOAD_TIMEOUT_MS })
  } catch (error) {
    // The SDK's last error says why (HTTP status, malformed JSON); its own rejection says when.
    return giveUp([sdkLogger.lastHeldError(), (error as Error).message].filter(Boolean).join('; '))
  }
  for (const recovered of sdkLogger.releaseHeldErrors()) log.log('warn', `SDK (recovered): ${recovered}`)

  const { datafile, problem: datafileProblem } = readDatafile(optimizely, settings.accountId)
  if (!datafile) return giveUp(datafileProblem as string)
  return { optimizely, catalog: catalogFromDatafile(datafile), log }
}
