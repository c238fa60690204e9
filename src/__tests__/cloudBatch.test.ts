/**
 * @jest-environment node
 *
 * The cloud Track Event in batches: events that can be sent go in as few Event API requests as the body size allows, and each event that cannot is reported on its own.
 */
import { createTestIntegration } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import destination from '../cloud'
import { parseDatafile } from '../cloud/datafile'
import { MAX_EVENT_API_BODY_BYTES, buildBody, buildVisitor, splitVisitors } from '../cloud/eventApi'
import {
  DATAFILE_URL,
  EU_ORIGIN,
  captureEventApi,
  datafileWith,
  resetNetwork,
  serveDatafile,
  settingsWith,
  unmatchedRequests
} from './cloudFixtures'

const testDestination = createTestIntegration(destination)

function purchase(index: number, changes: Partial<SegmentEvent> = {}): SegmentEvent {
  return {
    type: 'track',
    event: 'purchase',
    userId: `user-${index}`,
    messageId: `msg-${index}`,
    timestamp: new Date(Date.UTC(2024, 4, 1, 12, 0, index)).toISOString(),
    context: { traits: { plan: 'pro' } },
    properties: { revenue: 100 + index },
    ...changes
  }
}

/** The message of a multi-status entry; success entries have none. */
function errorMessage(result: object): string | undefined {
  return 'errormessage' in result ? String(result.errormessage) : undefined
}

async function trackBatch(events: SegmentEvent[]) {
  await testDestination.testBatchAction('trackEvent', { events, settings: settingsWith(), useDefaultMappings: true })
  return testDestination.results[0].multistatus ?? []
}

beforeEach(resetNetwork)
afterEach(() => expect(unmatchedRequests()).toEqual([]))

describe('Track Event (cloud): performBatch', () => {
  it('sends a batch of 100 events as one request with 100 visitors', async () => {
    const datafile = serveDatafile()
    const { scope, requests } = captureEventApi()
    const events = Array.from({ length: 100 }, (_, index) => purchase(index))

    const results = await trackBatch(events)

    datafile.done()
    scope.done()
    expect(requests).toHaveLength(1)
    const visitors = requests[0].body.visitors
    expect(visitors).toHaveLength(100)
    expect(visitors.map((visitor: { visitor_id: string }) => visitor.visitor_id)).toEqual(events.map((event) => event.userId))
    expect(visitors[7]).toEqual({
      visitor_id: 'user-7',
      attributes: [
        { entity_id: '7001', key: 'plan', type: 'custom', value: 'pro' },
        { entity_id: '$opt_bot_filtering', key: '$opt_bot_filtering', type: 'custom', value: true }
      ],
      snapshots: [
        {
          decisions: [],
          events: [
            {
              entity_id: '8002',
              key: 'purchase',
              timestamp: Date.UTC(2024, 4, 1, 12, 0, 7),
              uuid: 'msg-7',
              revenue: 107,
              tags: { revenue: 107 }
            }
          ]
        }
      ]
    })
    expect(requests[0].body).toMatchObject({ account_id: '12003456780', project_id: '22003456780', revision: '42', enrich_decisions: true })
    expect(results).toHaveLength(100)
    expect(results.every((result) => result.status === 204)).toBe(true)
  })

  it('reports events it cannot send and sends the rest', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    const results = await trackBatch([
      purchase(0),
      purchase(1, { event: 'Purchase' }),
      purchase(2, { userId: null, anonymousId: null }),
      purchase(3)
    ])

    expect(requests[0].body.visitors.map((visitor: { visitor_id: string }) => visitor.visitor_id)).toEqual(['user-0', 'user-3'])
    expect(results.map((result) => result.status)).toEqual([204, 400, 400, 204])
    expect(results[1]).toMatchObject({ errortype: 'PAYLOAD_VALIDATION_FAILED' })
    expect(errorMessage(results[1])).toContain('"Purchase"')
    expect(results[2]).toMatchObject({ errortype: 'PAYLOAD_VALIDATION_FAILED' })
  })

  it('posts nothing when no event of the batch can be sent', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    const results = await trackBatch([purchase(0, { event: 'nope' }), purchase(1, { event: 'also nope' })])
    expect(requests).toHaveLength(0)
    expect(results.map((result) => result.status)).toEqual([400, 400])
  })

  it('splits a batch only when the body would exceed the safe size', async () => {
    serveDatafile()
    const { requests } = captureEventApi({ times: 2 })
    // Three visitors of ~1.4 MB: two fit under 3.5 MB, the third needs a second request.
    const notes = 'x'.repeat(1_400_000)
    const results = await trackBatch([0, 1, 2].map((index) => purchase(index, { properties: { notes } })))

    expect(requests.map((request) => request.body.visitors.length)).toEqual([2, 1])
    for (const request of requests) {
      expect(Buffer.byteLength(JSON.stringify(request.body))).toBeLessThanOrEqual(MAX_EVENT_API_BODY_BYTES)
    }
    expect(results.map((result) => result.status)).toEqual([204, 204, 204])
  })

  it('refuses an event too large for any request and sends the others', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    const results = await trackBatch([purchase(0), purchase(1, { properties: { notes: 'x'.repeat(MAX_EVENT_API_BODY_BYTES) } })])
    expect(requests[0].body.visitors).toHaveLength(1)
    expect(results[1]).toMatchObject({ status: 400 })
    expect(errorMessage(results[1])).toContain('larger than the Event API accepts')
  })

  it('marks every event of a request Optimizely failed with a retryable 503', async () => {
    serveDatafile()
    captureEventApi({ status: 503, reply: 'upstream unavailable' })
    const results = await trackBatch([purchase(0), purchase(1)])
    expect(results).toHaveLength(2)
    for (const result of results) expect(result).toMatchObject({ status: 503, errortype: 'RETRYABLE_ERROR' })
    expect(errorMessage(results[0])).toContain('upstream unavailable')
  })

  it("marks every event of a request Optimizely refused with a 400, with Optimizely's message", async () => {
    serveDatafile()
    captureEventApi({ status: 400, reply: '{"message":"Invalid payload"}' })
    const results = await trackBatch([purchase(0), purchase(1)])
    for (const result of results) {
      expect(result).toMatchObject({ status: 400, errortype: 'BAD_REQUEST' })
      expect(errorMessage(result)).toContain('Invalid payload')
    }
  })

  it('posts batches of an EU project to the EU endpoint', async () => {
    serveDatafile(datafileWith({ region: 'EU' }))
    const { scope, requests } = captureEventApi({ origin: EU_ORIGIN })
    await trackBatch([purchase(0), purchase(1)])
    scope.done()
    expect(requests[0].body.visitors).toHaveLength(2)
  })

  it('fails the whole batch when the datafile is text (deactivated project)', async () => {
    serveDatafile('This project is deactivated.')
    const { requests } = captureEventApi()
    await expect(trackBatch([purchase(0), purchase(1)])).rejects.toThrow(/may be deactivated/)
    expect(requests).toHaveLength(0)
  })
})

describe('splitVisitors', () => {
  const datafile = parseDatafile(JSON.stringify(datafileWith()), DATAFILE_URL)
  const visitor = (index: number, padding = 0) =>
    buildVisitor(
      datafile,
      { eventKey: 'purchase', userId: `user-${index}`, attributes: {}, tags: padding ? { padding: 'x'.repeat(padding) } : {} },
      { timestamp: 0, uuid: `uuid-${index}` }
    )

  it('keeps everything in one chunk when it fits', () => {
    const visitors = Array.from({ length: 10 }, (_, index) => visitor(index))
    expect(splitVisitors(datafile, visitors)).toEqual({ chunks: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]], oversized: [] })
  })

  it('fills each chunk up to the limit exactly, in order', () => {
    const visitors = [visitor(0), visitor(1), visitor(2)]
    // The exact size of the body with the first two visitors is the tightest limit keeping them together.
    const exact = Buffer.byteLength(JSON.stringify(buildBody(datafile, visitors.slice(0, 2))))
    expect(splitVisitors(datafile, visitors, exact)).toEqual({ chunks: [[0, 1], [2]], oversized: [] })
    expect(splitVisitors(datafile, visitors, exact - 1)).toEqual({ chunks: [[0], [1], [2]], oversized: [] })
  })

  it('sets aside a visitor too large for any body', () => {
    const visitors = [visitor(0), visitor(1, 2000), visitor(2)]
    expect(splitVisitors(datafile, visitors, 1500)).toEqual({ chunks: [[0, 2]], oversized: [1] })
  })
})
