/**
 * Every exposure reaches Segment, in Chromium with analytics.js from the snippet and the page's
 * own client from the SDK's UMD build: decisions made before analytics.js has loaded the
 * destination (the README's capture snippet pasted into the page), across a navigation, in two
 * tabs, by a holdout, and a capture whose destination never loads.
 */
import type { Page } from 'playwright-core'
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { impressionsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'
import { checkoutExperimentViewed } from './support/experimentViewed'
import { DESTINATION_NAME } from './support/site'

const e2e = setUpE2E()

const EXPOSURE_SETTINGS = { sendExperimentViewed: true }
const QUEUE_KEY = 'segment-optimizely-fx:capture:queue'

const experimentViewed = () => e2e.site.segmentApiEvents.filter((event) => event.event === 'Experiment Viewed')

/** The page's early decision, once its client was ready (see the `decideEarly` scenario option). */
async function earlyDecision(page: Page): Promise<string | null> {
  await page.waitForFunction(() => (window as unknown as { earlyDecision?: unknown }).earlyDecision !== undefined)
  return page.evaluate(() => (window as unknown as { earlyDecision: { variationKey: string | null } }).earlyDecision.variationKey)
}

/** Whether analytics.js has loaded the destination in this page yet. */
async function destinationIsLoaded(page: Page): Promise<boolean> {
  return page.evaluate((name) => {
    const { analytics } = window as unknown as { analytics: { queue?: { plugins?: Array<{ name: string; isLoaded(): boolean }> } } }
    return analytics.queue?.plugins?.some((plugin) => plugin.name === name && plugin.isLoaded()) === true
  }, DESTINATION_NAME)
}

/** Decides `flagKey` for `visitor` with the page's client, `times` times. */
async function decide(page: Page, visitor: string, flagKey: string, times = 1): Promise<string | null> {
  return page.evaluate(
    async ({ visitor, flagKey, times }) => {
      const { optimizelyClientInstance } = window as unknown as PageWindow
      await optimizelyClientInstance?.onReady()
      let variation: string | null = null
      for (let round = 0; round < times; round++) {
        variation = optimizelyClientInstance?.createUserContext(visitor)?.decide(flagKey).variationKey ?? null
      }
      return variation
    },
    { visitor, flagKey, times }
  )
}

/**
 * Tracks a marker event (kept from this destination) after whatever the page did, waits until
 * Segment has it, then gives analytics.js a moment more: anything the decisions caused has arrived.
 */
async function settled(store: StorePage, name: string): Promise<void> {
  await store.page.evaluate(
    ([name, destination]) => (window as unknown as PageWindow).analytics.track(name, {}, { integrations: { [destination]: false } }),
    [name, DESTINATION_NAME]
  )
  await waitFor(() => e2e.site.segmentApiEvents.some((event) => event.event === name), `the ${name} event`)
  await store.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)))
}

const capturedPage = (visitor: string) => ({
  publishPageClient: true,
  capture: true,
  holdDestination: true,
  decideEarly: { userId: visitor, flagKey: 'checkout_redesign' },
  settings: EXPOSURE_SETTINGS
})

test('the site decides before analytics.js has loaded the destination: exactly one Experiment Viewed once it has', async () => {
  const store = await e2e.openStore(capturedPage('early-shopper'), { waitForAnalytics: false })
  const variation = await earlyDecision(store.page)
  expect(await destinationIsLoaded(store.page)).toBe(false)
  // The same decision again while the destination still loads: captured once.
  await decide(store.page, 'early-shopper', 'checkout_redesign', 5)

  e2e.site.releaseDestination(store.scenario.writeKey)
  await store.destinationLoaded()
  await waitFor(
    () => experimentViewed().length === 1,
    'Experiment Viewed at Segment',
    () => e2e.site.segmentApiEvents
  )
  // Capture and listener overlap: the same decision, now live, is reported already.
  await decide(store.page, 'early-shopper', 'checkout_redesign', 3)
  await settled(store, 'Marker')

  expect(experimentViewed()).toHaveLength(1)
  expect(experimentViewed()[0]).toMatchObject(checkoutExperimentViewed(variation, 'early-shopper'))
  expect(await store.page.evaluate((key) => sessionStorage.getItem(key), QUEUE_KEY)).toBeNull()
})

test('the site decides and navigates away before analytics.js has loaded the destination: one Experiment Viewed on the next page', async () => {
  const first = await e2e.openStore(capturedPage('leaving-shopper'), { waitForAnalytics: false })
  const variation = await earlyDecision(first.page)
  expect(await destinationIsLoaded(first.page)).toBe(false)

  // The next page has no client of its own and captures nothing: the destination loads its own
  // client and reports the queue the first page left in this tab.
  const next = e2e.site.addScenario({ settings: EXPOSURE_SETTINGS })
  await first.page.goto(next.pageUrl)
  await first.destinationLoaded()
  await waitFor(
    () => experimentViewed().length === 1,
    'Experiment Viewed from the earlier page',
    () => e2e.site.segmentApiEvents
  )
  await settled(first, 'Marker')
  expect(experimentViewed()).toHaveLength(1)
  expect(experimentViewed()[0]).toMatchObject(checkoutExperimentViewed(variation, 'leaving-shopper'))
})

test('two tabs deciding the same flag for the same visitor give one Experiment Viewed', async () => {
  const first = await e2e.openStore({ publishPageClient: true, settings: EXPOSURE_SETTINGS })
  const second = await e2e.openTab(first)
  await Promise.all([first.destinationLoaded(), second.destinationLoaded()])

  // Both at once, each a render loop.
  const [variation] = await Promise.all([
    decide(first.page, 'two-tab-shopper', 'checkout_redesign', 5),
    decide(second.page, 'two-tab-shopper', 'checkout_redesign', 5)
  ])
  await waitFor(() => experimentViewed().length > 0, 'Experiment Viewed')
  await settled(first, 'Marker')
  await settled(second, 'Marker 2')
  expect(experimentViewed()).toHaveLength(1)
  expect(experimentViewed()[0]).toMatchObject(checkoutExperimentViewed(variation, 'two-tab-shopper'))
})

test('a tab opened from a capturing tab (with a copy of its sessionStorage, queue included) does not report the exposure again', async () => {
  const first = await e2e.openStore(capturedPage('copied-shopper'), { waitForAnalytics: false })
  await earlyDecision(first.page)
  const next = e2e.site.addScenario({ settings: EXPOSURE_SETTINGS })
  // window.open without noopener: Chromium gives the new tab a copy of the opener's sessionStorage.
  const [copy] = await Promise.all([
    first.page.context().waitForEvent('page'),
    first.page.evaluate((url) => void window.open(url), next.pageUrl)
  ])
  expect(await copy.evaluate((key) => sessionStorage.getItem(key) !== null, QUEUE_KEY)).toBe(true)
  e2e.site.releaseDestination(first.scenario.writeKey)
  await first.destinationLoaded()
  await copy.waitForFunction(() => (window as unknown as { analytics?: { initialized?: boolean } }).analytics?.initialized === true)
  await waitFor(() => experimentViewed().length > 0, 'Experiment Viewed')
  await settled(first, 'Marker')
  expect(await copy.evaluate((key) => sessionStorage.getItem(key), QUEUE_KEY)).toBeNull()
  expect(experimentViewed()).toHaveLength(1)
  await copy.close()
})

test('a holdout decision gives one Experiment Viewed with rule_type holdout; its impression reaches the Event API', async () => {
  const store = await e2e.openStore({ publishPageClient: true, datafile: 'holdout', settings: EXPOSURE_SETTINGS })
  await store.destinationLoaded()
  expect(await decide(store.page, 'held-out-shopper', 'checkout_redesign', 5)).toBe('off')
  await waitFor(
    () => experimentViewed().length === 1,
    'Experiment Viewed for the holdout',
    () => e2e.site.segmentApiEvents
  )
  await waitFor(() => impressionsIn(e2e.collector.accepted()).length > 0, 'the holdout impression')
  await settled(store, 'Marker')

  expect(experimentViewed()).toHaveLength(1)
  expect(experimentViewed()[0].properties).toMatchObject({
    experiment_id: '7001',
    experiment_name: 'global_holdout',
    variation_id: '7101',
    variation_key: 'off',
    flag_key: 'checkout_redesign',
    enabled: false,
    optimizely_user_id: 'held-out-shopper',
    rule_type: 'holdout'
  })
})

test('the capture with no destination ever loading leaves a bounded queue: the newest 100 distinct decisions, across a reload', async () => {
  const store = await e2e.openStore({ publishPageClient: true, capture: true, remotePlugin: false, settings: EXPOSURE_SETTINGS })
  const decideMany = (from: number, count: number) =>
    store.page.evaluate(
      async ({ from, count }) => {
        const { optimizelyClientInstance } = window as unknown as PageWindow
        await optimizelyClientInstance?.onReady()
        for (let index = from; index < from + count; index++) {
          // Twice each: a render loop's repeat is not queued again.
          optimizelyClientInstance?.createUserContext(`queued-${index}`)?.decide('checkout_redesign')
          optimizelyClientInstance?.createUserContext(`queued-${index}`)?.decide('checkout_redesign')
        }
      },
      { from, count }
    )
  const queuedVisitors = () =>
    store.page.evaluate(
      (key) => (JSON.parse(sessionStorage.getItem(key) ?? '[]') as Array<{ u: string }>).map((entry) => entry.u),
      QUEUE_KEY
    )
  const names = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => `queued-${from + index}`)

  await decideMany(0, 60)
  expect(await queuedVisitors()).toEqual(names(0, 60))
  await store.page.reload()
  await decideMany(60, 90)
  expect(await queuedVisitors()).toEqual(names(50, 150))
  expect(experimentViewed()).toEqual([])
})
