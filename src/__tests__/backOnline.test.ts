/**
 * Back online: the destination's own client resends the conversions whose requests found no
 * network as soon as the browser fires `online` or the page is shown again, through the real SDK's
 * processor and store. Requests that find no network are nock errors (an XHR without a status);
 * the browser's signals are the events a browser fires.
 *
 * A later conversion of another visitor marks the point by which an unwanted resend would have
 * arrived: a retry dispatches at once, that conversion only after the batch interval.
 */
import type { Client } from '@optimizely/optimizely-sdk'
import { createBatchEventProcessor, createInstance, createStaticProjectConfigManager } from '@optimizely/optimizely-sdk'
import {
  captureEventApi,
  carriesVisitor,
  datafileWith,
  dropEventApiRequests,
  resetNetwork,
  serveDatafile,
  slowEventApiRequest,
  waitFor
} from './helpers/optimizelyNetwork'
import { loadDestination, settingsWith } from './helpers/loadDestination'
import { createOwnClient } from '../client/ownClient'
import { createRetryGate } from '../client/resend'
import type { ConsoleLog } from '../client/consoleLog'
import { settle, useFakeClock } from './helpers/testClock'

useFakeClock()

/** The SDK's first attempt and its two in-run retries (its browser default). */
const ATTEMPTS_PER_ROUND = 3

let clients: Client[] = []
let visibility: DocumentVisibilityState = 'visible'
/** The SDK reports a batch it gives up on (after its in-run retries) as one error. */
let sdkErrors: string[] = []

beforeAll(() => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
})

beforeEach(() => {
  resetNetwork()
  localStorage.clear()
  visibility = 'visible'
  sdkErrors = []
})

afterEach(async () => {
  // A closed client stops listening, so the next test's signals reach only its own client.
  await settle(Promise.all(clients.map((client) => client.close().catch(() => undefined))))
  clients = []
})

const recordingLog: ConsoleLog = {
  level: 'error',
  log: (level, message) => {
    if (level === 'error') sdkErrors.push(message)
  },
  warnOnce: () => undefined
}

async function ownClient(): Promise<Client> {
  const { optimizely: client } = await settle(createOwnClient(settingsWith(), recordingLog, 5000))
  clients.push(client)
  return client
}

function track(client: Client, visitorId: string, eventKey: string, revenue?: number): void {
  client.createUserContext(visitorId)?.trackEvent(eventKey, revenue === undefined ? undefined : { revenue })
}

const backOnline = () => window.dispatchEvent(new Event('online'))

function setVisibility(state: DocumentVisibilityState): void {
  visibility = state
  document.dispatchEvent(new Event('visibilitychange'))
}

/** Conversions of `visitorId` the Event API accepted, as [key, revenue], in the order sent. */
function acceptedOf(events: ReturnType<typeof captureEventApi>, visitorId: string) {
  return events.batches
    .flatMap((batch) => batch.visitors)
    .filter((visitor) => visitor.visitor_id === visitorId)
    .flatMap((visitor) => visitor.snapshots.flatMap((snapshot) => snapshot.events))
}

/** Waits until the SDK has given up on `batches` batches so far: they wait in its store. */
async function givenUp(batches: number): Promise<void> {
  await waitFor(() => sdkErrors.length === batches, 8000, `the SDK to give up on ${batches} batch(es)`)
}

/** Tracks a conversion of another visitor and waits until the Event API has it. */
async function markPoint(client: Client, events: ReturnType<typeof captureEventApi>, visitorId = 'marker'): Promise<void> {
  track(client, visitorId, 'signup')
  await waitFor(() => acceptedOf(events, visitorId).length > 0, 8000, `the conversion of ${visitorId}`)
}

test('conversions whose requests found no network leave once, in order, when the browser is back online', async () => {
  serveDatafile()
  const offline = dropEventApiRequests('offline-shopper', { times: ATTEMPTS_PER_ROUND })
  const events = captureEventApi()
  const client = await ownClient()

  track(client, 'offline-shopper', 'Product Added')
  track(client, 'offline-shopper', 'Viewed Checkout Page')
  track(client, 'offline-shopper', 'Order Completed', 4200)
  await givenUp(1)
  expect(offline.dropped).toHaveLength(ATTEMPTS_PER_ROUND)
  expect(acceptedOf(events, 'offline-shopper')).toEqual([])

  backOnline()
  // Well within the SDK's own 20 s retry tick, which this test would otherwise wait for.
  await waitFor(() => acceptedOf(events, 'offline-shopper').length > 0, 3000, 'the resent conversions')
  await markPoint(client, events)

  const sent = acceptedOf(events, 'offline-shopper')
  expect(sent.map((event) => [event.key, event.revenue])).toEqual([
    ['Product Added', undefined],
    ['Viewed Checkout Page', undefined],
    ['Order Completed', 4200]
  ])
  expect(new Set(sent.map((event) => event.uuid)).size).toBe(3)
  expect(events.received.filter((batch) => carriesVisitor(batch, 'offline-shopper'))).toHaveLength(1)
})

test('a page shown again resends them; a hidden page leaves them to the page the visitor looks at', async () => {
  serveDatafile()
  dropEventApiRequests('tab-shopper', { times: ATTEMPTS_PER_ROUND })
  const events = captureEventApi()
  const client = await ownClient()

  track(client, 'tab-shopper', 'purchase', 990)
  await givenUp(1)

  setVisibility('hidden')
  backOnline()
  await markPoint(client, events, 'marker-1')
  expect(acceptedOf(events, 'tab-shopper')).toEqual([])

  setVisibility('visible')
  await waitFor(() => acceptedOf(events, 'tab-shopper').length > 0, 3000, 'the resent conversion')
  await markPoint(client, events, 'marker-2')
  expect(acceptedOf(events, 'tab-shopper').map((event) => [event.key, event.revenue])).toEqual([['purchase', 990]])
})

test('a batch still in flight in the SDK’s own retry is not sent a second time by coming back online', async () => {
  serveDatafile()
  dropEventApiRequests('hasty-shopper', { times: 1 })
  const slow = slowEventApiRequest('hasty-shopper', 800)
  const events = captureEventApi()
  const client = await ownClient()

  track(client, 'hasty-shopper', 'purchase', 1500)
  // The SDK's second attempt, made after the first found no network, is on its way.
  await waitFor(slow.arrived, 8000, 'the SDK’s second attempt')
  backOnline()
  await waitFor(() => slow.accepted.length > 0, 3000, 'the second attempt to be accepted')
  await markPoint(client, events)

  expect(slow.accepted.flatMap((batch) => batch.visitors).map((visitor) => visitor.snapshots[0].events[0].revenue)).toEqual([1500])
  expect(events.received.filter((batch) => carriesVisitor(batch, 'hasty-shopper'))).toEqual([])
})

test('two back-online signals in one moment resend the batch once', async () => {
  serveDatafile()
  dropEventApiRequests('twice-shopper', { times: ATTEMPTS_PER_ROUND })
  const events = captureEventApi()
  const client = await ownClient()

  track(client, 'twice-shopper', 'purchase', 700)
  await givenUp(1)
  backOnline()
  setVisibility('hidden')
  setVisibility('visible')
  backOnline()
  await waitFor(() => acceptedOf(events, 'twice-shopper').length > 0, 3000, 'the resent conversion')
  await markPoint(client, events)

  expect(events.received.filter((batch) => carriesVisitor(batch, 'twice-shopper'))).toHaveLength(1)
})

test('an endpoint refusing a batch (400) gets no request more than the SDK’s own: coming back online adds none', async () => {
  serveDatafile()
  const events = captureEventApi(undefined, undefined, (batch) => (carriesVisitor(batch, 'refused-shopper') ? 400 : 200))
  const client = await ownClient()
  const refusals = () => events.received.filter((batch) => carriesVisitor(batch, 'refused-shopper')).length

  track(client, 'refused-shopper', 'purchase', 100)
  await givenUp(1)
  expect(refusals()).toBe(ATTEMPTS_PER_ROUND)
  backOnline()
  setVisibility('hidden')
  setVisibility('visible')
  backOnline()
  await markPoint(client, events)

  expect(refusals()).toBe(ATTEMPTS_PER_ROUND)
})

test('a retry that finds no network again is not repeated at once: the next signal waits for the back-off', async () => {
  serveDatafile()
  const offline = dropEventApiRequests('unlucky-shopper')
  const events = captureEventApi()
  const client = await ownClient()

  track(client, 'unlucky-shopper', 'purchase', 300)
  await givenUp(1)
  backOnline()
  await givenUp(2)
  expect(offline.dropped).toHaveLength(2 * ATTEMPTS_PER_ROUND)
  backOnline()
  setVisibility('hidden')
  setVisibility('visible')
  await markPoint(client, events)

  expect(offline.dropped).toHaveLength(2 * ATTEMPTS_PER_ROUND)
})

test("the page's own client is left alone: coming back online does not make it resend anything", async () => {
  serveDatafile()
  const offline = dropEventApiRequests('site-shopper', { times: ATTEMPTS_PER_ROUND })
  const events = captureEventApi()
  const site = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(datafileWith()) }),
    eventProcessor: createBatchEventProcessor({ batchSize: 10, flushInterval: 500 })
  })
  clients.push(site)
  ;(window as unknown as Record<string, unknown>).optimizelyClientInstance = site
  try {
    await settle(site.onReady())
    const { track: trackThroughDestination } = await loadDestination(settingsWith())

    await trackThroughDestination({ event: 'purchase', userId: 'site-shopper', properties: { revenue: 500 } })
    await waitFor(() => offline.scope.isDone(), 8000, 'the site SDK to give up on the batch')
    backOnline()
    await markPoint(site, events)

    expect(acceptedOf(events, 'site-shopper')).toEqual([])
  } finally {
    delete (window as unknown as Record<string, unknown>).optimizelyClientInstance
  }
})

test('the back-off after retries that fail again doubles from 2 s up to 60 s; a delivered request ends it', () => {
  let clock = 0
  const gate = createRetryGate(() => clock)
  /** One retry that is followed by another failure; returns how long the next one had to wait. */
  const failedRetry = () => {
    gate.noteOutcome('unreachable')
    let waited = 0
    while (!gate.mayRetry()) {
      clock += 100
      waited += 100
    }
    gate.retrying()
    return waited
  }
  gate.noteOutcome('unreachable')
  expect(gate.mayRetry()).toBe(true)
  gate.retrying()

  const waits = Array.from({ length: 8 }, failedRetry)
  expect(waits).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000])

  gate.noteOutcome('delivered')
  gate.noteOutcome('unreachable')
  expect(gate.mayRetry()).toBe(true)
})

test('a refusal (4xx, 5xx) is no reason to retry when the network comes back; a request that found no network is', () => {
  const gate = createRetryGate(() => 0)
  expect(gate.mayRetry()).toBe(false)
  gate.noteOutcome('rejected')
  expect(gate.mayRetry()).toBe(false)
  gate.noteOutcome('delivered')
  expect(gate.mayRetry()).toBe(false)
  gate.noteOutcome('unreachable')
  expect(gate.mayRetry()).toBe(true)
})
