/**
 * Per-file set-up for the browser tests: one collector, one site and one Chromium for the file,
 * a fresh browser context (cookies, localStorage, the SDK's event store) for every page.
 *
 * After each test it checks what holds for every case: no error reached the page
 * (`pageerror`), and the page requested nothing outside this machine.
 */
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core'
import { makeCertificate } from './certificate'
import { Collector } from './collector'
import { DESTINATION_NAME, Site, type Scenario, type ScenarioOptions } from './site'
import { COLLECTOR_HOSTS, launchChromium } from './browser'
import { LOG_PREFIX } from '../../src/client/consoleLog'

export interface StorePage {
  page: Page
  scenario: Scenario
  consoleMessages: Array<{ type: string; text: string }>
  pageErrors: string[]
  /** Console errors the destination printed (its messages carry its prefix). */
  destinationErrors(): string[]
  /** Console warnings the destination printed. */
  destinationWarnings(): string[]
  /** Resolves once analytics.js reports the destination loaded (its datafile is ready). */
  destinationLoaded(): Promise<void>
  /** URLs this tab passed to navigator.sendBeacon, across same-origin navigations. */
  beaconUrls(): Promise<string[]>
}

export interface E2E {
  readonly site: Site
  readonly collector: Collector
  /**
   * Opens the store page with its own CDN settings and waits until analytics.js has loaded
   * (unless `waitForAnalytics` is false: a page whose destination is held never finishes).
   */
  openStore(options?: ScenarioOptions, open?: OpenOptions): Promise<StorePage>
  /** Opens `scenario`'s page in another tab of `store`'s browser context (same storage), and waits for analytics.js. */
  openTab(store: StorePage, scenario?: Scenario): Promise<StorePage>
}

export interface OpenOptions {
  /** Runs on the new page before it navigates (e.g. to install Playwright's fake clock). */
  beforeNavigate?: (page: Page) => Promise<void>
  /** Whether to wait for analytics.js to finish loading (default true). */
  waitForAnalytics?: boolean
}

const DEFAULT_WAIT_MS = 15_000

/**
 * Polls `probe` until it returns something truthy, and returns that. On time-out the error says
 * what was awaited and, through `describe`, what was seen instead.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false,
  what: string,
  describe?: () => unknown,
  timeoutMs = DEFAULT_WAIT_MS
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const result = probe()
    if (result) return result
    if (Date.now() > deadline) {
      const seen = describe ? `\nseen: ${JSON.stringify(describe(), null, 2)}` : ''
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const BEACON_LOG_KEY = 'e2e:beacons'

/**
 * Runs before any page script: notes each navigator.sendBeacon URL in sessionStorage (which
 * outlives the page that unloads) and then sends the beacon unchanged, so a test can tell an
 * unload beacon from an XHR without intercepting either.
 */
function recordBeacons(key: string): void {
  const send = navigator.sendBeacon.bind(navigator)
  navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
    const urls = JSON.parse(sessionStorage.getItem(key) ?? '[]') as string[]
    urls.push(String(url))
    sessionStorage.setItem(key, JSON.stringify(urls))
    return send(url, data)
  }
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url)
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true
  return hostname === '127.0.0.1' || COLLECTOR_HOSTS.includes(hostname)
}

export function setUpE2E(): E2E {
  let site: Site
  let collector: Collector
  let browser: Browser
  let opened: Array<{ context: BrowserContext; store: StorePage; strayRequests: string[] }> = []

  beforeAll(async () => {
    collector = await Collector.start(await makeCertificate(COLLECTOR_HOSTS))
    site = await Site.start()
    browser = await launchChromium(collector.port)
  })

  afterAll(async () => {
    await browser?.close()
    await site?.stop()
    await collector?.stop()
  })

  beforeEach(() => {
    collector.reset()
    site.reset()
  })

  afterEach(async () => {
    const closing = opened
    opened = []
    await Promise.all([...new Set(closing.map(({ context }) => context))].map((context) => context.close()))
    for (const { store, strayRequests } of closing) {
      expect({ page: store.scenario.pageUrl, pageErrors: store.pageErrors }).toEqual({ page: store.scenario.pageUrl, pageErrors: [] })
      expect({ page: store.scenario.pageUrl, strayRequests }).toEqual({ page: store.scenario.pageUrl, strayRequests: [] })
    }
  })

  async function openStore(
    options: ScenarioOptions = {},
    { beforeNavigate, waitForAnalytics = true }: OpenOptions = {}
  ): Promise<StorePage> {
    const scenario = site.addScenario(options)
    const context = await browser.newContext()
    await context.addInitScript(recordBeacons, BEACON_LOG_KEY)
    return openPage(context, scenario, { beforeNavigate, waitForAnalytics })
  }

  async function openTab(store: StorePage, scenario: Scenario = store.scenario): Promise<StorePage> {
    const context = opened.find((entry) => entry.store === store)?.context
    if (!context) throw new Error('openTab: the store page was not opened by this harness')
    return openPage(context, scenario, {})
  }

  async function openPage(
    context: BrowserContext,
    scenario: Scenario,
    { beforeNavigate, waitForAnalytics = true }: OpenOptions
  ): Promise<StorePage> {
    const page = await context.newPage()
    const consoleMessages: StorePage['consoleMessages'] = []
    const destinationMessages = (type: string) =>
      consoleMessages.filter((m) => m.type === type && m.text.startsWith(LOG_PREFIX)).map((m) => m.text)
    const store: StorePage = {
      page,
      scenario,
      consoleMessages,
      pageErrors: [],
      destinationErrors: () => destinationMessages('error'),
      destinationWarnings: () => destinationMessages('warning'),
      destinationLoaded: async () => {
        await page.waitForFunction((name) => {
          const { analytics } = window as unknown as { analytics: { queue?: { plugins?: Array<{ name: string; isLoaded(): boolean }> } } }
          return analytics.queue?.plugins?.some((plugin) => plugin.name === name && plugin.isLoaded()) === true
        }, DESTINATION_NAME)
      },
      beaconUrls: () => page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? '[]') as string[], BEACON_LOG_KEY)
    }
    const strayRequests: string[] = []
    const isFirstPage = !opened.some((entry) => entry.context === context)
    opened.push({ context, store, strayRequests })
    // Observers only, no interception. Chromium does not report unload beacons here; those are
    // kept local by the host resolver rules (see browser.ts).
    if (isFirstPage)
      context.on('request', (request) => {
        if (!isLocal(request.url())) strayRequests.push(request.url())
      })
    page.on('console', (message: ConsoleMessage) => consoleMessages.push({ type: message.type(), text: message.text() }))
    page.on('pageerror', (error) => store.pageErrors.push(String(error?.stack ?? error)))

    await beforeNavigate?.(page)
    // A held destination script may keep the load event from ever firing.
    await page.goto(scenario.pageUrl, { waitUntil: waitForAnalytics ? 'load' : 'domcontentloaded' })
    if (waitForAnalytics) {
      await page.waitForFunction(() => {
        const analytics = (window as unknown as { analytics?: { initialized?: boolean } }).analytics
        return !Array.isArray(analytics) && analytics?.initialized === true
      })
    }
    return store
  }

  return {
    get site() {
      return site
    },
    get collector() {
      return collector
    },
    openStore,
    openTab
  }
}
