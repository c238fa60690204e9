/**
 * A lazy chunk of the web bundle that does not arrive (the site answers 404, as a CDN that lost
 * the file would), in Chromium: each costs only what needs it, says so once on the console, and
 * never leaves an error or an unhandled rejection in the page (the harness fails any test whose
 * page reported one).
 */
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { conversionsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

const conversions = () => conversionsIn(e2e.collector.accepted())

/** The page's client decides for the anonymous visitor, who then identifies as `user-9` and buys; returns the anonymous ID. */
async function decideIdentifyConvert(store: StorePage): Promise<string> {
  return store.page.evaluate(async () => {
    const { analytics, optimizelyClientInstance } = window as unknown as PageWindow
    await optimizelyClientInstance?.onReady()
    const anonymousId = analytics.user().anonymousId() as string
    optimizelyClientInstance?.createUserContext(anonymousId)?.decide('checkout_redesign')
    await analytics.identify('user-9')
    await analytics.track('Order Completed', { revenue: 900 })
    return anonymousId
  })
}

/** Tracks once, and a second time after waiting `ms`, so anything the first call would have sent has had time to leave. */
async function trackTwice(store: StorePage, ms: number): Promise<void> {
  await store.page.evaluate(async (ms) => {
    const { analytics } = window as unknown as PageWindow
    await analytics.track('Order Completed', { revenue: 100 })
    await new Promise((resolve) => setTimeout(resolve, ms))
    await analytics.track('signup')
  }, ms)
}

test('the Experiment Viewed chunk: one error, and the rest of the decisions still work (the visitor-ID guard sends for the decided ID)', async () => {
  e2e.site.loseChunk('experiment-viewed')
  const store = await e2e.openStore({
    publishPageClient: true,
    settings: { sendExperimentViewed: true, visitorIdGuard: 'use-decided-id' }
  })
  const anonymousId = await decideIdentifyConvert(store)

  await waitFor(() => conversions().length === 1, 'the conversion')
  expect(conversions()[0]).toMatchObject({ key: 'Order Completed', visitorId: anonymousId })
  expect(store.destinationErrors()).toEqual([expect.stringContaining('Experiment Viewed is not sent: its code did not load')])
  expect(e2e.site.segmentApiEvents.filter((event) => event.event === 'Experiment Viewed')).toEqual([])
})

test('the Conversion Audience "bucketed" chunk: one error, and identified visitors still convert', async () => {
  e2e.site.loseChunk('bucketed-audience')
  const store = await e2e.openStore({ publishPageClient: true, settings: { conversionAudience: 'bucketed' } })
  await store.page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.track('Order Completed', { revenue: 100 })
    await analytics.identify('user-9')
    await analytics.track('Order Completed', { revenue: 200 })
  })

  await waitFor(() => conversions().length === 1, 'the identified conversion')
  expect(conversions().map((conversion) => [conversion.visitorId, conversion.revenue])).toEqual([['user-9', 200]])
  expect(store.destinationErrors()).toEqual([expect.stringContaining('the Conversion Audience "bucketed" code did not load')])
})

test('the decisions chunk: one error, and conversions still leave', async () => {
  e2e.site.loseChunk('decisions')
  const store = await e2e.openStore({ publishPageClient: true, settings: { visitorIdGuard: 'use-decided-id' } })
  await decideIdentifyConvert(store)

  await waitFor(() => conversions().length === 1, 'the conversion')
  expect(conversions()[0]).toMatchObject({ key: 'Order Completed', visitorId: 'user-9' })
  expect(store.destinationErrors()).toEqual([expect.stringContaining('decisions are not reported')])
})

test.each([
  ['the SDK chunk (own client)', 'optimizely-sdk', {}, 'could not load the Optimizely datafile'],
  ['the consent chunk', 'consent', { consentSettings: { categories: ['C0002'] } }, 'the consent code did not load'],
  [
    'the Conversion Audience chunk',
    'conversion-audience',
    { conversionAudience: 'identified' },
    'the Conversion Audience code did not load'
  ]
])('%s: one error, nothing sent, analytics.track() resolves', async (_title, chunk, settings, error) => {
  e2e.site.loseChunk(chunk)
  const store = await e2e.openStore({ settings }, { waitForAnalytics: true })
  await waitFor(() => store.destinationErrors().length > 0, 'the console error')
  await trackTwice(store, 1500)

  expect(store.destinationErrors()).toEqual([expect.stringContaining(error)])
  expect(e2e.site.webBundleRequests.some((file) => file.startsWith(`/dist/web/${chunk}.`))).toBe(true)
  expect(conversions()).toEqual([])
})
