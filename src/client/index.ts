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
import type { SdkClient } from './optimizelySdk'
import { createConsoleLog, toLogLevel, type ConsoleLog } from './consoleLog'
import { datafileUrlProblem } from '../shared/datafileUrl'
import { datafileAccountProblem } from '../shared/datafileAccount'
import { isClosed, looksLikeClient, propertyName, publishedValue, readyPageClient, watchPublishedClients } from './pageClient'
import type { OwnSdkClient } from './ownClient'
import { preloadDatafile } from './datafilePreload'
import { catalogFromDatafile, isPlainObject, type DatafileCatalog } from '../shared/valueRules'
import type { Settings } from '../generated-types'
import type { EventGate } from './eventGate'
import {
  accountIdEmpty,
  datafileLoadFailed,
  datafileOfOtherAccount,
  eventEndpointInvalid,
  noDatafileInSdk,
  ownClientAfterPageClient,
  pageClientGoneOwnFailed,
  pageClientUnusable,
  publishedClientLate,
  publishedClientNotReady,
  publishedClientNotUsed,
  updatedDatafileIgnored
} from '../messages/page'

/** How long loading may wait for a usable datafile before the destination gives up (the SDK retries meanwhile). */
export const DATAFILE_LOAD_TIMEOUT_MS = 5000

/**
 * What the action converts through: the SDK client in use now (`optimizely`, an SdkClient: the
 * page's own or the destination's own, an OwnSdkClient's), with that client's datafile catalog
 * and the way to follow the page's client. src/decisions extends it as ClientWithDecisions.
 */
export interface ConversionClient {
  /** The client conversions go to now: the one the page publishes, else the destination's own. */
  optimizely: SdkClient
  /** Of that client's current datafile; replaced whenever it takes a new revision or the client changes. */
  catalog: DatafileCatalog
  /** That datafile's revision, named when a conversion's event key is not in it. */
  revision: string
  log: ConsoleLog
  /** `optimizely` is the page's own client (the site decides with it); else it is the destination's own. */
  reused: boolean
  /**
   * Follows the page before a conversion: switches to the client published at the Page's
   * Optimizely Client property when it changed (once it is ready, at most 5 s after it was first
   * seen, and of the configured account), and away from a client that was closed or replaced (to
   * the destination's own). Resolves false when no usable client is left; never rejects.
   */
  follow(): Promise<boolean>
  /** Settles once the destination's own client has answered its datafile request in flight; undefined when none is (or `optimizely` is the page's client). */
  datafileInFlight(): Promise<void> | undefined
  /** Calls `listener` with the page's client now and with each one the site publishes later, as it is published. */
  onPageClient(listener: (optimizely: SdkClient) => void): void
  /** The client is ready, open and of the configured account (whose decisions may be reported). */
  isUsable(optimizely: SdkClient): boolean
}

/** The one console error a failed load prints, naming the datafile URL and the reason. */
export class DatafileLoadError extends Error {
  constructor(url: unknown, reason: string) {
    super(datafileLoadFailed(url, reason))
    this.name = 'DatafileLoadError'
  }
}

function settingsProblem(settings: Settings): string | undefined {
  if (typeof settings.accountId !== 'string' || settings.accountId.trim() === '') return accountIdEmpty
  const urlProblem = datafileUrlProblem(settings.dataFileUrl)
  if (urlProblem) return urlProblem
  if (settings.eventEndpoint) {
    try {
      new URL(settings.eventEndpoint)
    } catch {
      return eventEndpointInvalid(settings.eventEndpoint)
    }
  }
  return undefined
}

/** What the destination reads from a client's current datafile. */
interface DatafileView {
  catalog: DatafileCatalog
  revision: string
  projectId: string
}

/** The client's current datafile, or why this destination cannot use it. */
function readDatafile(optimizely: SdkClient, accountId: string): DatafileView | { problem: string } {
  let datafile: unknown
  try {
    datafile = JSON.parse(optimizely.getOptimizelyConfig()?.getDatafile() ?? '')
  } catch {
    return { problem: noDatafileInSdk }
  }
  if (!isPlainObject(datafile)) return { problem: noDatafileInSdk }
  const accountProblem = datafileAccountProblem(datafile.accountId, accountId)
  if (accountProblem) return { problem: datafileOfOtherAccount(accountProblem) }
  return { catalog: catalogFromDatafile(datafile), revision: String(datafile.revision), projectId: String(datafile.projectId) }
}

/** Read once per datafile: the SDK builds one OptimizelyConfig per datafile it takes. */
function createDatafileReader(accountId: string): (optimizely: SdkClient) => DatafileView | { problem: string } {
  const read = new WeakMap<object, DatafileView | { problem: string }>()
  return (optimizely) => {
    let config: object | null = null
    try {
      config = optimizely.getOptimizelyConfig()
    } catch {
      // Treated as no datafile.
    }
    if (!config) return { problem: noDatafileInSdk }
    let view = read.get(config)
    if (!view) read.set(config, (view = readDatafile(optimizely, accountId)))
    return view
  }
}

/** The site's client when it is ready and of the configured account; problems are warnings, not failures. */
async function sharedClient(
  settings: Settings,
  log: ConsoleLog,
  datafileOf: (optimizely: SdkClient) => DatafileView | { problem: string }
): Promise<SdkClient | undefined> {
  const { client, problem } = await readyPageClient(settings.pageClientProperty, DATAFILE_LOAD_TIMEOUT_MS)
  const datafile = client && datafileOf(client)
  const accountProblem = datafile && 'problem' in datafile ? datafile.problem : undefined
  const reason = problem ?? (accountProblem && pageClientUnusable(accountProblem))
  if (reason) log.log('warn', ownClientAfterPageClient(reason))
  return reason ? undefined : client
}

const settle = (ms: number) => new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms))

export interface LoadOptions {
  /**
   * Keeps the destination's own client from storing and sending events (eventGate.ts); the page's
   * client is not ours to hold. The own client (which may resend stored events at once) is created
   * only once it settles. If it rejects, the load fails without a message of its own: the caller
   * says why.
   */
  gateLoading?: Promise<EventGate>
}

export async function loadOptimizely(settings: Settings, { gateLoading }: LoadOptions = {}): Promise<ConversionClient> {
  const log = createConsoleLog(toLogLevel(settings.logLevel))
  const fail = (reason: string): never => {
    const error = new DatafileLoadError(settings.dataFileUrl, reason)
    log.log('error', error.message)
    throw error
  }

  const problem = settingsProblem(settings)
  if (problem) return fail(problem)

  const property = settings.pageClientProperty
  const datafileOf = createDatafileReader(settings.accountId)
  const pageClientListeners: Array<(optimizely: SdkClient) => void> = []
  const tellPageClient = (value: unknown) => {
    if (!looksLikeClient(value) || value === own?.optimizely) return
    for (const listener of pageClientListeners) listener(value)
  }
  /** Page clients seen at the property: when first seen, and their readiness. */
  const candidates = new WeakMap<object, { seenAt: number; ready: Promise<unknown> }>()
  const noteCandidate = (candidate: SdkClient) => {
    let seen = candidates.get(candidate)
    if (!seen) {
      const ready = candidate.onReady().then(
        () => undefined,
        (error: Error) => error
      )
      candidates.set(candidate, (seen = { seenAt: Date.now(), ready }))
    }
    return seen
  }
  const atLoad = publishedValue(property)
  if (looksLikeClient(atLoad)) noteCandidate(atLoad)

  /** Set when `gateLoading` rejected: that failure is the caller's to say. */
  let gateFailed = false
  /** The destination's own client, loaded at most once: at load, or when the page's client goes away. */
  let own: OwnSdkClient | undefined
  let ownLoading: Promise<OwnSdkClient> | undefined
  const loadOwnClient = () =>
    (ownLoading ??= (async () => {
      // The datafile (unless cached) downloads while the SDK chunk does: one round trip, not two.
      preloadDatafile(settings.dataFileUrl.trim())
      const [{ createOwnClient }, eventGate] = await Promise.all([
        import(/* webpackChunkName: "optimizely-sdk" */ './ownClient'),
        gateLoading?.catch((error: Error) => {
          gateFailed = true
          throw error
        })
      ])
      const created = await createOwnClient(settings, log, DATAFILE_LOAD_TIMEOUT_MS, eventGate)
      const datafile = datafileOf(created.optimizely)
      if ('problem' in datafile) {
        created.optimizely.close().catch(() => undefined)
        throw new Error(datafile.problem)
      }
      created.carryOverStoredEvents(datafile.projectId)
      own = created
      return created
    })())

  /** Published clients already warned about (not used), so each is named once. */
  const refused = new WeakSet<object>()
  let optimizely = await sharedClient(settings, log, datafileOf)
  if (!optimizely && looksLikeClient(atLoad)) refused.add(atLoad)
  if (!optimizely) {
    optimizely = (
      await loadOwnClient().catch((error: Error) => {
        if (gateFailed) throw error
        return fail(error.message)
      })
    ).optimizely
  }
  const initial = datafileOf(optimizely)
  if ('problem' in initial) return fail(initial.problem)

  const watchingUpdates = new WeakSet<object>()

  const client: ConversionClient = {
    optimizely,
    catalog: initial.catalog,
    revision: initial.revision,
    log,
    reused: optimizely !== own?.optimizely,
    follow,
    datafileInFlight: () => (own && client.optimizely === own.optimizely ? own.datafileInFlight() : undefined),
    onPageClient(listener) {
      // The property becomes an accessor only when someone listens (the decisions want it).
      if (pageClientListeners.length === 0) watchPublishedClients(property, tellPageClient)
      pageClientListeners.push(listener)
      const published = publishedValue(property)
      if (looksLikeClient(published) && published !== own?.optimizely) listener(published)
    },
    isUsable: (candidate) => !isClosed(candidate) && !('problem' in datafileOf(candidate))
  }

  /** Converts through `next` from now on, with its datafile's keys. */
  function use(next: SdkClient, datafile: DatafileView): void {
    const switched = next !== client.optimizely
    Object.assign(client, { optimizely: next, catalog: datafile.catalog, revision: datafile.revision, reused: next !== own?.optimizely })
    if (switched) own?.setInUse(!client.reused)
    if (!watchingUpdates.has(next)) {
      watchingUpdates.add(next)
      // A datafile refreshed in the background: new events and attributes must count too.
      next.notificationCenter.addNotificationListener('OPTIMIZELY_CONFIG_UPDATE', () => {
        if (client.optimizely !== next) return
        const update = datafileOf(next)
        if ('problem' in update) log.log('warn', updatedDatafileIgnored(update.problem))
        else Object.assign(client, { catalog: update.catalog, revision: update.revision })
      })
    }
    if (switched && client.reused) tellPageClient(next)
  }
  use(optimizely, initial)

  /** The published client once it is ready, or why not, waiting at most until 5 s after it was first seen. */
  async function readyCandidate(candidate: SdkClient): Promise<DatafileView | { problem: string }> {
    const seen = noteCandidate(candidate)
    const waited = await Promise.race([seen.ready, settle(Math.max(0, seen.seenAt + DATAFILE_LOAD_TIMEOUT_MS - Date.now()))])
    if (waited === 'late') return { problem: publishedClientLate(DATAFILE_LOAD_TIMEOUT_MS) }
    if (waited instanceof Error) return { problem: publishedClientNotReady(waited.message) }
    return datafileOf(candidate)
  }

  let ownFailureReported = false
  async function follow(): Promise<boolean> {
    try {
      const published = publishedValue(property)
      if (published === client.optimizely && !isClosed(published)) return true
      if (looksLikeClient(published) && !isClosed(published)) {
        if (published === own?.optimizely) {
          use(published, datafileOf(published) as DatafileView)
          return true
        }
        const datafile = await readyCandidate(published)
        if (!('problem' in datafile) && publishedValue(property) === published && !isClosed(published)) {
          use(published, datafile)
          return true
        }
        if ('problem' in datafile && !refused.has(published)) {
          refused.add(published)
          log.log('warn', publishedClientNotUsed(propertyName(property), datafile.problem))
        }
      }
      // Nothing usable is published: a closed or replaced page client is never used again.
      if (own && client.optimizely === own.optimizely) return true
      const fallback = await loadOwnClient()
      const datafile = datafileOf(fallback.optimizely)
      if ('problem' in datafile) throw new Error(datafile.problem)
      use(fallback.optimizely, datafile)
      return true
    } catch (error) {
      if (!ownFailureReported && !gateFailed) {
        ownFailureReported = true
        const reason = pageClientGoneOwnFailed((error as Error).message)
        log.log('error', new DatafileLoadError(settings.dataFileUrl, reason).message)
      }
      return false
    }
  }

  return client
}
