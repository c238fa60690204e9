/**
 * The own client's loading path in Chromium: on a first visit the datafile download starts
 * together with the SDK chunk's (a preload the SDK's own request then takes over), so the page
 * waits for the network twice after the settings (main file, then both), and the datafile is still
 * downloaded once. A returning visitor, whose datafile is cached, preloads nothing. Ordering is
 * asserted from the page's Resource Timing under emulated latency, never durations.
 */
import type { Page } from 'playwright-core'
import { setUpE2E, waitFor } from './support/harness'
import { conversionsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

/** Every request waits this long for its response, so requests made one after another are far apart. */
const LATENCY_MS = 300

interface Timed {
  name: string
  initiatorType: string
  startTime: number
  responseEnd: number
}

function resources(page: Page): Promise<Timed[]> {
  return page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => {
      const { name, initiatorType, startTime, responseEnd } = entry as PerformanceResourceTiming
      return { name, initiatorType, startTime, responseEnd }
    })
  )
}

async function convert(page: Page, visitorId: string): Promise<void> {
  await page.evaluate(async (userId) => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify(userId)
    await analytics.track('Order Completed', { revenue: 1500 })
  }, visitorId)
  await waitFor(
    () => conversionsIn(e2e.collector.accepted()).some((conversion) => conversion.visitorId === visitorId),
    `the conversion of ${visitorId}`
  )
}

test('first visit: the datafile is requested before the SDK chunk has arrived, and downloaded once', async () => {
  const store = await e2e.openStore()
  const { page, scenario } = store
  // openStore has loaded the page once: forget that visit (its cached datafile and the counts).
  await store.destinationLoaded()
  await page.evaluate(() => localStorage.clear())
  e2e.site.reset()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY_MS, downloadThroughput: -1, uploadThroughput: -1 })
  await page.goto(scenario.pageUrl)
  await store.destinationLoaded()
  await convert(page, 'preload-shopper')

  const timed = await resources(page)
  const sdkChunk = timed.find((entry) => /\/dist\/web\/optimizely-sdk\.[0-9a-f]{8}\.js$/.test(entry.name))
  const datafile = timed.filter((entry) => entry.name === scenario.datafileUrl)
  expect(sdkChunk).toBeDefined()
  expect(datafile.map((entry) => entry.initiatorType)).toEqual(['link'])
  expect(datafile[0].startTime).toBeLessThan(sdkChunk?.responseEnd ?? 0)
  // The SDK's own request took the preloaded response: the server saw one download.
  expect(e2e.site.datafileRequests.fixture).toEqual({ received: 1, answered: 1 })
  // No runtime chunk: the runtime is part of the main file.
  expect(
    e2e.site.webBundleRequests.filter((route) => !route.endsWith('.map')).map((route) => route.replace(/\.[0-9a-f]{8}\.js$/, '.js'))
  ).toEqual(['/dist/web/optimizely-feature-experimentation.js', '/dist/web/optimizely-sdk.js'])
})

test('returning visit: with the datafile cached, nothing is preloaded and the visitor converts', async () => {
  const store = await e2e.openStore()
  const { page, scenario } = store
  await store.destinationLoaded()
  await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('segment-optimizely-fx:datafile:')))
  await page.goto(scenario.pageUrl)
  await store.destinationLoaded()
  await convert(page, 'returning-preload-shopper')
  expect(await page.evaluate(() => document.querySelectorAll('link[rel="preload"]').length)).toBe(0)
})
