/**
 * The point of the destination: the site decides with its own Optimizely client, analytics.js
 * reports the conversion, and Optimizely attributes the conversion to the decision because both
 * carry the same visitor ID.
 */
import { setUpE2E, waitFor } from './support/harness'
import { conversionsIn, impressionsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

test("the page's own Optimizely client decides a flag, analytics.track converts: impression and conversion share the visitor ID", async () => {
  const { page, scenario } = await e2e.openStore()
  await page.addScriptTag({ url: `${e2e.site.origin}/vendor/optimizely.browser.umd.min.js` })

  const decided = await page.evaluate(async (datafileUrl) => {
    const { analytics, optimizelySdk } = window as unknown as PageWindow
    const datafile = await (await fetch(datafileUrl)).text()
    const optimizely = optimizelySdk.createInstance({
      projectConfigManager: optimizelySdk.createStaticProjectConfigManager({ datafile }),
      eventProcessor: optimizelySdk.createForwardingEventProcessor()
    })
    await optimizely.onReady()
    await analytics.identify('bucketed-shopper', { plan: 'pro' })
    const userId = analytics.user().id() as string
    const decision = optimizely.createUserContext(userId, { plan: 'pro' })?.decide('checkout_redesign')
    await analytics.track('Order Completed', { revenue: 5000 })
    return { userId, variationKey: decision?.variationKey }
  }, scenario.datafileUrl)

  const impressions = () => impressionsIn(e2e.collector.accepted())
  const conversions = () => conversionsIn(e2e.collector.accepted())
  await waitFor(
    () => impressions().length > 0 && conversions().length > 0,
    'the impression and the conversion',
    () => e2e.collector.requests.map((r) => r.rawBody)
  )

  const [impression] = impressions()
  const [conversion] = conversions()
  expect(decided.userId).toBe('bucketed-shopper')
  expect(impression.visitorId).toBe(decided.userId)
  expect(conversion.visitorId).toBe(impression.visitorId)
  expect(impression.decisions[0]).toMatchObject({
    experiment_id: '2001',
    variation_id: decided.variationKey === 'treatment' ? '5002' : '5001'
  })
  expect(conversion).toMatchObject({ key: 'Order Completed', entityId: '8001', revenue: 5000, attributes: { plan: 'pro' } })
})

test('a client the page publishes at window.optimizelyClientInstance is reused: one datafile download, one visitor for impression and conversion', async () => {
  const { page } = await e2e.openStore({ publishPageClient: true })
  const decided = await page.evaluate(async () => {
    const { analytics, optimizelyClientInstance } = window as unknown as PageWindow
    await optimizelyClientInstance?.onReady()
    await analytics.identify('returning-shopper', { plan: 'pro' })
    const decision = optimizelyClientInstance?.createUserContext('returning-shopper', { plan: 'pro' })?.decide('pro_banner')
    await analytics.track('purchase', { revenue: 3100 })
    return decision?.variationKey
  })

  const impressions = () => impressionsIn(e2e.collector.accepted())
  const conversions = () => conversionsIn(e2e.collector.accepted())
  await waitFor(
    () => impressions().length > 0 && conversions().length > 0,
    'the impression and the conversion',
    () => e2e.collector.requests.map((r) => r.rawBody)
  )

  expect(impressions().map((i) => [i.visitorId, i.decisions[0].experiment_id, i.decisions[0].variation_id])).toEqual([
    ['returning-shopper', '2002', decided === 'on' ? '5012' : '5011']
  ])
  expect(conversions().map((c) => [c.visitorId, c.key, c.revenue])).toEqual([['returning-shopper', 'purchase', 3100]])
  // The destination converted through the page's client instead of downloading the datafile again,
  // and never fetched its own SDK chunk (the runtime is part of the main file).
  expect(e2e.site.datafileRequests.fixture).toEqual({ received: 1, answered: 1 })
  expect(e2e.site.webBundleRequests.some((route) => route.includes('optimizely-sdk'))).toBe(false)
  expect(e2e.site.webBundleRequests.some((route) => route.includes('optimizely-feature-experimentation.js'))).toBe(true)
})

test("the site's own batching client and the destination never resend each other's pending events", async () => {
  const { page, scenario } = await e2e.openStore()
  await page.addScriptTag({ url: `${e2e.site.origin}/vendor/optimizely.browser.umd.min.js` })
  await page.evaluate(() => (window as unknown as PageWindow).analytics.identify('two-clients-shopper'))

  // The conversion waits in the destination's batch when the site's client starts; a client that
  // starts resends every pending event it finds in its storage namespace.
  await page.evaluate(async (datafileUrl) => {
    const { analytics, optimizelySdk } = window as unknown as PageWindow
    await analytics.track('Order Completed', { revenue: 2100 })
    const datafile = await (await fetch(datafileUrl)).text()
    const optimizely = optimizelySdk.createInstance({
      projectConfigManager: optimizelySdk.createStaticProjectConfigManager({ datafile }),
      eventProcessor: optimizelySdk.createBatchEventProcessor()
    })
    await optimizely.onReady()
    optimizely.createUserContext('two-clients-shopper')?.decide('checkout_redesign')
  }, scenario.datafileUrl)

  const impressions = () => impressionsIn(e2e.collector.accepted())
  const conversions = () => conversionsIn(e2e.collector.accepted())
  await waitFor(
    () => impressions().length > 0 && conversions().length > 0,
    'the impression and the conversion',
    () => e2e.collector.requests.map((r) => r.rawBody)
  )
  // One more conversion through the same queue: a resent duplicate would have arrived before it.
  await page.evaluate(() => (window as unknown as PageWindow).analytics.track('signup'))
  await waitFor(
    () => conversions().some((c) => c.key === 'signup'),
    'the next conversion',
    () => conversions().map((c) => c.key)
  )

  expect(conversions().map((c) => [c.visitorId, c.key])).toEqual([
    ['two-clients-shopper', 'Order Completed'],
    ['two-clients-shopper', 'signup']
  ])
  expect(impressions().map((i) => i.visitorId)).toEqual(['two-clients-shopper'])
})
