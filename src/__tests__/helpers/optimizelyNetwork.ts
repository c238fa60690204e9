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
  return { ...(JSON.parse(JSON.stringify(fixture)) as Datafile), ...changes }
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

/** Answers one Event API request with an HTTP status, from its body and its index among all requests. */
export type EventApiAnswer = (batch: EventBatch, attempt: number) => number

function parseBatch(body: unknown): EventBatch {
  return (typeof body === 'string' ? JSON.parse(body) : body) as EventBatch
}

/**
 * Records every Event API POST to `origin`. `statuses` answers the first requests with those
 * codes (e.g. [500, 500] then 200s) to exercise the SDK's retries, or answers each request by
 * what it carries.
 */
export function captureEventApi(origin = US_EVENTS, path = '/v1/events', statuses: number[] | EventApiAnswer = []) {
  const batches: EventBatch[] = []
  const attempts: number[] = []
  /** Every request's body, whatever it was answered. */
  const received: EventBatch[] = []
  const scope = nock(origin).persist()
  scope.options(path).reply(204, '', CORS)
  scope.post(path).reply((_uri, body) => {
    const batch = parseBatch(body)
    const status = (typeof statuses === 'function' ? statuses(batch, attempts.length) : statuses[attempts.length]) ?? 200
    attempts.push(status)
    received.push(batch)
    if (status < 300) batches.push(batch)
    return [status, '', CORS]
  })
  const visitors = () => batches.flatMap((batch) => batch.visitors)
  return { batches, attempts, received, visitors, scope }
}

/** Whether an Event API request carries events of `visitorId`. */
export function carriesVisitor(batch: EventBatch, visitorId: string): boolean {
  return batch.visitors.some((visitor) => visitor.visitor_id === visitorId)
}

/**
 * Event API requests of `visitorId` that find no network, as when the browser is offline: the
 * request fails with no HTTP status. The first `times` of them when given, else all. Call it
 * before captureEventApi, whose catch-all answers the other requests (and the CORS preflights).
 */
export function dropEventApiRequests(
  visitorId: string,
  { times, origin = US_EVENTS, path = '/v1/events' }: { times?: number; origin?: string; path?: string } = {}
) {
  const dropped: EventBatch[] = []
  const scope = times === undefined ? nock(origin).persist() : nock(origin)
  const interceptor = scope.post(path, (body) => carriesVisitor(parseBatch(body), visitorId))
  ;(times === undefined ? interceptor : interceptor.times(times)).replyWithError('net::ERR_INTERNET_DISCONNECTED')
  scope.on('request', (_request, _interceptor, body: string) => dropped.push(parseBatch(body)))
  return { dropped, scope }
}

/** The SDK flushes its batch about once a second: tests wait for what it sends (see testClock.ts). */
export { waitFor } from './testClock'

export function resetNetwork(): void {
  nock.cleanAll()
  nock.disableNetConnect()
}

/**
 * The next Event API request of `visitorId` is accepted only after `delayMs` (a slow network):
 * meanwhile its batch is in flight. Call it before captureEventApi.
 */
export function slowEventApiRequest(visitorId: string, delayMs: number, origin = US_EVENTS, path = '/v1/events') {
  const accepted: EventBatch[] = []
  let arrived = false
  const scope = nock(origin)
  scope
    .post(path, (body) => carriesVisitor(parseBatch(body), visitorId))
    .delay(delayMs)
    .reply((_uri, body) => {
      accepted.push(parseBatch(body))
      return [200, '', CORS]
    })
  scope.on('request', () => (arrived = true))
  return { accepted, arrived: () => arrived }
}
