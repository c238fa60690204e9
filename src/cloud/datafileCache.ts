/**
 * An in-memory, per-URL cache of parsed datafiles. Without it every conversion would download the
 * datafile again (Segment's published destination does), although it only changes when someone
 * edits the project. Entries are revalidated with a conditional request (ETag/Last-Modified), so
 * an unchanged datafile costs a 304 and no parsing.
 */
import { RetryableError, type RequestClient } from '@segment/actions-core'
import { assertAccount, parseDatafile, type ProjectDatafile } from './datafile'
import { DEFAULT_FETCH_OPTIONS, fetchDatafile, type DatafileFetchOptions } from './datafileFetch'
import { datafileUrlFor, isOptimizelyHost } from './datafileUrlPolicy'
import { errorForResponse, withoutSecrets } from './httpErrors'
import { BoundedMap } from '../shared/boundedMap'
import { fetchingDatafile } from '../messages/cloud'

/** How long a datafile is used without asking the CDN. Short, so flag/event edits arrive quickly. */
export const DATAFILE_TTL_MS = 60_000

/**
 * When revalidation fails for a reason worth retrying (CDN outage, timeout), conversions keep
 * flowing with the last good datafile for this long rather than failing.
 */
export const MAX_STALE_MS = 15 * 60_000

/** Bounds memory on a worker that serves many destinations: least recently used URLs go first. */
export const MAX_CACHED_DATAFILES = 500

interface Entry {
  datafile: ProjectDatafile
  etag?: string
  lastModified?: string
  /** Last time the CDN confirmed this copy (200 or 304). */
  validatedAt: number
  /** Last time the CDN was asked, successfully or not. */
  checkedAt: number
}

export interface DatafileCacheOptions {
  ttlMs?: number
  maxStaleMs?: number
  maxEntries?: number
  now?: () => number
  fetch?: Partial<DatafileFetchOptions>
}

export class DatafileCache {
  /** Least recently used URLs go first: each use sets its entry again (touch). */
  private readonly entries: BoundedMap<string, Entry>
  private readonly pending = new Map<string, Promise<ProjectDatafile>>()
  private readonly ttlMs: number
  private readonly maxStaleMs: number
  private readonly now: () => number
  private fetchOptions: DatafileFetchOptions

  constructor(options: DatafileCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? DATAFILE_TTL_MS
    this.maxStaleMs = options.maxStaleMs ?? MAX_STALE_MS
    this.entries = new BoundedMap(options.maxEntries ?? MAX_CACHED_DATAFILES)
    this.now = options.now ?? (() => Date.now())
    this.fetchOptions = { ...DEFAULT_FETCH_OPTIONS, ...options.fetch }
  }

  /**
   * For tests only: fetch through another network (their local servers, their CA) or with other
   * budgets; no argument restores the production ones. Only code can call this: no setting and
   * no environment variable reaches it.
   */
  useFetchOptions(options: Partial<DatafileFetchOptions> = {}): void {
    this.fetchOptions = { ...DEFAULT_FETCH_OPTIONS, ...options }
    this.clear()
  }

  clear(): void {
    this.entries.clear()
    this.pending.clear()
  }

  /**
   * The datafile at the Datafile URL `input`: from memory while fresh, else revalidated.
   * `revalidate` asks the CDN even when the copy is fresh (used when settings are saved, where the
   * user expects a real check). The URL policy (datafileUrlPolicy.ts) is applied first, always.
   */
  async get(request: RequestClient, input: string, options: { revalidate?: boolean } = {}): Promise<ProjectDatafile> {
    const url = datafileUrlFor(input, this.fetchOptions.network.nonPublic).href
    const entry = this.entries.get(url)
    if (entry && !options.revalidate && this.now() - entry.checkedAt < this.ttlMs) {
      this.touch(url, entry)
      return entry.datafile
    }
    // Concurrent events for the same URL share one request.
    const inFlight = this.pending.get(url)
    if (inFlight) return inFlight
    const loading = this.load(request, url, entry).finally(() => this.pending.delete(url))
    this.pending.set(url, loading)
    return loading
  }

  private async load(request: RequestClient, url: string, cached: Entry | undefined): Promise<ProjectDatafile> {
    try {
      const entry = await this.fetch(request, url, cached)
      this.touch(url, entry)
      return entry.datafile
    } catch (error) {
      const now = this.now()
      if (cached && error instanceof RetryableError && now - cached.validatedAt <= this.maxStaleMs) {
        // Ask again after another TTL rather than on every event while the CDN is failing.
        this.touch(url, { ...cached, checkedAt: now })
        return cached.datafile
      }
      // A datafile that is gone, of the wrong shape or deactivated must stop conversions.
      this.entries.delete(url)
      throw error
    }
  }

  private async fetch(request: RequestClient, url: string, cached: Entry | undefined): Promise<Entry> {
    const headers: Record<string, string> = {}
    if (cached?.etag) headers['If-None-Match'] = cached.etag
    if (cached?.lastModified) headers['If-Modified-Since'] = cached.lastModified
    const what = fetchingDatafile(url)

    // No secret goes to the CDN; getDatafile redacts the caller's token from whatever passes through.
    const fetched = await fetchDatafile(request, new URL(url), headers, this.fetchOptions)
    const { response } = fetched
    const quote = isOptimizelyHost(fetched.url)
    const now = this.now()
    const etag = response.headers.get('etag') ?? undefined
    const lastModified = response.headers.get('last-modified') ?? undefined

    if (response.status === 304 && cached) {
      return {
        ...cached,
        etag: etag ?? cached.etag,
        lastModified: lastModified ?? cached.lastModified,
        validatedAt: now,
        checkedAt: now
      }
    }
    if (!response.ok) {
      throw errorForResponse(what, { status: response.status, content: response.content }, { secrets: [], quoteBody: quote })
    }
    return { datafile: parseDatafile(response.content, url, { quote }), etag, lastModified, validatedAt: now, checkedAt: now }
  }

  private touch(url: string, entry: Entry): void {
    this.entries.set(url, entry)
  }
}

/** One cache per process, shared by every destination instance and action. */
export const datafileCache = new DatafileCache()

/**
 * The configured datafile, checked to belong to the configured account. Every cloud path gets its
 * datafile here, so the cloud's URL policy (datafileUrlPolicy.ts: https only, public addresses
 * only) is checked before any request and again at connection time.
 */
export async function getDatafile(
  request: RequestClient,
  settings: { dataFileUrl: string; accountId: string; accessToken?: string },
  options: { revalidate?: boolean } = {}
): Promise<ProjectDatafile> {
  try {
    const datafile = await datafileCache.get(request, settings.dataFileUrl, options)
    assertAccount(datafile, settings.accountId, settings.dataFileUrl)
    return datafile
  } catch (error) {
    throw withoutSecrets(error, [settings.accessToken])
  }
}
