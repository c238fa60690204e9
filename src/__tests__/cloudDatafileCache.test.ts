/**
 * @jest-environment node
 *
 * The cloud module's datafile cache: one download for many events, revalidation after its TTL, and the last good copy while the CDN fails, for a bounded time.
 */
import nock from 'nock'
import { IntegrationError, RetryableError, createRequestClient, createTestIntegration } from '@segment/actions-core'
import destination from '../cloud'
import { DATAFILE_TTL_MS, DatafileCache, MAX_STALE_MS } from '../cloud/datafileCache'
import {
  DATAFILE_ORIGIN,
  DATAFILE_PATH,
  DATAFILE_URL,
  captureEventApi,
  datafileWith,
  resetNetwork,
  serveDatafile,
  settingsWith,
  unmatchedRequests
} from './cloudFixtures'

const testDestination = createTestIntegration(destination)

const ETAG = '"df-v1"'
const LAST_MODIFIED = 'Wed, 01 May 2024 10:00:00 GMT'

let clock = Date.UTC(2024, 4, 1, 12, 0, 0)

function track(index = 0) {
  return testDestination.testAction('trackEvent', {
    event: { event: 'purchase', userId: `user-${index}`, messageId: `msg-${index}`, properties: {}, context: {} },
    settings: settingsWith(),
    useDefaultMappings: true
  })
}

/** Revalidation requests: they must carry both validators; `reply` decides the answer. */
function expectRevalidation(reply: (scope: nock.Interceptor) => nock.Scope) {
  return reply(nock(DATAFILE_ORIGIN, { reqheaders: { 'if-none-match': ETAG, 'if-modified-since': LAST_MODIFIED } }).get(DATAFILE_PATH))
}

beforeEach(() => {
  resetNetwork()
  jest.spyOn(Date, 'now').mockImplementation(() => clock)
})
afterEach(() => {
  jest.restoreAllMocks()
  // Every request was expected: a datafile request the stale copy covered for would show here.
  expect(unmatchedRequests()).toEqual([])
})

describe('datafile cache (through Track Event)', () => {
  it('fetches the datafile once for many events, sequential and concurrent', async () => {
    const datafile = serveDatafile()
    const { scope, requests } = captureEventApi({ times: 30 })

    for (let index = 0; index < 10; index++) await track(index)
    await Promise.all(Array.from({ length: 20 }, (_, index) => track(10 + index)))

    datafile.done()
    scope.done()
    expect(requests).toHaveLength(30)
    expect(nock.pendingMocks()).toEqual([])
  })

  it('revalidates after the TTL with If-None-Match/If-Modified-Since, and reuses the cached copy on 304', async () => {
    serveDatafile(datafileWith(), { headers: { ETag: ETAG, 'Last-Modified': LAST_MODIFIED } })
    const { requests } = captureEventApi({ times: 4 })

    await track(1)
    clock += DATAFILE_TTL_MS - 1
    await track(2) // still fresh: no request

    clock += 2
    const revalidation = expectRevalidation((interceptor) => interceptor.reply(304))
    await track(3)
    revalidation.done()

    clock += DATAFILE_TTL_MS - 1
    await track(4) // fresh again after the 304

    expect(requests.map((request) => request.body.revision)).toEqual(['42', '42', '42', '42'])
    expect(requests[2].body.visitors[0].snapshots[0].events[0].entity_id).toBe('8002')
    expect(nock.pendingMocks()).toEqual([])
  })

  it('uses the new datafile when revalidation returns a changed one', async () => {
    serveDatafile(datafileWith(), { headers: { ETag: ETAG, 'Last-Modified': LAST_MODIFIED } })
    const { requests } = captureEventApi({ times: 2 })
    await track(1)

    clock += DATAFILE_TTL_MS
    const changed = datafileWith({ revision: '43', events: [{ id: '9002', key: 'purchase', experimentIds: [] }] })
    expectRevalidation((interceptor) => interceptor.reply(200, JSON.stringify(changed), { 'Content-Type': 'application/json' }))
    await track(2)

    expect(requests.map((request) => request.body.revision)).toEqual(['42', '43'])
    expect(requests[1].body.visitors[0].snapshots[0].events[0].entity_id).toBe('9002')
  })

  it('keeps sending with the last good datafile while the CDN fails, for a bounded time', async () => {
    serveDatafile(datafileWith(), { headers: { ETag: ETAG, 'Last-Modified': LAST_MODIFIED } })
    const { requests } = captureEventApi({ times: 2 })
    await track(1)

    clock += DATAFILE_TTL_MS
    expectRevalidation((interceptor) => interceptor.reply(503, 'Service Unavailable'))
    await track(2)
    expect(requests).toHaveLength(2)

    // Beyond the stale bound the failure surfaces (and Segment retries the event later).
    clock += MAX_STALE_MS
    expectRevalidation((interceptor) => interceptor.reply(503, 'Service Unavailable'))
    await expect(track(3)).rejects.toBeInstanceOf(RetryableError)
    expect(requests).toHaveLength(2)
  })

  it('stops using a datafile that revalidation reports gone, and fetches afresh next time', async () => {
    serveDatafile(datafileWith(), { headers: { ETag: ETAG, 'Last-Modified': LAST_MODIFIED } })
    const { requests } = captureEventApi({ times: 2 })
    await track(1)

    clock += DATAFILE_TTL_MS
    expectRevalidation((interceptor) => interceptor.reply(403, 'Access Denied'))
    await expect(track(2)).rejects.toThrow('HTTP 403: Access Denied')

    // No validators: the failed entry was dropped, so this is a plain fetch.
    nock(DATAFILE_ORIGIN, { badheaders: ['if-none-match', 'if-modified-since'] })
      .get(DATAFILE_PATH)
      .reply(200, JSON.stringify(datafileWith()), { 'Content-Type': 'application/json' })
    await track(3)
    expect(requests).toHaveLength(2)
  })
})

describe('DatafileCache', () => {
  const request = createRequestClient()

  it('caches per URL', async () => {
    const cache = new DatafileCache({ now: () => 0 })
    const other = datafileWith({ projectId: '33000000000' })
    nock(DATAFILE_ORIGIN).get('/a.json').reply(200, JSON.stringify(datafileWith()))
    nock(DATAFILE_ORIGIN).get('/b.json').reply(200, JSON.stringify(other))

    const a = await cache.get(request, `${DATAFILE_ORIGIN}/a.json`)
    const b = await cache.get(request, `${DATAFILE_ORIGIN}/b.json`)
    expect([a.projectId, b.projectId]).toEqual(['22003456780', '33000000000'])
    expect(await cache.get(request, `${DATAFILE_ORIGIN}/a.json`)).toBe(a)
  })

  it('evicts the least recently used URL beyond its size bound', async () => {
    const cache = new DatafileCache({ now: () => 0, maxEntries: 2 })
    for (const name of ['a', 'b', 'c', 'a']) {
      nock(DATAFILE_ORIGIN).get(`/${name}.json`).reply(200, JSON.stringify(datafileWith()))
    }
    await cache.get(request, `${DATAFILE_ORIGIN}/a.json`)
    await cache.get(request, `${DATAFILE_ORIGIN}/b.json`)
    await cache.get(request, `${DATAFILE_ORIGIN}/a.json`) // a is now the most recent
    await cache.get(request, `${DATAFILE_ORIGIN}/c.json`) // evicts b
    await cache.get(request, `${DATAFILE_ORIGIN}/a.json`) // still cached: no request
    expect(nock.pendingMocks()).toEqual([`GET ${DATAFILE_ORIGIN}:443/a.json`])
  })

  it('revalidates a fresh copy when asked to', async () => {
    const cache = new DatafileCache({ now: () => 0 })
    serveDatafile(datafileWith(), { headers: { ETag: ETAG, 'Last-Modified': LAST_MODIFIED } })
    await cache.get(request, DATAFILE_URL)
    const revalidation = expectRevalidation((interceptor) => interceptor.reply(304))
    await cache.get(request, DATAFILE_URL, { revalidate: true })
    revalidation.done()
  })

  it('turns a network failure into a retryable error naming the URL', async () => {
    // A stand-in client: nock's simulated socket errors race with node-fetch's listeners.
    const unreachable = (() => Promise.reject(new Error('getaddrinfo ENOTFOUND cdn.optimizely.com'))) as unknown as typeof request
    const attempt = new DatafileCache().get(unreachable, DATAFILE_URL)
    await expect(attempt).rejects.toBeInstanceOf(RetryableError)
    await expect(attempt).rejects.toThrow(`Fetching the datafile at ${DATAFILE_URL} failed: getaddrinfo ENOTFOUND cdn.optimizely.com`)
  })

  it('refuses JSON that is not a datafile', async () => {
    const cache = new DatafileCache()
    serveDatafile({ hello: 'world' })
    await expect(cache.get(request, DATAFILE_URL)).rejects.toThrow(IntegrationError)
    serveDatafile('[1, 2, 3]')
    await expect(cache.get(request, DATAFILE_URL)).rejects.toThrow('not an Optimizely datafile')
  })
})
