/**
 * Sequential round trips from Segment's settings to the first Event API request: how many times
 * the page waits for the network, one request after another, before a conversion can leave.
 *
 * The page converts as early as it can (the track call is in the snippet's buffer before
 * analytics.js loads), on a fresh profile, with Chromium emulating `LATENCY_MS` per request (CDP
 * Network.emulateNetworkConditions), so requests that wait for each other are far apart and
 * requests made together are not. From the page's Resource Timing: the settings response is
 * depth 0; each later request of the destination (dist/web scripts, the datafile) has depth 1 +
 * the deepest such request that had finished when it started; the first Event API request (the
 * init-script probe's timestamp) likewise. Round trips = its depth − 1.
 */
import { eventApiSends, until, type Lab } from './lab'
import { atMost, type Row } from './report'
import { median } from './stats'
import type { ScenarioOptions } from '../e2e/support/site'

const LATENCY_MS = 1000
const REPETITIONS = 3
export const ROUND_TRIPS_TARGET = 2

/** Init script: queues an identify and a track in the snippet's buffer before analytics.js exists. */
function queueConversion(visitorId: string): void {
  ;(window as unknown as { analytics: unknown[] }).analytics = [
    ['identify', visitorId],
    ['track', 'Order Completed', { revenue: 1000 }]
  ]
}

interface Timed {
  name: string
  startTime: number
  responseEnd: number
}

/** The round trips on the critical path of one page load, and the requests on it (for the report). */
async function criticalPath(lab: Lab, options: ScenarioOptions, visitorId: string): Promise<{ trips: number; chain: string[] }> {
  const scenario = lab.site.addScenario(options)
  const context = await lab.newContext()
  try {
    await context.addInitScript(queueConversion, visitorId)
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LATENCY_MS,
      downloadThroughput: -1,
      uploadThroughput: -1
    })
    await page.goto(scenario.pageUrl)
    const sentAt = await until(async () => (await eventApiSends(page))[0]?.at, 'the first Event API request', 60_000)
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => {
        const { name, startTime, responseEnd } = entry as PerformanceResourceTiming
        return { name, startTime, responseEnd }
      })
    )
    const settings = entries.find((entry) => entry.name.includes('/settings'))
    if (!settings) throw new Error('the page has no Resource Timing entry for the settings')
    const ours = entries.filter(
      (entry) =>
        entry.startTime >= settings.responseEnd && (entry.name.includes('/dist/web/') || entry.name.split('?')[0] === scenario.datafileUrl)
    )
    const depth = new Map<Timed, { depth: number; via: string[] }>([[settings, { depth: 0, via: [] }]])
    const deepestBefore = (time: number) => {
      let best = { depth: 0, via: [] as string[] }
      for (const [entry, value] of depth) if (entry.responseEnd <= time && value.depth > best.depth) best = value
      return best
    }
    for (const entry of [...ours].sort((a, b) => a.startTime - b.startTime)) {
      const before = deepestBefore(entry.startTime)
      depth.set(entry, { depth: before.depth + 1, via: [...before.via, path(entry.name)] })
    }
    const last = deepestBefore(sentAt)
    return { trips: last.depth, chain: last.via }
  } finally {
    await context.close()
  }
}

const path = (url: string) =>
  new URL(url).pathname
    .split('/')
    .pop()
    ?.replace(/\.[0-9a-f]{8}\.js$/, '.js') ?? url

async function roundTrips(lab: Lab, options: ScenarioOptions, name: string): Promise<{ trips: number; runs: number[]; chain: string[] }> {
  const runs: number[] = []
  let chain: string[] = []
  for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
    const result = await criticalPath(lab, options, `bench-trips-${name}-${repetition}`)
    runs.push(result.trips)
    chain = result.chain
  }
  return { trips: median(runs), runs, chain }
}

const METHOD = `Fresh profile, the conversion queued in the snippet's buffer, ${LATENCY_MS} ms of emulated latency per request (CDP); the depth of the first Event API request in the page's Resource Timing (each request after the settings: 1 + the deepest one finished when it started), minus 1; median of ${REPETITIONS} page loads.`

export async function measureRoundTrips(lab: Lab): Promise<Row[]> {
  const own = await roundTrips(lab, {}, 'own')
  const page = await roundTrips(lab, { publishPageClient: true }, 'page')
  const runs = (values: number[]) => values.join(', ')
  return [
    {
      measure: 'Round trips after the settings before the first Event API request, own client, first visit',
      measured: `${own.trips} (${own.chain.join(' → ')}; runs: ${runs(own.runs)})`,
      reference: 'naive: main → runtime chunk → SDK chunk → datafile = 4',
      target: `≤ ${ROUND_TRIPS_TARGET}`,
      verdict: atMost(own.trips, ROUND_TRIPS_TARGET, (amount) => `${amount}`),
      method: METHOD
    },
    {
      measure: "Round trips after the settings before the first Event API request, page's client reused",
      measured: `${page.trips} (${page.chain.join(' → ')}; runs: ${runs(page.runs)})`,
      reference: "the page's client loads its datafile itself, in parallel",
      target: '',
      method: `${METHOD} The page publishes its own client (its SDK and datafile requests start before the settings).`
    }
  ]
}
