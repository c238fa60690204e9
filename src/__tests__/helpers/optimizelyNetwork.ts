/**
 * The network edge of the device-mode tests: the datafile CDN and Optimizely's Event API, faked
 * with nock underneath jsdom's XMLHttpRequest. Everything above it (the SDK, its batching,
 * retries and payload building) is real. Responses carry CORS headers because jsdom enforces
 * CORS like a browser: the page is http://localhost, the Event API another origin.
 */
import nock from 'nock'
import fixture from '../../../fixtures/datafile.json'

export const DATAFILE_URL = 'https://cdn.optimizely.com/datafiles/AcmeShopDemoKey0001.json'
export const US_EVENTS = 'https://logx.optimizely.com'
export const EU_EVENTS = 'https://eu.logx.optimizely.com'

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, if-modified-since'
}

export type Datafile = typeof fixture & Record<string, unknown>

/** A copy of the fixture datafile with some fields changed. */
export function datafileWith(changes: Record<string, unknown> = {}): Datafile {
  return { ...JSON.parse(JSON.stringify(fixture)), ...changes }
}

export interface DatafileResponse {
  body?: unknown
  status?: number
  delayMs?: number
  url?: string
}

/**
 * Serves the datafile (JSON unless the body is a string) for every request to its URL, and
 * counts the requests and the answers actually delivered (a delayed answer is not yet served).
 */
export function serveDatafile({ body = datafileWith(), status = 200, delayMs = 0, url = DATAFILE_URL }: DatafileResponse = {}) {
  const { origin, pathname } = new URL(url)
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const contentType = typeof body === 'string' ? 'text/plain' : 'application/json'
  const counts = { requests: 0, served: 0 }
  const scope = nock(origin).persist()
  scope.options(pathname).reply(204, '', CORS)
  scope.get(pathname).reply(() => {
    counts.requests++
    return new Promise((resolve) =>
      setTimeout(() => {
        counts.served++
        resolve([status, text, { ...CORS, 'content-type': contentType }])
      }, delayMs)
    ) as never
  })
  return counts
}

/** One Event API request as the SDK sent it. */
export interface EventBatch {
  account_id: string
  project_id: string
  revision: string
  client_name: string
  client_version: string
  anonymize_ip: boolean
  enrich_decisions: boolean
  visitors: Visitor[]
}

export interface Visitor {
  visitor_id: string
  attributes: Array<{ entity_id: string; key: string; type: string; value: unknown }>
  snapshots: Array<{ decisions: unknown[]; events: SentEvent[] }>
}

export interface SentEvent {
  entity_id: string
  key: string
  timestamp: number
  uuid: string
  revenue?: number
  value?: number
  tags?: Record<string, unknown>
}

/**
 * Records every Event API POST to `origin`. `statuses` answers the first requests with those
 * codes (e.g. [500, 500] then 200s) to exercise the SDK's retries.
 */
export function captureEventApi(origin = US_EVENTS, path = '/v1/events', statuses: number[] = []) {
  const batches: EventBatch[] = []
  const attempts: number[] = []
  const scope = nock(origin).persist()
  scope.options(path).reply(204, '', CORS)
  scope.post(path).reply((_uri, body) => {
    const status = statuses[attempts.length] ?? 200
    attempts.push(status)
    if (status < 300) batches.push((typeof body === 'string' ? JSON.parse(body) : body) as EventBatch)
    return [status, '', CORS]
  })
  const visitors = () => batches.flatMap((batch) => batch.visitors)
  return { batches, attempts, visitors, scope }
}

/** Waits until `check` holds (the SDK flushes its batch about once a second). */
export async function waitFor(check: () => boolean, timeoutMs = 8000, what = 'condition'): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export function resetNetwork(): void {
  nock.cleanAll()
  nock.disableNetConnect()
}
