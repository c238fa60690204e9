/**
 * Back online: conversions whose Event API requests found no network leave as soon as
 * the browser is online again, on the same page, exactly once and in order; an endpoint that
 * refuses batches gets no more requests than the SDK alone sends.
 *
 * Playwright's `setOffline` cuts the browser context off the network (the collector included,
 * which the first test checks) and fires the page's `offline` and `online` events. The collector
 * counts requests; a later conversion of another visitor marks the point by which an unwanted
 * resend would have arrived (a retry dispatches at once, that conversion only after the batch
 * interval). Nothing is timed except the bound, as a wait time-out.
 */
import type { Page, Request } from 'playwright-core'
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { conversionsIn, eventsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

/** The bound: offline conversions arrive within 3 s of going back online. */
const BACK_ONLINE_BOUND_MS = 3000
/** The SDK's first attempt and its two in-run retries (its browser default). */
const ATTEMPTS_PER_ROUND = 3

const received = () => conversionsIn(e2e.collector.accepted())
/** Requests the collector saw carrying events of `visitorId`, whatever it answered. */
const requestsOf = (visitorId: string) =>
  e2e.collector.requests.filter((request) => eventsIn([request]).some((event) => event.visitorId === visitorId))

/** What the collector answered to each request of `visitorId`, in arrival order. */
const answersTo = (visitorId: string) => requestsOf(visitorId).map((request) => request.status)
/** One round of the SDK's attempts, all refused. */
const REFUSED_ROUND = Array.from({ length: ATTEMPTS_PER_ROUND }, () => 400)

/** Event API POSTs the browser could not send (no network): what the SDK attempted. */
function failedPosts(page: Page): () => number {
  let failed = 0
  page.on('requestfailed', (request: Request) => {
    if (request.method() === 'POST' && request.url().includes('/v1/events')) failed += 1
  })
  return () => failed
}

async function identifyAndTrack(page: Page, visitorId: string, conversions: Array<[string, number?]>): Promise<void> {
  await page.evaluate(
    ({ visitorId, conversions }) => {
      const { analytics } = window as unknown as PageWindow
      // Not awaited: while offline, analytics.js resolves its calls late.
      void analytics.identify(visitorId)
      for (const [key, revenue] of conversions) void analytics.track(key, revenue === undefined ? {} : { revenue })
    },
    { visitorId, conversions }
  )
}

/** The destination prints the SDK's one error for each batch the SDK gives up on (after its in-run retries). */
async function givenUp(store: StorePage, batches: number): Promise<void> {
  await waitFor(
    () => store.destinationErrors().length === batches,
    `the SDK to give up on ${batches} batch(es)`,
    () => store.destinationErrors()
  )
}

/** Tracks a conversion of another visitor and waits until the collector has its first request. */
async function markPoint(page: Page, visitorId: string): Promise<void> {
  await identifyAndTrack(page, visitorId, [['signup']])
  await waitFor(
    () => requestsOf(visitorId).length > 0,
    `the conversion of ${visitorId}`,
    () => e2e.collector.requests.map((request) => request.status)
  )
}

async function flapNetwork(page: Page, times: number): Promise<void> {
  for (let flap = 0; flap < times; flap += 1) {
    await page.context().setOffline(true)
    await page.context().setOffline(false)
  }
}

test('conversions tracked offline arrive exactly once, in order, within 3 s of going back online on the same page', async () => {
  const store = await e2e.openStore()
  const { page } = store
  await store.destinationLoaded()
  const failed = failedPosts(page)

  await page.context().setOffline(true)
  await identifyAndTrack(page, 'offline-shopper', [['Product Added'], ['Viewed Checkout Page'], ['Order Completed', 4200]])
  await givenUp(store, 1)
  await waitFor(() => failed() === ATTEMPTS_PER_ROUND, 'the SDK’s attempts to fail', failed)
  // Offline really cuts the page off the collector (it is reached through --host-resolver-rules).
  expect(e2e.collector.requests).toEqual([])

  await page.context().setOffline(false)
  await waitFor(
    () => received().length >= 3,
    'the offline conversions',
    () => e2e.collector.requests.map((request) => request.rawBody),
    BACK_ONLINE_BOUND_MS
  )
  await markPoint(page, 'marker-shopper')

  const offline = received().filter((conversion) => conversion.visitorId === 'offline-shopper')
  expect(offline.map((conversion) => [conversion.key, conversion.revenue])).toEqual([
    ['Product Added', undefined],
    ['Viewed Checkout Page', undefined],
    ['Order Completed', 4200]
  ])
  expect(new Set(offline.map((conversion) => conversion.uuid)).size).toBe(3)
  expect(answersTo('offline-shopper')).toEqual([200])
})

test('an endpoint refusing every batch (400) gets no more requests than the SDK alone sends: the network coming back adds none', async () => {
  e2e.collector.refuse(400)
  const store = await e2e.openStore()
  const { page } = store
  await store.destinationLoaded()

  await identifyAndTrack(page, 'refused-shopper', [['purchase', 100]])
  await givenUp(store, 1)
  expect(answersTo('refused-shopper')).toEqual(REFUSED_ROUND)

  await flapNetwork(page, 3)
  await markPoint(page, 'marker-shopper')

  expect(answersTo('refused-shopper')).toEqual(REFUSED_ROUND)
})

test('offline conversions the endpoint then refuses: one round of the SDK’s attempts when back online, then quiet', async () => {
  const store = await e2e.openStore()
  const { page } = store
  await store.destinationLoaded()

  await page.context().setOffline(true)
  await identifyAndTrack(page, 'doubly-unlucky', [['purchase', 200]])
  await givenUp(store, 1)
  e2e.collector.refuse(400)
  await page.context().setOffline(false)
  await givenUp(store, 2)
  expect(answersTo('doubly-unlucky')).toEqual(REFUSED_ROUND)

  await flapNetwork(page, 3)
  await markPoint(page, 'marker-shopper')

  expect(answersTo('doubly-unlucky')).toEqual(REFUSED_ROUND)
})

test("the page's own Optimizely client is left to its SDK: going back online does not make it resend", async () => {
  const store = await e2e.openStore({ publishPageClient: true })
  const { page } = store
  await store.destinationLoaded()
  const failed = failedPosts(page)

  await page.context().setOffline(true)
  await identifyAndTrack(page, 'site-shopper', [['purchase', 300]])
  await waitFor(() => failed() === ATTEMPTS_PER_ROUND, 'the site SDK’s attempts to fail', failed)
  await page.context().setOffline(false)
  await markPoint(page, 'marker-shopper')

  // The site's SDK resends it on its own 20 s timer or the next page load, as it always did.
  expect(answersTo('site-shopper')).toEqual([])
})
