/**
 * One bounded datafile download through actions-core's request client: a single time budget for
 * everything (DNS, connecting, TLS, headers, body, every redirect hop), a byte cap, the URL policy
 * on every hop, and every resolved address checked at connection time.
 *
 * Why each piece:
 * - `skipResponseCloning`: actions-core otherwise reads a clone of the response and leaves the
 *   original unread; node-fetch then stops the stream once its buffer fills, so any datafile over
 *   ~64 KB never finished loading.
 * - The budget: actions-core's timeout ends when the headers arrive, so a body that stalls would
 *   hold the load (which concurrent events share) forever. At the end of the budget the load fails
 *   and its sockets are destroyed, whatever state they are in.
 * - node-fetch's `size` option (actions-core hands its options to node-fetch) stops reading past
 *   the cap, counted after decompression.
 * - Its own https.Agent per hop, whose `lookup` resolves the host and refuses it when any of its
 *   addresses is not public, so no connection is ever opened to one: a DNS answer is checked
 *   where it is used. Redirects are followed here (`redirect: 'manual'`) so each hop is checked.
 */
import https from 'https'
import { promises as dns, type LookupAddress } from 'dns'
import type { LookupFunction } from 'net'
import { IntegrationError, RetryableError, type ModifiedResponse, type RequestClient, type RequestOptions } from '@segment/actions-core'
import { errorForNetworkFailure } from './httpErrors'
import { anAddressOfKind, nonPublicKind } from './publicAddress'
import { DatafileUrlRefused, redirectTarget, type AddressCheck } from './datafileUrlPolicy'
import {
  budgetRanOut,
  budgetRanOutResolving,
  datafileTooLarge,
  downloadTooSlow,
  fetchingDatafile,
  hostResolvesNotPublic,
  noAddress,
  tooManyRedirects
} from '../messages/cloud'

/** The whole download, redirects included, must finish within this time. */
export const DATAFILE_TIME_BUDGET_MS = 10_000

/** The largest datafile read (decompressed). Datafiles of 5 MB load; parsing much more blocks a worker. */
export const MAX_DATAFILE_BYTES = 6_000_000

/** Redirects followed at most, each checked like the Datafile URL itself. */
export const MAX_DATAFILE_REDIRECTS = 5

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** How host names become addresses, and which addresses may be connected to. */
export interface DatafileNetwork {
  /** All addresses of a host name (A and AAAA), as `dns.lookup` with `all: true` answers. */
  resolve(hostname: string): Promise<LookupAddress[]>
  /** The kind of non-public address it is, or undefined for a public one. */
  nonPublic: AddressCheck
  /** Certificate authorities to trust instead of Node's bundled ones. */
  ca?: string
}

/** The network production uses: the system resolver, public addresses only, Node's CAs. */
export const PUBLIC_INTERNET: DatafileNetwork = {
  resolve: (hostname) => dns.lookup(hostname, { all: true, order: 'verbatim' }),
  nonPublic: nonPublicKind
}

export interface DatafileFetchOptions {
  network: DatafileNetwork
  budgetMs: number
  maxBytes: number
}

export const DEFAULT_FETCH_OPTIONS: DatafileFetchOptions = {
  network: PUBLIC_INTERNET,
  budgetMs: DATAFILE_TIME_BUDGET_MS,
  maxBytes: MAX_DATAFILE_BYTES
}

/** The datafile was larger than the cap; it will not shrink by retrying. */
export class DatafileTooLarge extends IntegrationError {
  constructor(url: URL, maxBytes: number) {
    super(datafileTooLarge(url.href, megabytes(maxBytes), maxBytes), 'DATAFILE_TOO_LARGE', 400)
  }
}

export interface FetchedDatafile {
  /** Where the answer came from, after redirects. */
  url: URL
  response: ModifiedResponse
}

function megabytes(bytes: number): string {
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}

/** What one download shares across its hops. */
interface Attempt {
  agents: https.Agent[]
  refusal?: DatafileUrlRefused
  expired: boolean
}

function familyOf(option: unknown): 4 | 6 | undefined {
  if (option === 4 || option === 'IPv4') return 4
  if (option === 6 || option === 'IPv6') return 6
  return undefined
}

/** A `lookup` for the agent: resolves, refuses the host if any address is not public, else answers as dns.lookup does. */
function guardedLookup(attempt: Attempt, network: DatafileNetwork): LookupFunction {
  return (hostname, options, callback) => {
    const fail = (message: string, code: string) => callback(Object.assign(new Error(message), { code }), '', 0)
    network.resolve(hostname).then(
      (addresses) => {
        if (attempt.expired) return fail(budgetRanOutResolving, 'ETIMEDOUT')
        for (const { address } of addresses) {
          const kind = network.nonPublic(address)
          if (kind === undefined) continue
          // The address itself is not named: the message would map internal host names for anyone.
          attempt.refusal = new DatafileUrlRefused(hostResolvesNotPublic(hostname, anAddressOfKind(kind)))
          return fail(attempt.refusal.message, 'EREFUSED')
        }
        const family = familyOf(options.family)
        const usable = addresses.filter((address) => family === undefined || address.family === family)
        if (usable.length === 0) return fail(noAddress(hostname), 'ENOTFOUND')
        if (options.all) return callback(null, usable)
        return callback(null, usable[0].address, usable[0].family)
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0)
    )
  }
}

async function follow(
  request: RequestClient,
  start: URL,
  headers: Record<string, string>,
  options: DatafileFetchOptions,
  attempt: Attempt
): Promise<FetchedDatafile> {
  let url = start
  for (let hop = 0; ; hop++) {
    // A hop must not start after the budget ran out: its agent would outlive the clean-up.
    if (attempt.expired) throw new RetryableError(budgetRanOut(start.href))
    const agent = new https.Agent({
      keepAlive: false,
      lookup: guardedLookup(attempt, options.network),
      ...(options.network.ca === undefined ? {} : { ca: options.network.ca })
    })
    attempt.agents.push(agent)
    // `size` is node-fetch's own option; actions-core passes its options through to node-fetch.
    const requestOptions: RequestOptions & { size: number } = {
      method: 'GET',
      headers,
      throwHttpErrors: false,
      redirect: 'manual',
      skipResponseCloning: true,
      // The budget below is the only clock: actions-core's timeout would stop at the headers.
      timeout: false,
      agent,
      size: options.maxBytes
    }
    const response = await request(url.href, requestOptions)
    const location = response.headers.get('location')
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return { url, response }
    if (hop === MAX_DATAFILE_REDIRECTS) {
      throw new DatafileUrlRefused(tooManyRedirects(start.href, MAX_DATAFILE_REDIRECTS))
    }
    url = redirectTarget(location, url, options.network.nonPublic)
  }
}

/**
 * Downloads the datafile at `url` (already checked against the URL policy). Resolves with the
 * final answer, any status; rejects with an actions-core error: the URL policy's refusal, too
 * large, over the time budget (retryable), or a network failure (retryable).
 */
export async function fetchDatafile(
  request: RequestClient,
  url: URL,
  headers: Record<string, string>,
  options: DatafileFetchOptions = DEFAULT_FETCH_OPTIONS
): Promise<FetchedDatafile> {
  const attempt: Attempt = { agents: [], expired: false }
  const destroyAgents = () => attempt.agents.forEach((agent) => agent.destroy())
  let timer: NodeJS.Timeout | undefined
  const overBudget = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      attempt.expired = true
      destroyAgents()
      reject(new RetryableError(downloadTooSlow(url.href, seconds(options.budgetMs))))
    }, options.budgetMs)
  })
  const download = follow(request, url, headers, options, attempt)
  // Once the budget has run out, the download's own failure (its sockets destroyed) is nobody's concern.
  download.catch(() => undefined)
  try {
    return await Promise.race([download, overBudget])
  } catch (error) {
    if (attempt.refusal) throw attempt.refusal
    if (error instanceof IntegrationError || error instanceof RetryableError) throw error
    if ((error as { type?: unknown }).type === 'max-size') throw new DatafileTooLarge(url, options.maxBytes)
    throw errorForNetworkFailure(fetchingDatafile(url.href), error, [])
  } finally {
    clearTimeout(timer)
    destroyAgents()
  }
}
