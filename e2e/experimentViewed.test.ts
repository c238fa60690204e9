/**
 * Decisions back into Segment, in Chromium with analytics.js from the snippet: the page's
 * Optimizely client decides, the destination sends Experiment Viewed through analytics.js, and
 * Segment (this machine's Tracking API stub) and another destination on the page receive it.
 */
import type { Page } from 'playwright-core'
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { conversionsIn, impressionsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'
import { checkoutExperimentViewed } from './support/experimentViewed'
import { DESTINATION_NAME } from './support/site'

const e2e = setUpE2E()

const EXPOSURE_SETTINGS = { sendExperimentViewed: true }

/** The page registers another destination that records what analytics.js hands it. */
async function registerRecorder(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow & { analytics: { register(plugin: unknown): Promise<unknown> } }
    const seen: unknown[] = []
    ;(window as unknown as { recorded: unknown[] }).recorded = seen
    await analytics.register({
      name: 'Recorder',
      type: 'destination',
      version: '1.0.0',
      isLoaded: () => true,
      load: () => Promise.resolve(),
      track: (ctx: { event: unknown }) => {
        seen.push(ctx.event)
        return ctx
      }
    })
  })
}

async function recordedNames(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { recorded: Array<{ event: string }> }).recorded.map((event) => event.event))
}

/** Decides `flagKey` for each visitor with the page's client, `times` times each (a render loop). */
async function decide(page: Page, visitors: string[], flagKey: string, times = 1): Promise<Array<string | null>> {
  return page.evaluate(
    async ({ visitors, flagKey, times }) => {
      const { optimizelyClientInstance } = window as unknown as PageWindow
      await optimizelyClientInstance?.onReady()
      const variations: Array<string | null> = []
      for (const visitor of visitors) {
        for (let round = 0; round < times; round++) {
          variations.push(optimizelyClientInstance?.createUserContext(visitor)?.decide(flagKey).variationKey ?? null)
        }
      }
      return variations
    },
    { visitors, flagKey, times }
  )
}

const experimentViewed = () => e2e.site.segmentApiEvents.filter((event) => event.event === 'Experiment Viewed')

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

test("a page's client deciding the same flag many times gives one Experiment Viewed with the spec's properties, seen by another destination", async () => {
  const store = await e2e.openStore({ publishPageClient: true, settings: EXPOSURE_SETTINGS })
  await store.destinationLoaded()
  await registerRecorder(store.page)
  const [variation] = await decide(store.page, ['shopper-1'], 'checkout_redesign', 10)

  await waitFor(
    () => experimentViewed().length === 1,
    'Experiment Viewed at Segment',
    () => e2e.site.segmentApiEvents
  )
  await waitFor(() => impressionsIn(e2e.collector.accepted()).length > 0, 'the impressions at the Event API')
  await settled(store, 'Marker')

  expect(experimentViewed()).toHaveLength(1)
  expect(experimentViewed()[0]).toMatchObject(checkoutExperimentViewed(variation, 'shopper-1'))
  expect(await recordedNames(store.page)).toEqual(['Experiment Viewed', 'Marker'])
  // It never comes back as a conversion, nor as an "unknown event key" warning.
  expect(conversionsIn(e2e.collector.accepted())).toEqual([])
  expect(store.destinationWarnings()).toEqual([])
})

test('two visitors give two events; a reload in the same session gives none; a new Segment visitor gives one again', async () => {
  const store = await e2e.openStore({ publishPageClient: true, settings: EXPOSURE_SETTINGS })
  await store.destinationLoaded()
  await decide(store.page, ['shopper-1', 'shopper-2'], 'checkout_redesign', 3)
  await waitFor(
    () => experimentViewed().length === 2,
    'two Experiment Viewed',
    () => e2e.site.segmentApiEvents
  )
  expect(experimentViewed().map((event) => event.properties?.optimizely_user_id)).toEqual(['shopper-1', 'shopper-2'])

  await store.page.reload()
  await store.destinationLoaded()
  await decide(store.page, ['shopper-1', 'shopper-2'], 'checkout_redesign')
  await settled(store, 'Marker after reload')
  expect(experimentViewed()).toHaveLength(2)

  // Another person on this browser: analytics.reset() gives a new anonymous ID, the memory starts afresh.
  await store.page.evaluate(() => (window as unknown as { analytics: { reset(): void } }).analytics.reset())
  await decide(store.page, ['shopper-1'], 'checkout_redesign')
  await waitFor(() => experimentViewed().length === 3, 'a third Experiment Viewed')
})

test('a targeted-delivery (rollout) decision gives none', async () => {
  const store = await e2e.openStore({ publishPageClient: true, datafile: 'delivery', settings: EXPOSURE_SETTINGS })
  await store.destinationLoaded()
  // Not on the pro plan: outside pro_banner's experiment audience, into the "beta" delivery.
  expect(await decide(store.page, ['shopper-3'], 'pro_banner')).toEqual(['on'])
  await settled(store, 'Marker')
  expect(experimentViewed()).toEqual([])
})

test("shareClient: the page decides through the destination's client (one datafile download), its impression reaches the Event API", async () => {
  const store = await e2e.openStore({ settings: { ...EXPOSURE_SETTINGS, shareClient: true } })
  const decided = await store.page.evaluate(
    () =>
      new Promise<string | null>((resolve) => {
        const { analytics } = window as unknown as PageWindow & { analytics: { ready(callback: () => void): void } }
        analytics.ready(() => {
          const { optimizelyClientInstance } = window as unknown as PageWindow
          resolve(optimizelyClientInstance?.createUserContext('shared-shopper')?.decide('checkout_redesign').variationKey ?? 'no client')
        })
      })
  )
  expect(['control', 'treatment']).toContain(decided)

  await waitFor(
    () => impressionsIn(e2e.collector.accepted()).length === 1,
    'the impression',
    () => e2e.collector.requests.length
  )
  await waitFor(() => experimentViewed().length === 1, 'Experiment Viewed')
  expect(impressionsIn(e2e.collector.accepted())[0]).toMatchObject({ visitorId: 'shared-shopper', key: 'campaign_activated' })
  expect(experimentViewed()[0].properties).toMatchObject({ optimizely_user_id: 'shared-shopper', variation_key: decided })
  expect(e2e.site.datafileRequests.fixture.received).toBe(1)
})

test("with the destination's own client unshared nobody else can decide: the decisions chunk is never downloaded", async () => {
  const store = await e2e.openStore({ settings: EXPOSURE_SETTINGS })
  await store.destinationLoaded()
  await store.page.evaluate(() => (window as unknown as PageWindow).analytics.track('purchase', { revenue: 100 }))
  await waitFor(() => conversionsIn(e2e.collector.accepted()).length === 1, 'the conversion')

  expect(e2e.site.webBundleRequests.some((file) => file.includes('optimizely-sdk'))).toBe(true)
  expect(e2e.site.webBundleRequests.filter((file) => file.includes('decisions'))).toEqual([])
})
