/**
 * The bench's lab: the e2e suite's local site, HTTPS Event API collector and Debian Chromium
 * (e2e/support), started without jest. All traffic stays on 127.0.0.1: the Event API hosts
 * resolve to the collector and every other host name fails to resolve (see e2e/support/browser.ts).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { COLLECTOR_HOSTS, launchChromium } from '../e2e/support/browser'
import { makeCertificate } from '../e2e/support/certificate'
import { Collector } from '../e2e/support/collector'
import { DESTINATION_NAME, Site, type Scenario } from '../e2e/support/site'
import { installEventApiProbe, PROBE_KEY, readSends } from './pageProbe'

const WAIT_MS = 20_000

export interface Lab {
  site: Site
  collector: Collector
  /**
   * A fresh browser profile state (cookies, localStorage), with the Event API probe installed
   * unless `probe` is false (timings of the page's own code should not include the probe's).
   */
  newContext(options?: { probe?: boolean }): Promise<BrowserContext>
  /** Loads the scenario's store page in `page` and waits until analytics.js is initialised. */
  visit(page: Page, scenario: Scenario): Promise<void>
  stop(): Promise<void>
}

export async function startLab(): Promise<Lab> {
  const collector = await Collector.start(await makeCertificate(COLLECTOR_HOSTS))
  const site = await Site.start()
  let browser: Browser
  try {
    browser = await launchChromium(collector.port)
  } catch (error) {
    await site.stop()
    await collector.stop()
    throw error
  }
  return {
    site,
    collector,
    async newContext({ probe = true } = {}) {
      const context = await browser.newContext()
      if (probe) await context.addInitScript(installEventApiProbe, PROBE_KEY)
      return context
    },
    async visit(page, scenario) {
      await page.goto(scenario.pageUrl)
      await page.waitForFunction(
        () => {
          const analytics = (window as unknown as { analytics?: { initialized?: boolean } }).analytics
          return !Array.isArray(analytics) && analytics?.initialized === true
        },
        undefined,
        { timeout: WAIT_MS }
      )
    },
    async stop() {
      await browser.close()
      await site.stop()
      await collector.stop()
    }
  }
}

/** Resolves once analytics.js reports the destination loaded (its Optimizely client is ready). */
export async function destinationLoaded(page: Page): Promise<void> {
  await page.waitForFunction(
    (name) => {
      const { analytics } = window as unknown as { analytics: { queue?: { plugins?: Array<{ name: string; isLoaded(): boolean }> } } }
      return analytics.queue?.plugins?.some((plugin) => plugin.name === name && plugin.isLoaded()) === true
    },
    DESTINATION_NAME,
    { timeout: WAIT_MS }
  )
}

/** The Event API requests the current document sent, with the page's timestamps. */
export function eventApiSends(page: Page): Promise<Array<{ at: number; via: string; body: string }>> {
  return page.evaluate(readSends, PROBE_KEY)
}

/** Polls `probe` (bounded) until it returns something truthy. */
export async function until<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = WAIT_MS
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const result = await probe()
    if (result) return result
    if (Date.now() > deadline) throw new Error(`bench: timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds))
}
