/**
 * Conversions as a website sends them: analytics.js loads the destination from the (local) CDN,
 * the site calls identify and track, and the real SDK posts to the (local) Event API.
 */
import { setUpE2E, waitFor } from './support/harness'
import { conversionsIn } from './support/eventApi'
import { FIXTURE_DATAFILE } from './support/site'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

const received = () => conversionsIn(e2e.collector.accepted())

test('identify then track: one conversion with the event id, visitor, revenue, value, tags and only datafile attributes', async () => {
  const store = await e2e.openStore()
  const { page } = store
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('shopper-1', {
      plan: 'pro',
      country: 'DE',
      logged_in: true,
      age: 34,
      email: 'ada@example.com',
      favourite_colour: 'green'
    })
    await analytics.track('Order Completed', { revenue: 1999, value: 19.99, currency: 'EUR', coupon: 'SPRING', items: 3 })
  })

  const [conversion] = await waitFor(() => received().length > 0 && received(), 'the conversion', received)
  expect(received()).toHaveLength(1)
  expect(conversion.request.host).toBe('logx.optimizely.com')
  expect(conversion.request.path).toBe('/v1/events')
  expect(conversion.request.body).toMatchObject({
    account_id: FIXTURE_DATAFILE.accountId,
    project_id: FIXTURE_DATAFILE.projectId,
    revision: FIXTURE_DATAFILE.revision,
    anonymize_ip: true,
    enrich_decisions: true
  })
  expect(conversion).toMatchObject({ visitorId: 'shopper-1', key: 'Order Completed', entityId: '8001', revenue: 1999, value: 19.99 })
  expect(conversion.tags).toEqual({ revenue: 1999, value: 19.99, currency: 'EUR', coupon: 'SPRING', items: 3 })
  // The traits analytics.js stored at identify, minus those the datafile does not define.
  expect(conversion.attributes).toEqual({ plan: 'pro', country: 'DE', logged_in: true, age: 34, $opt_bot_filtering: true })
  expect(conversion.attributeIds).toEqual({
    plan: '7001',
    country: '7002',
    logged_in: '7003',
    age: '7004',
    $opt_bot_filtering: '$opt_bot_filtering'
  })
  expect(store.destinationErrors()).toEqual([])
  expect(store.destinationWarnings()).toEqual([])
})

test("an anonymous visitor converts under analytics.js' anonymousId", async () => {
  const { page } = await e2e.openStore()
  const anonymousId = await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.track('signup', { method: 'newsletter' })
    return analytics.user().anonymousId()
  })

  const [conversion] = await waitFor(() => received().length > 0 && received(), 'the conversion', received)
  expect(anonymousId).toEqual(expect.any(String))
  expect(conversion).toMatchObject({ visitorId: anonymousId, key: 'signup', entityId: '8003', tags: { method: 'newsletter' } })
  expect(conversion.attributes).toEqual({ $opt_bot_filtering: true })
})

test('an event key the datafile lacks is not sent, warned about once, and the next valid conversion arrives', async () => {
  const store = await e2e.openStore()
  await store.page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('shopper-3')
    await analytics.track('Order Complete', { revenue: 100 })
    await analytics.track('order completed', { revenue: 200 })
    await analytics.track('Order Complete', { revenue: 300 })
    await analytics.track('purchase', { revenue: 400 })
  })

  await waitFor(() => received().some((c) => c.key === 'purchase'), 'the valid conversion', received)
  expect(received().map((c) => [c.key, c.visitorId, c.revenue])).toEqual([['purchase', 'shopper-3', 400]])
  expect(e2e.collector.requests.filter((r) => /order complete/i.test(r.rawBody))).toEqual([])
  expect(store.destinationWarnings().filter((w) => w.includes('"Order Complete"'))).toHaveLength(1)
  expect(store.destinationWarnings().filter((w) => w.includes('"order completed"'))).toHaveLength(1)
})

test('a burst of 30 conversions all arrive, batched into at most 6 requests', async () => {
  const { page } = await e2e.openStore()
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('burst-shopper')
    await Promise.all(Array.from({ length: 30 }, (_, index) => analytics.track('Product Added', { sku: `SKU-${index}`, position: index })))
  })

  const skus = () => received().map((c) => c.tags.sku)
  await waitFor(() => received().length >= 30, '30 conversions', skus)
  expect(new Set(skus())).toEqual(new Set(Array.from({ length: 30 }, (_, index) => `SKU-${index}`)))
  expect(received()).toHaveLength(30)
  expect(new Set(received().map((c) => c.uuid)).size).toBe(30)
  expect(received().every((c) => c.visitorId === 'burst-shopper' && c.entityId === '8004')).toBe(true)
  expect(e2e.collector.accepted().length).toBeLessThanOrEqual(6)
})

test('on a page without crypto.randomUUID (plain http outside localhost), conversions still leave, each with its own version 4 UUID', async () => {
  const store = await e2e.openStore(
    {},
    // randomUUID is exposed only to secure contexts: Chromium leaves it off Crypto's prototype elsewhere.
    {
      beforeNavigate: async (tab) => {
        await tab.addInitScript(() => delete (Crypto.prototype as { randomUUID?: unknown }).randomUUID)
      }
    }
  )
  const hasRandomUUID = await store.page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('http-shopper')
    await Promise.all(Array.from({ length: 5 }, (_, index) => analytics.track('Product Added', { sku: `HTTP-${index}` })))
    return typeof (crypto as { randomUUID?: unknown }).randomUUID !== 'undefined'
  })

  await waitFor(() => received().length >= 5, '5 conversions', received)
  expect(hasRandomUUID).toBe(false)
  const uuids = received().map((c) => c.uuid)
  expect(uuids.filter((uuid) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid))).toEqual([])
  expect(new Set(uuids).size).toBe(5)
  expect(store.destinationErrors()).toEqual([])
})
