/**
 * Row 2: Event API requests per 100 conversions on one page. A visitor converts 100 times in a
 * burst through analytics.track; the collector counts the POSTs that carried them (CORS
 * preflights are not counted: Chromium caches one per origin for the collector's max-age).
 */
import { conversionsIn } from '../e2e/support/eventApi'
import type { PageWindow } from '../e2e/support/pageWindow'
import { destinationLoaded, pause, until, type Lab } from './lab'
import { atMost, type Row } from './report'
import { median } from './stats'

const CONVERSIONS = 100
const REPETITIONS = 3
export const REQUESTS_TARGET = 11
/** Longer than the SDK's batch interval: a resent duplicate would arrive within it. */
const SETTLE_MS = 1500

async function requestsFor100(lab: Lab, publishPageClient: boolean, visitorId: string): Promise<number> {
  const scenario = lab.site.addScenario({ publishPageClient })
  const context = await lab.newContext()
  try {
    const page = await context.newPage()
    await lab.visit(page, scenario)
    await destinationLoaded(page)
    await page.evaluate(
      async ({ visitorId, count }) => {
        const { analytics } = window as unknown as PageWindow
        await analytics.identify(visitorId)
        await Promise.all(Array.from({ length: count }, (_, index) => analytics.track('Order Completed', { revenue: 100 + index })))
      },
      { visitorId, count: CONVERSIONS }
    )
    const mine = () => conversionsIn(lab.collector.accepted()).filter((event) => event.visitorId === visitorId)
    await until(() => mine().length >= CONVERSIONS, `${CONVERSIONS} conversions of ${visitorId}`)
    await pause(SETTLE_MS)
    return new Set(mine().map((event) => event.request)).size
  } finally {
    await context.close()
  }
}

async function medianRequests(lab: Lab, publishPageClient: boolean, label: string): Promise<{ median: number; runs: number[] }> {
  const runs: number[] = []
  for (let repetition = 0; repetition < REPETITIONS; repetition += 1)
    runs.push(await requestsFor100(lab, publishPageClient, `bench-requests-${label}-${repetition}`))
  return { median: median(runs), runs }
}

export async function measureEventRequests(lab: Lab): Promise<Row[]> {
  const own = await medianRequests(lab, false, 'own')
  const shared = await medianRequests(lab, true, 'shared')
  const reference = "Segment's published cloud destination: 200 (1 datafile GET + 1 POST per event)"
  const method = (client: string) =>
    `${client}: 100 analytics.track calls in one burst on one page; Event API POSTs the local collector received carrying them, counted after a 1.5 s settle; median of ${REPETITIONS} page loads.`
  return [
    {
      measure: 'Event API requests per 100 conversions (own SDK)',
      measured: `${own.median} (runs: ${own.runs.join(', ')})`,
      reference,
      target: `≤ ${REQUESTS_TARGET}`,
      verdict: atMost(own.median, REQUESTS_TARGET, String),
      method: method("Destination's own client")
    },
    {
      measure: "Event API requests per 100 conversions (page's client reused)",
      measured: `${shared.median} (runs: ${shared.runs.join(', ')})`,
      reference,
      target: `≤ ${REQUESTS_TARGET}`,
      verdict: atMost(shared.median, REQUESTS_TARGET, String),
      method: method("Page's client at window.optimizelyClientInstance (its default batch processor)")
    }
  ]
}
