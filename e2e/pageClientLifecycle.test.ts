/**
 * The destination follows the client the page publishes at `window.optimizelyClientInstance`
 * through the page's life: a log-in that switches environments (the old client closed, as
 * Optimizely advises, and a new one published), and a site that publishes its client only after
 * the destination has loaded its own. Every conversion arrives once, none goes to a closed client
 * (which would drop it and leave an error in the page), and the new client's decisions are heard.
 */
import type { Page } from 'playwright-core'
import { setUpE2E, waitFor } from './support/harness'
import { conversionsIn, impressionsIn } from './support/eventApi'
import { checkoutExperimentViewed } from './support/experimentViewed'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

const conversions = () => conversionsIn(e2e.collector.accepted())
const impressions = () => impressionsIn(e2e.collector.accepted())

async function loadSdk(page: Page): Promise<void> {
  await page.addScriptTag({ url: `${e2e.site.origin}/vendor/optimizely.browser.umd.min.js` })
}

/** Tracks a conversion of another visitor and waits for it: by then a duplicate would have arrived. */
async function markPoint(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('marker-shopper')
    await analytics.track('signup')
  })
  await waitFor(
    () => conversions().some((c) => c.visitorId === 'marker-shopper'),
    'the marker conversion',
    () => conversions().map((c) => [c.visitorId, c.key])
  )
}

test("the page's client closed and replaced at log-in: every conversion arrives once, no page error", async () => {
  const store = await e2e.openStore({ publishPageClient: true })
  const { page, scenario } = store
  await store.destinationLoaded()
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('switching-shopper')
    await analytics.track('Product Added')
  })
  await waitFor(
    () => conversions().length === 1,
    'the conversion through the first client',
    () => e2e.collector.requests
  )

  await page.evaluate(async (datafileUrl) => {
    const page = window as unknown as PageWindow
    const { optimizelySdk, analytics } = page
    // Log-in switches environment: the site closes its client and publishes the new one.
    await page.optimizelyClientInstance?.close()
    page.optimizelyClientInstance = optimizelySdk.createInstance({
      projectConfigManager: (
        optimizelySdk as unknown as { createPollingProjectConfigManager(config: Record<string, unknown>): unknown }
      ).createPollingProjectConfigManager({ sdkKey: 'store-logged-in', urlTemplate: datafileUrl }),
      eventProcessor: optimizelySdk.createBatchEventProcessor({ flushInterval: 200 })
    })
    // Tracked while the new client still downloads its datafile, and after.
    await analytics.track('Viewed Checkout Page')
    await page.optimizelyClientInstance.onReady()
    await analytics.track('Order Completed', { revenue: 4200 })
  }, scenario.datafileUrl)

  await waitFor(
    () => conversions().length >= 3,
    'the conversions through the new client',
    () => store.consoleMessages
  )
  await markPoint(page)
  expect(
    conversions()
      .filter((c) => c.visitorId === 'switching-shopper')
      .map((c) => c.key)
  ).toEqual(['Product Added', 'Viewed Checkout Page', 'Order Completed'])
  expect(store.pageErrors).toEqual([])
  expect(store.destinationErrors()).toEqual([])
})

test('a client published after load: later conversions go through it, its decisions are heard, the own SDK’s queued conversion arrives once', async () => {
  const store = await e2e.openStore({ settings: { sendExperimentViewed: true } })
  const { page, scenario } = store
  await store.destinationLoaded()
  await loadSdk(page)

  const variation = await page.evaluate(async (datafileUrl) => {
    const page = window as unknown as PageWindow
    const { optimizelySdk, analytics } = page
    await analytics.identify('late-client-shopper')
    // Still in the destination's own SDK's batch (it leaves after half a second) when the site publishes.
    await analytics.track('Product Added')
    const datafile = await (await fetch(datafileUrl)).text()
    const late = optimizelySdk.createInstance({
      projectConfigManager: optimizelySdk.createStaticProjectConfigManager({ datafile }),
      eventProcessor: optimizelySdk.createBatchEventProcessor({ flushInterval: 2000 })
    })
    page.optimizelyClientInstance = late
    await late.onReady()
    const decision = late.createUserContext('late-client-shopper')?.decide('checkout_redesign')
    await analytics.track('Order Completed', { revenue: 4200 })
    return decision?.variationKey ?? null
  }, scenario.datafileUrl)

  await waitFor(
    () => conversions().length >= 2 && impressions().length >= 1,
    'both conversions and the impression',
    () => e2e.collector.requests.map((request) => request.rawBody)
  )
  await waitFor(
    () => e2e.site.segmentApiEvents.some((event) => event.event === 'Experiment Viewed'),
    'Experiment Viewed at Segment',
    () => e2e.site.segmentApiEvents.map((event) => event.event)
  )
  await markPoint(page)

  const mine = conversions().filter((c) => c.visitorId === 'late-client-shopper')
  expect(mine.map((c) => c.key)).toEqual(['Product Added', 'Order Completed'])
  // Through the site's client: the conversion shares its batch with that client's impression.
  const [impression] = impressions()
  expect(impressions()).toHaveLength(1)
  expect(mine[1].request).toBe(impression.request)
  expect(e2e.site.segmentApiEvents.filter((event) => event.event === 'Experiment Viewed')).toEqual([
    expect.objectContaining(checkoutExperimentViewed(variation, 'late-client-shopper'))
  ])
})
