/**
 * src/client: the browser client's lifecycle (the page's client or our own, loading, storage,
 * logging, the event endpoint). Used by the device-mode definition and its action; imports only
 * src/shared and the SDK, never the cloud module.
 *
 * Loads the Optimizely client the destination converts through: the site's own client when the
 * page shares one, else the destination's own (loaded lazily with the SDK). Either way it is ready
 * before the first conversion (the SDK's `track()` silently drops events while its datafile is
 * missing) and its datafile belongs to the configured account.
 */
import type { Client } from './optimizelySdk'
import { createConsoleLog, toLogLevel, type ConsoleLog } from './consoleLog'
import { datafileUrlProblem } from '../shared/datafileUrl'
import { readyPageClient } from './pageClient'
import { preloadDatafile } from './datafilePreload'
import { catalogFromDatafile, isPlainObject, type DatafileCatalog } from '../shared/valueRules'
import type { Settings } from '../generated-types'

/** How long loading may wait for a usable datafile before the destination gives up (the SDK retries meanwhile). */
export const DATAFILE_LOAD_TIMEOUT_MS = 5000

export interface OptimizelyDestinationClient {
  optimizely: Client
  /** Replaced whenever the SDK takes a new datafile revision. */
  catalog: DatafileCatalog
  log: ConsoleLog
  /** The page's own client, reused: the site decides with it (else it is the destination's own). */
  reused: boolean
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

/** The client's current datafile as a catalog, or why this destination cannot use it. */
function readCatalog(optimizely: Client, accountId: string): { catalog?: DatafileCatalog; problem?: string } {
  let datafile: unknown
  try {
    datafile = JSON.parse(optimizely.getOptimizelyConfig()?.getDatafile() ?? '')
  } catch {
    return { problem: 'the SDK holds no datafile' }
  }
  if (!isPlainObject(datafile)) return { problem: 'the SDK holds no datafile' }
  if (String(datafile.accountId) !== accountId.trim()) {
    return { problem: `it belongs to account ${String(datafile.accountId)}, not to the configured account ${accountId.trim()}` }
  }
  return { catalog: catalogFromDatafile(datafile) }
}

/** The site's client when it is ready and of the configured account; problems are warnings, not failures. */
async function sharedClient(settings: Settings, log: ConsoleLog): Promise<Client | undefined> {
  const { client, problem } = await readyPageClient(settings.pageClientProperty, DATAFILE_LOAD_TIMEOUT_MS)
  const accountProblem = client && readCatalog(client, settings.accountId).problem
  const reason = problem ?? (accountProblem && `the page's Optimizely client datafile ${accountProblem}`)
  if (reason) log.log('warn', `${reason}; the destination loads its own client`)
  return reason ? undefined : client
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

  let optimizely = await sharedClient(settings, log)
  const reused = optimizely !== undefined
  if (!optimizely) {
    preloadDatafile(settings.dataFileUrl.trim())
    const { createOwnClient } = await import(/* webpackChunkName: "optimizely-sdk" */ './ownClient')
    optimizely = await createOwnClient(settings, log, DATAFILE_LOAD_TIMEOUT_MS).catch((error: Error) => fail(error.message))
  }

  const { catalog, problem: datafileProblem } = readCatalog(optimizely, settings.accountId)
  if (!catalog) {
    if (!reused) optimizely.close().catch(() => undefined)
    return fail(datafileProblem as string)
  }
  const client: OptimizelyDestinationClient = { optimizely, catalog, log, reused }
  // A cached datafile is refreshed in the background: new events and attributes must count too.
  optimizely.notificationCenter.addNotificationListener('OPTIMIZELY_CONFIG_UPDATE', () => {
    const update = readCatalog(optimizely, settings.accountId)
    if (update.catalog) client.catalog = update.catalog
    else log.log('warn', `ignoring the updated datafile: ${update.problem}`)
  })
  return client
}
