/**
 * One SDK event store per destination instance. Two instances on one page (the web and the
 * marketing project) whose batches fail: on the next page load each resends only its own stored
 * conversions, so each project counts each conversion once, and two conversions stamped at the
 * same moment by the two SDKs are both kept. And the upgrade: conversions the previous release
 * left in its shared store are delivered once by this one.
 */
import type { Page } from 'playwright-core'
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { conversionsIn } from './support/eventApi'
import { DESTINATION_NAME, FIXTURE_DATAFILE } from './support/site'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

/** The marketing project: same account, another project, served from Optimizely's CDN host. */
const MARKETING_PROJECT = '33003456780'
const MARKETING_DATAFILE_PATH = '/datafiles/MarketingProjectKey.json'
const MARKETING_DATAFILE_URL = `https://cdn.optimizely.com${MARKETING_DATAFILE_PATH}`
const WEB_PROJECT = String(FIXTURE_DATAFILE.projectId)

/** Where the previous release kept every instance's pending events (the SDK adds `optly_event:`). */
const SHARED_STORE_PREFIX = 'segment-optimizely-fx:events:'

/** The SDK's first attempt and its two in-run retries (its browser default). */
const ATTEMPTS_PER_BATCH = 3

beforeAll(() => {
  e2e.collector.serveDatafile(MARKETING_DATAFILE_PATH, { ...FIXTURE_DATAFILE, projectId: MARKETING_PROJECT, revision: '7' })
})

/** Conversions the collector accepted, as [project, visitor, key, uuid]. */
const accepted = () => conversionsIn(e2e.collector.accepted()).map((c) => [c.request.body?.project_id, c.visitorId, c.key, c.uuid] as const)

async function instancesLoaded(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    ({ name, count }) => {
      const { analytics } = window as unknown as { analytics: { queue?: { plugins?: Array<{ name: string; isLoaded(): boolean }> } } }
      return (analytics.queue?.plugins ?? []).filter((plugin) => plugin.name === name && plugin.isLoaded()).length >= count
    },
    { name: DESTINATION_NAME, count }
  )
}

/** Same tab, same browser context: the next page load of the site. */
async function reload({ page, scenario }: StorePage): Promise<void> {
  await page.goto(scenario.pageUrl)
  await page.waitForFunction(() => (window as unknown as { analytics?: { initialized?: boolean } }).analytics?.initialized === true)
}

test('two instances whose batches failed: after recovery each project gets each conversion once, none overwritten', async () => {
  const store = await e2e.openStore({ moreInstances: [{ dataFileUrl: MARKETING_DATAFILE_URL }] })
  const { page } = store
  await instancesLoaded(page, 2)
  e2e.collector.failNext(2 * ATTEMPTS_PER_BATCH)

  // One track: both instances convert it at the same moment, each through its own SDK.
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('two-project-shopper')
    await analytics.track('Order Completed', { revenue: 4200 })
  })
  await waitFor(
    () => store.destinationErrors().length >= 2,
    'both SDKs to give up on their batch',
    () => e2e.collector.requests.map((request) => request.status)
  )
  expect(e2e.collector.accepted()).toEqual([])

  // The Event API is back; the next page load resends what each instance stored.
  await reload(store)
  await instancesLoaded(page, 2)
  await waitFor(
    () => accepted().length >= 2,
    'the stored conversions',
    () => accepted()
  )
  // One more conversion through both queues: a resent duplicate would have arrived before it.
  await page.evaluate(() => (window as unknown as PageWindow).analytics.track('signup'))
  await waitFor(
    () => accepted().filter(([, , key]) => key === 'signup').length === 2,
    'the marker conversions',
    () => accepted()
  )

  const orders = accepted().filter(([, , key]) => key === 'Order Completed')
  expect(orders.map(([project, visitor]) => [project, visitor]).sort()).toEqual([
    [WEB_PROJECT, 'two-project-shopper'],
    [MARKETING_PROJECT, 'two-project-shopper']
  ])
  expect(new Set(orders.map(([, , , uuid]) => uuid)).size).toBe(2)
  // Nothing is left behind in either store.
  const pending = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes('optly_event:')))
  expect(pending).toEqual([])
})

test('upgrade: a conversion the previous release stored under its shared key is delivered once by this one', async () => {
  const store = await e2e.openStore()
  const { page, scenario } = store
  await store.destinationLoaded()
  await page.addScriptTag({ url: `${e2e.site.origin}/vendor/optimizely.browser.umd.min.js` })
  e2e.collector.failNext(ATTEMPTS_PER_BATCH)

  // The previous release: the SDK's batch processor with its store under the shared prefix.
  await page.evaluate(
    async ({ datafileUrl, prefix }) => {
      const { optimizelySdk } = window as unknown as PageWindow
      const keys = () => Object.keys(localStorage).filter((key) => key.startsWith(prefix))
      const eventStore = {
        operation: 'sync',
        getKeys: () => keys().map((key) => key.slice(prefix.length)),
        get: (key: string) => localStorage.getItem(prefix + key) ?? undefined,
        set: (key: string, value: string) => localStorage.setItem(prefix + key, value),
        remove: (key: string) => localStorage.removeItem(prefix + key)
      }
      const datafile = await (await fetch(datafileUrl)).text()
      const previous = optimizelySdk.createInstance({
        projectConfigManager: optimizelySdk.createStaticProjectConfigManager({ datafile }),
        eventProcessor: optimizelySdk.createBatchEventProcessor({ eventStore, batchSize: 10, flushInterval: 100 })
      })
      await previous.onReady()
      ;(previous as unknown as { track(key: string, user: string, a?: unknown, t?: unknown): void }).track(
        'Order Completed',
        'upgrading-shopper',
        {},
        { revenue: 990 }
      )
    },
    { datafileUrl: scenario.datafileUrl, prefix: SHARED_STORE_PREFIX }
  )
  await waitFor(
    () => e2e.collector.requests.filter((request) => request.status === 500).length === ATTEMPTS_PER_BATCH,
    'the previous release’s attempts to fail',
    () => e2e.collector.requests.map((request) => request.status)
  )
  const left = await page.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)), SHARED_STORE_PREFIX)
  expect(left).toHaveLength(1)

  // The upgraded destination on the next page load.
  await reload(store)
  await store.destinationLoaded()
  await waitFor(
    () => accepted().some(([, visitor]) => visitor === 'upgrading-shopper'),
    'the stored conversion',
    () => e2e.collector.requests.map((request) => request.status)
  )
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('marker-shopper')
    await analytics.track('signup')
  })
  await waitFor(
    () => accepted().some(([, visitor]) => visitor === 'marker-shopper'),
    'the marker conversion',
    () => accepted()
  )

  expect(accepted().filter(([, visitor]) => visitor === 'upgrading-shopper')).toEqual([
    [WEB_PROJECT, 'upgrading-shopper', 'Order Completed', expect.any(String)]
  ])
  const shared = await page.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)), SHARED_STORE_PREFIX)
  expect(shared).toEqual([])
})
