/**
 * No error of the destination ever reaches the page. A setting the destination refuses at once
 * (an insecure Datafile URL, an empty Account Id, an Event Endpoint that is no URL) fails its load
 * before analytics.js has handed it any event: analytics.js used to leave that failure as an
 * unhandled promise rejection on every page view, which the site's error monitoring reports.
 * The one console error stays. Also here: Segment's own consent event passes quietly.
 */
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { conversionsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

const received = () => conversionsIn(e2e.collector.accepted())

async function trackAndSettle(store: StorePage, visitorId: string): Promise<void> {
  await store.page.evaluate(async (visitorId) => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify(visitorId)
    await analytics.track('Order Completed', { revenue: 1500 })
  }, visitorId)
  // analytics.js' own delivery of the track call: by then anything the load left is reported.
  await waitFor(
    () => e2e.site.segmentApiCalls.includes('/segment/v1/t'),
    "analytics.js' own track request",
    () => e2e.site.segmentApiCalls
  )
}

const refused: Array<[string, Record<string, unknown>, RegExp]> = [
  ['an http:// Datafile URL', { dataFileUrl: 'http://cdn.optimizely.com/datafiles/AcmeShop.json' }, /must start with https:\/\//],
  ['an empty Account Id', { accountId: '' }, /Account Id setting is empty/],
  ['an Event Endpoint that is not a URL', { eventEndpoint: 'events.shop-proxy.test/v1/events' }, /Event Endpoint .* is not a valid URL/]
]

test.each(refused)('%s: one console error, no page error, analytics.track() carries on', async (_title, settings, reason) => {
  const store = await e2e.openStore({ settings })
  await waitFor(
    () => store.destinationErrors().length > 0,
    'the console error',
    () => store.consoleMessages
  )
  await trackAndSettle(store, 'misconfigured-shopper')

  expect(store.pageErrors).toEqual([])
  expect(store.destinationErrors()).toHaveLength(1)
  expect(store.destinationErrors()[0]).toMatch(reason)
  expect(e2e.collector.requests).toEqual([])
})

test.each([
  ['a negative number', -5],
  ['text', 'often'],
  ['zero (never)', 0]
])('a Datafile Refresh setting of %s never fails the load: conversions arrive, no page error', async (_title, datafileRefreshMinutes) => {
  const store = await e2e.openStore({ settings: { datafileRefreshMinutes } })
  await store.destinationLoaded()
  await trackAndSettle(store, 'refresh-setting-shopper')
  await waitFor(
    () => received().length > 0,
    'the conversion',
    () => e2e.collector.requests
  )

  expect(received().map((c) => [c.visitorId, c.key])).toEqual([['refresh-setting-shopper', 'Order Completed']])
  expect(store.pageErrors).toEqual([])
  expect(store.destinationErrors()).toEqual([])
})

test('Segment’s own consent event is ignored quietly: no conversion, no warning', async () => {
  const store = await e2e.openStore()
  await store.destinationLoaded()
  await store.page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('consenting-shopper')
    await analytics.track('Segment Consent Preference Updated', { consent: { categoryPreferences: { Advertising: true } } })
    await analytics.track('Segment Consent Preference Updated', { consent: { categoryPreferences: { Advertising: false } } })
    await analytics.track('signup')
  })
  await waitFor(() => received().some((c) => c.key === 'signup'), 'the next conversion', received)

  expect(received().map((c) => c.key)).toEqual(['signup'])
  expect(store.destinationWarnings()).toEqual([])
})
