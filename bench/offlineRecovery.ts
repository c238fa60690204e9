/**
 * Time from the browser coming back online to a conversion that failed offline leaving again, on
 * the same page. Both ends are read from the page's own clock: the `online` event's
 * timeStamp, and the moment the SDK hands the Event API request to XHR (pageProbe.ts).
 *
 * The context goes offline (Playwright's setOffline, which fires `offline`/`online` in the page),
 * the visitor converts, and the SDK's three attempts fail; the context goes online once the SDK
 * has reported giving up on the batch (its one console error), so the figure is the destination's
 * retry and not the SDK's in-run retries.
 */
import type { Page } from 'playwright-core'
import type { EventBatch } from '../e2e/support/collector'
import type { PageWindow } from '../e2e/support/pageWindow'
import { destinationLoaded, eventApiSends, until, type Lab } from './lab'
import { atMost, type Row } from './report'
import { median, ms } from './stats'

const REPETITIONS = 5
export const BACK_ONLINE_TARGET_MS = 1000
/** The SDK's own retry of stored failed events (its browser build), what the figure replaced. */
const SDK_RETRY_INTERVAL_MS = 20_000
const ONLINE_KEY = '__benchOnlineAt'

/** Init script: the page-clock time of the latest `online` event, as the browser stamped it. */
function recordOnline(key: string): void {
  window.addEventListener('online', (event) => {
    ;(window as unknown as Record<string, number>)[key] = event.timeStamp
  })
}

/** Page-clock times of the Event API requests that carried `visitorId`. */
async function sendsOf(page: Page, visitorId: string): Promise<number[]> {
  const times: number[] = []
  for (const send of await eventApiSends(page)) {
    try {
      const batch = JSON.parse(send.body) as EventBatch
      if (batch.visitors?.some((visitor) => visitor.visitor_id === visitorId)) times.push(send.at)
    } catch {
      // Not an Event API body; not ours.
    }
  }
  return times
}

async function oneRecovery(lab: Lab, visitorId: string): Promise<number> {
  const scenario = lab.site.addScenario()
  const context = await lab.newContext()
  try {
    await context.addInitScript(recordOnline, ONLINE_KEY)
    const page = await context.newPage()
    let sdkErrors = 0
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('SDK:')) sdkErrors += 1
    })
    await lab.visit(page, scenario)
    await destinationLoaded(page)

    await context.setOffline(true)
    await page.evaluate((visitorId) => {
      const { analytics } = window as unknown as PageWindow
      void analytics.identify(visitorId)
      void analytics.track('Order Completed', { revenue: 2500 })
    }, visitorId)
    await until(() => sdkErrors > 0, `the SDK to give up on the offline batch of ${visitorId}`)
    const offlineAttempts = (await sendsOf(page, visitorId)).length

    await context.setOffline(false)
    const leftAt = await until(async () => (await sendsOf(page, visitorId))[offlineAttempts], `the resent conversion of ${visitorId}`)
    const onlineAt = await page.evaluate((key) => (window as unknown as Record<string, number>)[key], ONLINE_KEY)
    return leftAt - onlineAt
  } finally {
    await context.close()
  }
}

export async function measureOfflineRecovery(lab: Lab): Promise<Row[]> {
  const runs: number[] = []
  for (let repetition = 0; repetition < REPETITIONS; repetition += 1) runs.push(await oneRecovery(lab, `bench-offline-${repetition}`))
  const value = median(runs)
  return [
    {
      measure: 'offline → online: conversion leaves after',
      measured: `${ms(value)} (runs: ${runs.map((run) => Math.round(run)).join(', ')})`,
      reference: `SDK alone: its next stored-event retry, up to ${ms(SDK_RETRY_INTERVAL_MS)} later`,
      target: `≤ ${ms(BACK_ONLINE_TARGET_MS)}`,
      verdict: atMost(value, BACK_ONLINE_TARGET_MS, ms),
      method: `Page clock from the \`online\` event's timeStamp to the SDK handing the resent Event API request to XHR (init-script probe); the context was taken offline with Playwright's setOffline, the visitor converted, and the context went online after the SDK had given up on the batch (its console error); median of ${REPETITIONS} fresh contexts.`
    }
  ]
}
