/**
 * The datafile changes while visitors have it: a returning visitor's cached copy lacks an event
 * added since, and a page left open for hours never sees the events and attributes added
 * meanwhile. Conversions of an event key the cached datafile lacks wait (within the 5 s bound)
 * for the copy on its way; a long-lived page refreshes its datafile through the SDK's own polling
 * (Datafile Refresh, default 10 minutes), only while it is visible. Time is Playwright's fake clock
 * where the interval matters; nothing is timed.
 */
import type { Page } from 'playwright-core'
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { conversionsIn } from './support/eventApi'
import { FIXTURE_DATAFILE } from './support/site'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

const received = () => conversionsIn(e2e.collector.accepted())
const CACHE_PREFIX = 'segment-optimizely-fx:datafile:'
/** The returning visit's network copy is this late: far behind the SDK's half-second batch. */
const LATE_DATAFILE_MS = 2500

/** A long-lived page's datafile, on Optimizely's CDN host (the collector can change it between requests). */
const LONG_LIVED_PATH = '/datafiles/LongLivedPageKey.json'
const LONG_LIVED_URL = `https://cdn.optimizely.com${LONG_LIVED_PATH}`
const NEW_EVENT = 'Newsletter Joined'
const nextRevision = {
  ...FIXTURE_DATAFILE,
  revision: '43',
  events: [...(FIXTURE_DATAFILE.events as unknown[]), { id: '8099', key: NEW_EVENT, experimentIds: [] }]
}

function track(page: Page, visitorId: string, eventKey: string): Promise<void> {
  return page.evaluate(
    async ({ visitorId, eventKey }) => {
      const { analytics } = window as unknown as PageWindow
      await analytics.identify(visitorId)
      await analytics.track(eventKey)
    },
    { visitorId, eventKey }
  )
}

const fetchesOfLongLived = () => e2e.collector.datafileFetches.filter((path) => path === LONG_LIVED_PATH).length

async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
    document.dispatchEvent(new Event('visibilitychange'))
  }, state)
}

async function openLongLivedPage(settings: Record<string, unknown> = {}): Promise<StorePage> {
  e2e.collector.serveDatafile(LONG_LIVED_PATH, FIXTURE_DATAFILE)
  const store = await e2e.openStore(
    { settings: { dataFileUrl: LONG_LIVED_URL, ...settings } },
    { beforeNavigate: (page) => page.clock.install() }
  )
  await store.destinationLoaded()
  expect(fetchesOfLongLived()).toBe(1)
  e2e.collector.serveDatafile(LONG_LIVED_PATH, nextRevision)
  return store
}

test('returning visitor, stale cache, new event key: the conversion waits for the fresh copy and arrives once', async () => {
  const store = await e2e.openStore()
  await store.destinationLoaded()
  await store.page.waitForFunction((prefix) => Object.keys(localStorage).some((key) => key.startsWith(prefix)), CACHE_PREFIX)
  // The cached copy predates the "signup" event.
  await store.page.evaluate((prefix) => {
    for (const key of Object.keys(localStorage).filter((key) => key.startsWith(prefix))) {
      const datafile = JSON.parse(localStorage.getItem(key) ?? '{}') as { revision: string; events: Array<{ key: string }> }
      datafile.revision = '41'
      datafile.events = datafile.events.filter((event) => event.key !== 'signup')
      localStorage.setItem(key, JSON.stringify(datafile))
    }
  }, CACHE_PREFIX)

  e2e.site.delayDatafile('fixture', LATE_DATAFILE_MS)
  await store.page.goto(store.scenario.pageUrl)
  await store.destinationLoaded()
  // Loaded from the cache while the network copy is still on its way (only the first visit's was answered).
  expect(e2e.site.datafileRequests.fixture.answered).toBe(1)
  await track(store.page, 'returning-shopper', 'signup')
  await track(store.page, 'returning-shopper', 'Never Defined')

  await waitFor(
    () => received().some((c) => c.key === 'signup'),
    'the held conversion',
    () => store.consoleMessages
  )
  await waitFor(
    () => store.destinationWarnings().some((warning) => warning.includes('"Never Defined"')),
    'the unknown key warning',
    () => store.consoleMessages
  )
  expect(received().map((c) => [c.visitorId, c.key, c.request.body?.revision])).toEqual([['returning-shopper', 'signup', '42']])
  expect(e2e.site.datafileRequests.fixture).toEqual({ received: 2, answered: 2 })
  // Checked against the fresh copy, and the message says which.
  expect(store.destinationWarnings()).toEqual([
    expect.stringContaining('"Never Defined" not sent: the datafile (revision 42) has no event')
  ])
})

test('a page open past the refresh interval picks up the new revision, and its new event converts', async () => {
  const store = await openLongLivedPage()

  await store.page.clock.fastForward('10:00')
  await waitFor(
    () => fetchesOfLongLived() === 2,
    'the refresh request',
    () => e2e.collector.datafileFetches
  )
  await track(store.page, 'long-lived-shopper', NEW_EVENT)

  await waitFor(
    () => received().length > 0,
    'the conversion',
    () => store.consoleMessages
  )
  expect(received().map((c) => [c.visitorId, c.key, c.entityId, c.request.body?.revision])).toEqual([
    ['long-lived-shopper', NEW_EVENT, '8099', '43']
  ])
  expect(store.destinationWarnings()).toEqual([])
})

test('a hidden page asks for no datafile; shown again after the interval, it asks at once', async () => {
  const store = await openLongLivedPage()

  await setVisibility(store.page, 'hidden')
  await store.page.clock.fastForward('25:00')
  // A conversion's round trip marks the point by which a refresh would have been asked for.
  await track(store.page, 'hidden-tab-shopper', 'signup')
  await waitFor(
    () => received().length > 0,
    'the marker conversion',
    () => e2e.collector.requests
  )
  expect(fetchesOfLongLived()).toBe(1)

  await setVisibility(store.page, 'visible')
  await waitFor(
    () => fetchesOfLongLived() === 2,
    'the refresh request',
    () => e2e.collector.datafileFetches
  )
})

test('Datafile Refresh 0: the page never asks again', async () => {
  const store = await openLongLivedPage({ datafileRefreshMinutes: 0 })

  await store.page.clock.fastForward('30:00')
  await track(store.page, 'no-refresh-shopper', 'signup')
  await waitFor(
    () => received().length > 0,
    'the marker conversion',
    () => e2e.collector.requests
  )
  expect(fetchesOfLongLived()).toBe(1)
})

test('once a client the page published takes the conversions, the destination’s own client stops polling', async () => {
  const store = await openLongLivedPage()
  await store.page.addScriptTag({ url: `${e2e.site.origin}/vendor/optimizely.browser.umd.min.js` })
  await store.page.evaluate(async (datafile) => {
    const page = window as unknown as PageWindow
    const late = page.optimizelySdk.createInstance({
      projectConfigManager: page.optimizelySdk.createStaticProjectConfigManager({ datafile: JSON.stringify(datafile) }),
      eventProcessor: page.optimizelySdk.createBatchEventProcessor({ flushInterval: 100 })
    })
    page.optimizelyClientInstance = late
    await late.onReady()
  }, FIXTURE_DATAFILE)
  await track(store.page, 'site-client-shopper', 'signup')
  await waitFor(
    () => received().length > 0,
    'the conversion through the page’s client',
    () => e2e.collector.requests
  )

  await store.page.clock.fastForward('25:00')
  await track(store.page, 'site-client-shopper', 'purchase')
  await waitFor(
    () => received().length > 1,
    'the marker conversion',
    () => e2e.collector.requests
  )
  expect(fetchesOfLongLived()).toBe(1)
})
