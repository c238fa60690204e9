/**
 * Switching from Segment's classic Optimizely integration, in Chromium: revenue as dollars ×100
 * only where chosen, the three conversion audiences, and the page-view preset. What "not sent"
 * means is shown by order, never by waiting: the refused conversion is tracked first, a sent one
 * after it, and once the later one has arrived the earlier one is not there.
 */
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { conversionsIn, impressionsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

const conversions = () => conversionsIn(e2e.collector.accepted())
const sent = () => conversions().map((conversion) => [conversion.visitorId, conversion.key])

async function anonymousId(store: StorePage): Promise<string> {
  return store.page.evaluate(() => (window as unknown as PageWindow).analytics.user().anonymousId() as string)
}

test('Revenue Unit "currency" with Revenue Events "Order Completed": 9.99 → 999 and 534.3099999999999 → 53431 there, no revenue elsewhere', async () => {
  const store = await e2e.openStore({ settings: { revenueUnit: 'currency', revenueEvents: ['Order Completed'] } })
  await store.page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('classic-shopper')
    await analytics.track('Order Completed', { revenue: 9.99, currency: 'USD' })
    await analytics.track('Product Added', { revenue: 534.3099999999999, sku: 'A1' })
    await analytics.track('Order Completed', { revenue: 534.3099999999999 })
  })

  await waitFor(() => conversions().length === 3 && conversions(), 'three conversions', conversions)
  expect(conversions().map((conversion) => [conversion.key, conversion.revenue, conversion.tags])).toEqual([
    ['Order Completed', 999, { revenue: 999, currency: 'USD' }],
    ['Product Added', undefined, { sku: 'A1' }],
    ['Order Completed', 53431, { revenue: 53431 }]
  ])
  expect(store.destinationWarnings()).toEqual([])
})

test('Conversion Audience "everyone" (the default): the unbucketed anonymous conversion is sent', async () => {
  const store = await e2e.openStore({ publishPageClient: true })
  await store.destinationLoaded()
  const anonymous = await anonymousId(store)
  await store.page.evaluate(() => (window as unknown as PageWindow).analytics.track('Order Completed'))

  await waitFor(() => conversions().length === 1, 'the conversion', sent)
  expect(sent()).toEqual([[anonymous, 'Order Completed']])
})

test('Conversion Audience "identified": the anonymous conversion is not sent, the one after identify is', async () => {
  const store = await e2e.openStore({ settings: { conversionAudience: 'identified' } })
  await store.page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.track('Order Completed', { revenue: 100 })
    await analytics.identify('identified-shopper')
    await analytics.track('Order Completed', { revenue: 200 })
  })

  await waitFor(() => conversions().length > 0, 'the identified conversion', sent)
  expect(conversions().map((conversion) => [conversion.visitorId, conversion.revenue])).toEqual([['identified-shopper', 200]])
  expect(store.destinationWarnings()).toEqual([])
})

test('Conversion Audience "bucketed": the unbucketed anonymous conversion is not sent; once bucketed it is, on this page and the next', async () => {
  const store = await e2e.openStore({ publishPageClient: true, settings: { conversionAudience: 'bucketed' } })
  await store.destinationLoaded()
  const anonymous = await anonymousId(store)
  await store.page.evaluate(async () => {
    const { analytics, optimizelyClientInstance } = window as unknown as PageWindow
    await optimizelyClientInstance?.onReady()
    await analytics.track('Order Completed', { revenue: 100 })
    // Experiment 2001 (checkout_redesign) uses Order Completed as a metric.
    optimizelyClientInstance?.createUserContext(analytics.user().anonymousId() as string)?.decide('checkout_redesign')
    await analytics.track('Order Completed', { revenue: 200 })
  })
  await waitFor(() => conversions().length > 0, 'the bucketed conversion', sent)
  expect(conversions().map((conversion) => [conversion.visitorId, conversion.revenue])).toEqual([[anonymous, 200]])
  expect(impressionsIn(e2e.collector.accepted()).map((impression) => impression.visitorId)).toEqual([anonymous])

  // The next page: no decision there, the memory of this browser still counts.
  await store.page.goto(store.scenario.pageUrl)
  await store.destinationLoaded()
  await store.page.evaluate(() => (window as unknown as PageWindow).analytics.track('Order Completed', { revenue: 300 }))
  await waitFor(() => conversions().length > 1, 'the next page conversion', sent)
  expect(conversions().map((conversion) => [conversion.visitorId, conversion.revenue])).toEqual([
    [anonymous, 200],
    [anonymous, 300]
  ])
  expect(store.destinationWarnings()).toEqual([])
  expect(store.destinationErrors()).toEqual([])
})

test('Conversion Audience "bucketed" with its own, unshared client: one error at load, then identified users only', async () => {
  const store = await e2e.openStore({ settings: { conversionAudience: 'bucketed' } })
  await store.destinationLoaded()
  await store.page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.track('Order Completed', { revenue: 100 })
    await analytics.identify('own-client-shopper')
    await analytics.track('Order Completed', { revenue: 200 })
  })

  await waitFor(() => conversions().length > 0, 'the identified conversion', sent)
  expect(conversions().map((conversion) => [conversion.visitorId, conversion.revenue])).toEqual([['own-client-shopper', 200]])
  expect(store.destinationErrors()).toEqual([
    expect.stringMatching(
      /Conversion Audience "bucketed" cannot see your Optimizely decisions: the destination loaded its own client.*Share the Destination's Client/
    )
  ])
})

test('the page-view preset: analytics.page("Home") sends the conversion Viewed Home Page', async () => {
  const store = await e2e.openStore({ datafile: 'classic', presets: ['Track Event', 'Named Page Viewed (classic trackNamedPages)'] })
  await store.page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('page-viewer')
    await analytics.page('Home')
    await analytics.page('Docs', 'Setup')
  })

  await waitFor(() => conversions().length === 2, 'two page-view conversions', sent)
  expect(conversions().map((conversion) => [conversion.visitorId, conversion.key, conversion.entityId])).toEqual([
    ['page-viewer', 'Viewed Home Page', '8101'],
    ['page-viewer', 'Viewed Docs Setup Page', '8102']
  ])
  const { path, url } = conversions()[0].tags
  expect([path, String(url)]).toEqual(['/store', store.scenario.pageUrl])
  // The snippet's own nameless analytics.page() is no page view, and warns about nothing.
  expect(store.destinationWarnings()).toEqual([])
})
