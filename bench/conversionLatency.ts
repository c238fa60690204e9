/**
 * Row 3: time from the site's analytics.track call to the conversion leaving the browser, both
 * read from the page's own clock (performance.now()): the call is stamped just before it is made,
 * the departure when the SDK hands the Event API request to XHR, fetch or sendBeacon (see
 * pageProbe.ts). Cold is a first visit; the returning visitor's datafile is cached by an earlier
 * load in the same browser context, and the datafile URL then answers 4 s late.
 */
import type { Page } from 'playwright-core'
import type { EventBatch } from '../e2e/support/collector'
import type { PageWindow } from '../e2e/support/pageWindow'
import { destinationLoaded, eventApiSends, until, type Lab } from './lab'
import { below, type Row } from './report'
import { median, ms } from './stats'

const REPETITIONS = 5
export const LATE_DATAFILE_MS = 4000
export const RETURNING_TARGET_MS = 1000
const CACHE_PREFIX = 'segment-optimizely-fx:datafile:'

/** Tracks one conversion for `visitorId` without waiting for the destination; returns the page's timestamp of the call. */
function trackNow(page: Page, visitorId: string): Promise<number> {
  return page.evaluate((visitorId) => {
    const { analytics } = window as unknown as PageWindow
    // Not awaited: analytics.js resolves these only after the destination has handled them.
    void analytics.identify(visitorId)
    const calledAt = performance.now()
    void analytics.track('Order Completed', { revenue: 2500 })
    return calledAt
  }, visitorId)
}

/** The page's timestamp of the first Event API request carrying `visitorId`. */
async function departure(page: Page, visitorId: string): Promise<number> {
  return until(async () => {
    for (const send of await eventApiSends(page)) {
      let batch: EventBatch | undefined
      try {
        batch = JSON.parse(send.body) as EventBatch
      } catch {
        continue
      }
      if (batch.visitors?.some((visitor) => visitor.visitor_id === visitorId)) return send.at
    }
    return undefined
  }, `the Event API request of ${visitorId}`)
}

async function coldVisit(lab: Lab, visitorId: string): Promise<number> {
  const scenario = lab.site.addScenario()
  const context = await lab.newContext()
  try {
    const page = await context.newPage()
    await lab.visit(page, scenario)
    const calledAt = await trackNow(page, visitorId)
    return (await departure(page, visitorId)) - calledAt
  } finally {
    await context.close()
  }
}

async function returningVisit(lab: Lab, visitorId: string): Promise<{ latency: number; datafileAnsweredFirst: boolean }> {
  const scenario = lab.site.addScenario()
  const context = await lab.newContext()
  try {
    const page = await context.newPage()
    await lab.visit(page, scenario)
    await destinationLoaded(page)
    await page.waitForFunction((prefix) => Object.keys(localStorage).some((key) => key.startsWith(prefix)), CACHE_PREFIX, {
      timeout: 20_000
    })

    lab.site.delayDatafile('fixture', LATE_DATAFILE_MS)
    const answeredBefore = lab.site.datafileRequests.fixture?.answered ?? 0
    await lab.visit(page, scenario)
    const calledAt = await trackNow(page, visitorId)
    const leftAt = await departure(page, visitorId)
    const datafileAnsweredFirst = (lab.site.datafileRequests.fixture?.answered ?? 0) > answeredBefore
    return { latency: leftAt - calledAt, datafileAnsweredFirst }
  } finally {
    lab.site.delayDatafile('fixture', 0)
    await context.close()
  }
}

export async function measureConversionLatency(lab: Lab): Promise<Row[]> {
  const cold: number[] = []
  const returning: number[] = []
  let lateDatafileFirst = 0
  for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
    cold.push(await coldVisit(lab, `bench-cold-${repetition}`))
    const visit = await returningVisit(lab, `bench-returning-${repetition}`)
    returning.push(visit.latency)
    if (visit.datafileAnsweredFirst) lateDatafileFirst += 1
  }
  const runs = (values: number[]) => values.map((value) => Math.round(value)).join(', ')
  const returningMedian = median(returning)
  return [
    {
      measure: 'analytics.track → conversion leaves the browser, cold (first visit)',
      measured: `${ms(median(cold))} (runs: ${runs(cold)})`,
      reference: "SDK's batch flush interval: 1,000 ms",
      target: '',
      method: `Page clock (performance.now()) from just before analytics.track to the SDK handing the Event API request to XHR/fetch/sendBeacon (init-script probe), called as soon as analytics.js is initialised on a fresh context; median of ${REPETITIONS}.`
    },
    {
      measure: 'analytics.track → conversion leaves the browser, returning visitor, datafile 4 s late',
      measured: `${ms(returningMedian)} (runs: ${runs(returning)}; late datafile answered first in ${lateDatafileFirst}/${REPETITIONS})`,
      reference: `datafile answers after ${ms(LATE_DATAFILE_MS)}`,
      target: `< ${ms(RETURNING_TARGET_MS)}`,
      verdict: below(returningMedian, RETURNING_TARGET_MS, ms),
      method: `Same clock, on a second load in the same context after the first load cached the datafile, with the datafile URL answering ${LATE_DATAFILE_MS / 1000} s late; median of ${REPETITIONS}.`
    }
  ]
}
