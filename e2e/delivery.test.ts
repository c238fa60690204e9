/**
 * Getting conversions to Optimizely when conditions are not ideal: a slow datafile, a visitor
 * who leaves right after converting, an Event API outage, the EU data region, and a site that
 * routes events through its own endpoint.
 */
import { setUpE2E, waitFor } from './support/harness'
import { conversionsIn } from './support/eventApi'
import { EU_EVENT_HOST, PROXY_EVENT_HOST, US_EVENT_HOST } from './support/browser'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

const received = () => conversionsIn(e2e.collector.accepted())

test('a datafile that arrives 2 s late loses nothing: conversions tracked meanwhile are all delivered', async () => {
  const { page } = await e2e.openStore({ datafile: 'late' })
  const late = () => e2e.site.datafileRequests.late
  await waitFor(() => late()?.received === 1, 'the destination to request the datafile')

  await page.evaluate(() => {
    const { analytics } = window as unknown as PageWindow
    void analytics.identify('early-shopper')
    void analytics.track('Product Added', { sku: 'EARLY-1' })
    void analytics.track('Viewed Checkout Page')
    void analytics.track('Order Completed', { revenue: 4200 })
  })
  // The calls above were made while the datafile was still on its way.
  expect(late().answered).toBe(0)

  await waitFor(() => received().length >= 3, 'the three conversions', received)
  expect(
    received()
      .map((c) => [c.visitorId, c.key])
      .sort()
  ).toEqual([
    ['early-shopper', 'Order Completed'],
    ['early-shopper', 'Product Added'],
    ['early-shopper', 'Viewed Checkout Page']
  ])
})

test('navigating away right after a track still delivers the conversion, by beacon on pagehide', async () => {
  const store = await e2e.openStore()
  const { page } = store
  await page.evaluate(() => (window as unknown as PageWindow).analytics.identify('leaving-shopper'))
  await store.destinationLoaded()

  await page.evaluate(() => {
    void (window as unknown as PageWindow).analytics.track('Order Completed', { revenue: 990 })
    location.href = '/elsewhere'
  })
  await page.waitForURL('**/elsewhere')

  await waitFor(
    () => received().length > 0,
    'the conversion',
    () => e2e.collector.requests
  )
  expect(received().map((c) => [c.visitorId, c.key, c.revenue])).toEqual([['leaving-shopper', 'Order Completed', 990]])
  expect(await store.beaconUrls()).toEqual([`https://${US_EVENT_HOST}/v1/events`])
})

test('moving on to another page of the site: the conversion is beaconed once and the next page does not resend it', async () => {
  const store = await e2e.openStore()
  const { page } = store
  await page.evaluate(() => (window as unknown as PageWindow).analytics.identify('browsing-shopper'))
  await store.destinationLoaded()

  await page.evaluate((nextPage) => {
    void (window as unknown as PageWindow).analytics.track('Product Added', { sku: 'MOVE-1' })
    location.href = nextPage
  }, store.scenario.pageUrl)
  await page.waitForFunction(() => (window as unknown as { analytics?: { initialized?: boolean } }).analytics?.initialized === true)
  await store.destinationLoaded()
  // The next page's client has started (and resent whatever it found pending); one more
  // conversion through its queue marks the point by which a resend would have arrived.
  await page.evaluate(() => (window as unknown as PageWindow).analytics.track('Viewed Checkout Page'))
  await waitFor(() => received().some((c) => c.key === 'Viewed Checkout Page'), 'the next page conversion', received)

  expect(received().map((c) => [c.visitorId, c.key])).toEqual([
    ['browsing-shopper', 'Product Added'],
    ['browsing-shopper', 'Viewed Checkout Page']
  ])
  expect(await store.beaconUrls()).toEqual([`https://${US_EVENT_HOST}/v1/events`])
})

test('the Event API failing twice with 500 delays the conversion; it arrives exactly once', async () => {
  const { page } = await e2e.openStore()
  e2e.collector.failNext(2)
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('patient-shopper')
    await analytics.track('Order Completed', { revenue: 1234 })
  })

  const [conversion] = await waitFor(
    () => received().length > 0 && received(),
    'the conversion after the retries',
    () => e2e.collector.requests.map((r) => r.status)
  )
  const attempts = e2e.collector.requests.filter((request) => request.rawBody.includes(conversion.uuid))
  expect(attempts.map((request) => request.status)).toEqual([500, 500, 200])

  // A later conversion has gone through the same queue, so a stray duplicate would be in by now.
  await page.evaluate(() => (window as unknown as PageWindow).analytics.track('signup'))
  await waitFor(() => received().some((c) => c.key === 'signup'), 'the next conversion', received)
  expect(received().filter((c) => c.uuid === conversion.uuid)).toHaveLength(1)
  expect(received().map((c) => c.key)).toEqual(['Order Completed', 'signup'])
})

test('an EU datafile sends conversions to the EU Event API host', async () => {
  const { page } = await e2e.openStore({ datafile: 'eu' })
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('eu-shopper', { country: 'FR' })
    await analytics.track('purchase', { revenue: 2500 })
  })

  await waitFor(
    () => received().length > 0,
    'the conversion',
    () => e2e.collector.requests
  )
  expect(e2e.collector.requests.map((r) => `${r.host}${r.path}`)).toEqual([`${EU_EVENT_HOST}/v1/events`])
  expect(received()[0]).toMatchObject({ visitorId: 'eu-shopper', key: 'purchase', revenue: 2500, attributes: { country: 'FR' } })
})

test('the Event Endpoint setting sends every request there, unload beacons included', async () => {
  const endpoint = `https://${PROXY_EVENT_HOST}/optimizely/v1/events`
  const store = await e2e.openStore({ settings: { eventEndpoint: endpoint } })
  const { page } = store
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('proxied-shopper')
    await analytics.track('Product Added', { sku: 'PROXY-1' })
  })
  await waitFor(
    () => received().length > 0,
    'the first conversion',
    () => e2e.collector.requests
  )

  await page.evaluate(() => {
    void (window as unknown as PageWindow).analytics.track('Order Completed', { revenue: 7700 })
    location.href = '/elsewhere'
  })
  await page.waitForURL('**/elsewhere')
  await waitFor(
    () => received().length > 1,
    'the conversion sent on unload',
    () => e2e.collector.requests
  )

  expect(received().map((c) => [c.visitorId, c.key])).toEqual([
    ['proxied-shopper', 'Product Added'],
    ['proxied-shopper', 'Order Completed']
  ])
  expect(e2e.collector.requests.map((r) => `${r.host}${r.path}`)).toEqual([
    `${PROXY_EVENT_HOST}/optimizely/v1/events`,
    `${PROXY_EVENT_HOST}/optimizely/v1/events`
  ])
  expect(await store.beaconUrls()).toEqual([endpoint])
})
