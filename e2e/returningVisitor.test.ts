/**
 * The datafile cache in a real browser: the first visit leaves the datafile in localStorage, so
 * the next page load of the same visitor converts without waiting for the network copy. Ordering
 * is asserted (what the datafile server had answered when the conversion arrived), never timing.
 */
import type { Page } from 'playwright-core'
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { conversionsIn } from './support/eventApi'
import { FIXTURE_DATAFILE } from './support/site'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

/** Where the destination keeps the last good datafile (see src/client/datafileCache.ts). */
const CACHE_PREFIX = 'segment-optimizely-fx:datafile:'
/** The returning visit's datafile is this late: far behind the SDK's one-second event batch. */
const LATE_DATAFILE_MS = 4000

function cachedKeys(page: Page): Promise<string[]> {
  return page.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)), CACHE_PREFIX)
}

/** First visit: the destination loads from the network and caches what it got. */
async function firstVisit(): Promise<StorePage> {
  const store = await e2e.openStore()
  await store.destinationLoaded()
  await store.page.waitForFunction((prefix) => Object.keys(localStorage).some((key) => key.startsWith(prefix)), CACHE_PREFIX)
  return store
}

/** Same tab, same browser context: the visitor comes back to the store. */
async function comeBack({ page, scenario }: StorePage): Promise<void> {
  await page.goto(scenario.pageUrl)
  await page.waitForFunction(() => {
    const analytics = (window as unknown as { analytics?: { initialized?: boolean } }).analytics
    return !Array.isArray(analytics) && analytics?.initialized === true
  })
}

function track(page: Page, visitorId: string, revenue: number): Promise<void> {
  return page.evaluate(
    async ({ visitorId, revenue }) => {
      const { analytics } = window as unknown as PageWindow
      await analytics.identify(visitorId)
      await analytics.track('Order Completed', { revenue })
    },
    { visitorId, revenue }
  )
}

const conversionsOf = (visitorId: string) => conversionsIn(e2e.collector.accepted()).filter((event) => event.visitorId === visitorId)

test('a returning visitor converts from the cached datafile while the network copy is still on its way', async () => {
  const store = await firstVisit()
  expect(e2e.site.datafileRequests.fixture).toEqual({ received: 1, answered: 1 })

  e2e.site.delayDatafile('fixture', LATE_DATAFILE_MS)
  await comeBack(store)
  await track(store.page, 'returning-visitor', 4200)

  // The datafile server's state at the moment the collector first has the conversion.
  let datafileWhenConverted: { received: number; answered: number } | undefined
  await waitFor(
    () => {
      if (conversionsOf('returning-visitor').length === 0) return false
      datafileWhenConverted = { ...e2e.site.datafileRequests.fixture }
      return true
    },
    'the returning visitor’s conversion',
    () => e2e.collector.requests.map((request) => request.rawBody)
  )

  // Asked again (the cache is refreshed in the background), but not answered yet.
  expect(datafileWhenConverted).toEqual({ received: 2, answered: 1 })
  expect(conversionsOf('returning-visitor').map((event) => [event.key, event.revenue])).toEqual([['Order Completed', 4200]])
  expect(conversionsOf('returning-visitor')[0].request.body?.account_id).toBe(String(FIXTURE_DATAFILE.accountId))
  expect(store.destinationErrors()).toEqual([])
})

test.each([
  ['corrupt', '{"accountId": "12003456780", "events": ['],
  ['foreign (another account’s)', JSON.stringify({ ...FIXTURE_DATAFILE, accountId: '99999999999' })]
])('a %s cached datafile is ignored: the network copy is used and the conversion arrives', async (_kind, cachedText) => {
  const store = await firstVisit()
  const keys = await cachedKeys(store.page)
  await store.page.evaluate(({ keys, text }) => keys.forEach((key) => localStorage.setItem(key, text)), { keys, text: cachedText })

  await comeBack(store)
  await track(store.page, 'visitor-with-bad-cache', 1500)
  await waitFor(
    () => conversionsOf('visitor-with-bad-cache').length > 0,
    'the conversion',
    () => e2e.collector.requests.map((request) => request.rawBody)
  )

  expect(conversionsOf('visitor-with-bad-cache').map((event) => [event.key, event.revenue, event.request.body?.account_id])).toEqual([
    ['Order Completed', 1500, String(FIXTURE_DATAFILE.accountId)]
  ])
  // The second visit had to download the datafile, and what it cached instead is good again.
  expect(e2e.site.datafileRequests.fixture).toEqual({ received: 2, answered: 2 })
  const recached = await store.page.evaluate(
    (keys) => keys.map((key) => (JSON.parse(localStorage.getItem(key) ?? 'null') as { accountId?: unknown } | null)?.accountId),
    keys
  )
  expect(recached).toEqual(keys.map(() => String(FIXTURE_DATAFILE.accountId)))
  expect(store.destinationErrors()).toEqual([])
})
