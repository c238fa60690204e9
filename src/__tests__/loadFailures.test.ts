/**
 * A datafile the destination cannot use makes its load fail with one console error naming the
 * URL and the reason, after a bounded wait; the page and analytics.js carry on. The load itself
 * resolves: a rejection analytics.js leaves unhandled when it comes at once (before any event)
 * would reach the page (e2e/loadErrors.test.ts).
 */
import { AnalyticsBrowser, Context } from '@segment/analytics-next'
import type { CDNSettings, Plugin } from '@segment/analytics-next'
import { captureEventApi, DATAFILE_URL, datafileWith, resetNetwork, serveDatafile, waitFor } from './helpers/optimizelyNetwork'
import { createPlugin, loadDestination, settingsWith } from './helpers/loadDestination'
import { DATAFILE_LOAD_TIMEOUT_MS } from '../client'
import type { Settings } from '../generated-types'
import { settle, useFakeClock } from './helpers/testClock'

useFakeClock()

const BOUND = DATAFILE_LOAD_TIMEOUT_MS + 3000

let errors: jest.SpiedFunction<typeof console.error>
const ourErrors = () =>
  errors.mock.calls.map((args) => args.join(' ')).filter((line) => line.includes('[Optimizely Feature Experimentation]'))

beforeEach(() => {
  resetNetwork()
  localStorage.clear()
  errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => errors.mockRestore())

async function expectLoadToFail(settings: Settings, reason: RegExp) {
  const events = captureEventApi()
  const { track } = await loadDestination(settings)
  await track({ event: 'purchase', userId: 'unlucky-visitor' })
  expect(events.visitors()).toEqual([])
  expect(ourErrors()).toHaveLength(1)
  expect(ourErrors()[0]).toMatch(reason)
  return ourErrors()[0]
}

test.each([
  ['404', { status: 404, body: 'Not Found' }, /status: 404/],
  ['500', { status: 500, body: 'oops' }, /status: 500/]
])(
  'a datafile answering %s fails the load, naming the URL and the status',
  async (_name, response, reason) => {
    serveDatafile(response)
    const message = await expectLoadToFail(settingsWith(), reason)
    expect(message).toContain(DATAFILE_URL)
    expect(message).toMatch(/timeout/)
  },
  BOUND
)

test(
  'a text answer (a deactivated project) fails the load without waiting for the timeout',
  async () => {
    serveDatafile({ body: 'This project has been deactivated.' })
    const message = await expectLoadToFail(settingsWith(), /datafile/i)
    expect(message).toContain(DATAFILE_URL)
    expect(message).toMatch(
      /got invalid datafile \(the URL did not answer with a JSON datafile; a deactivated project answers with text\)\. Conversions/i
    )
    expect(message.match(/invalid datafile/gi)).toHaveLength(1)
    expect(message).not.toMatch(/timeout/)
  },
  BOUND
)

test("another account's datafile is refused", async () => {
  serveDatafile({ body: datafileWith({ accountId: '99999999999' }) })
  const message = await expectLoadToFail(settingsWith(), /belongs to account 99999999999, not to the configured account 12003456780/)
  expect(message).toContain(DATAFILE_URL)
})

test.each([
  ['plain http to another host', 'http://cdn.optimizely.com/datafiles/x.json', /must start with https:\/\//],
  ['another scheme', 'ftp://cdn.optimizely.com/datafiles/x.json', /must start with https:\/\//],
  ['javascript: URL', 'javascript:alert(1)', /must start with https:\/\//],
  ['not a URL', 'datafile.json', /is not a valid URL/],
  ['empty', '', /Datafile URL setting is empty/]
])('a Datafile URL that is %s is refused before any request', async (_name, dataFileUrl, reason) => {
  await expectLoadToFail(settingsWith({ dataFileUrl }), reason)
})

test('plain http is accepted for a datafile on this machine', async () => {
  const url = 'http://127.0.0.1:9/datafile.json'
  serveDatafile({ url })
  captureEventApi()
  await expect(loadDestination(settingsWith({ dataFileUrl: url }))).resolves.toBeDefined()
})

test('an empty account ID is refused', async () => {
  await expectLoadToFail(settingsWith({ accountId: ' ' }), /Account Id setting is empty/)
})

test('an Event Endpoint that is not a URL is refused', async () => {
  await expectLoadToFail(settingsWith({ eventEndpoint: 'not a url' }), /Event Endpoint "not a url" is not a valid URL/)
})

/** A destination that records what analytics.js delivers to it. */
function recordingDestination(): Plugin & { received: string[] } {
  const received: string[] = []
  const record = (ctx: Context) => {
    received.push(ctx.event.event ?? ctx.event.type)
    return ctx
  }
  return {
    name: 'Recorder',
    type: 'destination',
    version: '1',
    isLoaded: () => true,
    load: () => Promise.resolve(),
    track: record,
    received
  }
}

/** CDN settings without the Segment.io integration: analytics.js then sends nothing to Segment. */
const cdnSettings = { integrations: {} } as unknown as CDNSettings

async function analyticsWith(plugins: Plugin[]) {
  const [analytics] = await settle(AnalyticsBrowser.load({ writeKey: 'test-write-key', cdnSettings, plugins }))
  return analytics
}

test('with analytics.js, a failed load leaves track() and the other destinations working', async () => {
  serveDatafile({ body: datafileWith({ accountId: '1' }) })
  const recorder = recordingDestination()
  const analytics = await analyticsWith([await createPlugin(settingsWith()), recorder])

  await expect(settle(analytics.track('Order Completed', { revenue: 100 }))).resolves.toBeDefined()

  expect(recorder.received).toEqual(['Order Completed'])
  expect(ourErrors()).toHaveLength(1)
})

test(
  'with analytics.js, events tracked while a slow datafile loads are all delivered',
  async () => {
    serveDatafile({ delayMs: 2000 })
    const events = captureEventApi()
    const plugin = await createPlugin(settingsWith())
    // Calls made on the buffered instance before anything has loaded, as a page does at start-up.
    const ajs = AnalyticsBrowser.load({ writeKey: 'test-write-key', cdnSettings, plugins: [plugin] })
    const tracked = [1, 2, 3].map((n) => ajs.track('Product Added', { n }))
    expect(plugin.isLoaded()).toBe(false)

    await settle(Promise.all(tracked))
    await waitFor(() => events.visitors().length === 3)

    expect(events.visitors().map((v) => v.snapshots[0].events[0].tags?.n)).toEqual([1, 2, 3])
    expect(ourErrors()).toEqual([])
  },
  BOUND
)
