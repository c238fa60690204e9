/**
 * JavaScript a page pays for the destination, per page path: the bodies Chromium actually received
 * for files under /dist/web/ (Playwright response events) while the page loaded the destination
 * and converted once, so every chunk that path needs has been fetched. Gzip is computed on those
 * bytes (level 9; the local site serves them uncompressed, as a CDN's origin would).
 *
 * The paths: the destination's own client on a first and on a returning visit (the datafile then
 * comes from the cache), the page's own client reused, and Share Client (our client published for
 * the site, so its decisions are listened to). The total of dist/web is shown for reference only:
 * no page fetches every chunk.
 */
import fs from 'fs'
import path from 'path'
import zlib from 'zlib'
import type { BrowserContext, Page, Response } from 'playwright-core'
import { conversionsIn } from '../e2e/support/eventApi'
import type { PageWindow } from '../e2e/support/pageWindow'
import type { ScenarioOptions } from '../e2e/support/site'
import { ROOT, WEB_DIST } from './ensureBuild'
import { destinationLoaded, until, type Lab } from './lab'
import { atMost, type Row } from './report'
import { kb } from './stats'
import { measureCaptureEntry } from './captureBytes'

const SDK_UMD = path.join(ROOT, 'node_modules/@optimizely/optimizely-sdk/dist/optimizely.browser.umd.min.js')
/** The naive destination (the SDK and Segment's runtime, none of our rules): 38.8 KB gzip. */
export const OWN_CLIENT_TARGET_GZIP = 38 * 1024
export const PAGE_CLIENT_TARGET_GZIP = 12 * 1024

export interface Size {
  min: number
  gzip: number
}

export function sizeOf(content: Buffer): Size {
  return { min: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length }
}

export function total(sizes: Size[]): Size {
  return sizes.reduce((sum, size) => ({ min: sum.min + size.min, gzip: sum.gzip + size.gzip }), { min: 0, gzip: 0 })
}

export const both = (size: Size) => `${kb(size.min)} min / ${kb(size.gzip)} gzip`

/** What the JS the page fetched under `prefix` adds up to, file by file. */
export interface Fetched {
  files: Map<string, Size>
  total: Size
}

/** Collects the bodies of the .js responses under `prefix` that `context`'s pages receive until `collect()` is called. */
export function recordScripts(context: BrowserContext, prefix: string): () => Promise<Fetched> {
  const bodies: Array<Promise<[string, Buffer]>> = []
  context.on('response', (response: Response) => {
    const url = response.url()
    if (url.startsWith(prefix) && url.endsWith('.js')) bodies.push(response.body().then((body) => [url.slice(prefix.length), body]))
  })
  return async () => {
    const files = new Map<string, Size>()
    for (const [file, body] of await Promise.all(bodies.splice(0))) files.set(file, sizeOf(body))
    return { files, total: total([...files.values()]) }
  }
}

/** `visitorId` identifies and converts once on `page`; resolved once the collector has the conversion. */
export async function convertOn(lab: Lab, page: Page, visitorId: string): Promise<void> {
  await page.evaluate(async (userId) => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify(userId)
    await analytics.track('Order Completed', { revenue: 1000 })
  }, visitorId)
  await until(
    () => conversionsIn(lab.collector.accepted()).some((event) => event.visitorId === visitorId),
    `the conversion of ${visitorId}`
  )
}

/** One conversion by `visitorId` on a new page of the scenario, once the destination has loaded. */
async function convertOnce(lab: Lab, context: BrowserContext, scenario: ReturnType<Lab['site']['addScenario']>, visitorId: string) {
  const page = await context.newPage()
  await lab.visit(page, scenario)
  await destinationLoaded(page)
  await convertOn(lab, page, visitorId)
  await page.close()
}

/** The dist/web files each visit fetched (two visits = a returning visitor, same browser profile). */
async function fetchedByVisits(lab: Lab, options: ScenarioOptions, visitorId: string, visits: number): Promise<Fetched[]> {
  const scenario = lab.site.addScenario(options)
  const context = await lab.newContext()
  try {
    const collect = recordScripts(context, `${lab.site.origin}/dist/web/`)
    const results: Fetched[] = []
    for (let visit = 0; visit < visits; visit += 1) {
      await convertOnce(lab, context, scenario, `${visitorId}-${visit}`)
      results.push(await collect())
    }
    return results
  } finally {
    await context.close()
  }
}

const names = (fetched: Fetched) => [...fetched.files.keys()].map((file) => file.replace(/\.[0-9a-f]{8}\.js$/, '.js')).join(', ')

const METHOD =
  'Bodies of the dist/web/*.js responses Chromium received (Playwright response events) while the page loaded analytics.js with the destination and converted once; gzip -9 of those bytes (KB = 1,024 bytes).'

/** The own-client first-visit figure, for the npm row's target (set by measureBundleBytes). */
export let ownClientFirstVisit: Size | undefined

export async function measureBundleBytes(lab: Lab): Promise<Row[]> {
  const distFiles = fs.readdirSync(WEB_DIST).filter((file) => file.endsWith('.js'))
  const allJs = total(distFiles.map((file) => sizeOf(fs.readFileSync(path.join(WEB_DIST, file)))))
  const umd = sizeOf(fs.readFileSync(SDK_UMD))

  const [first, returning] = await fetchedByVisits(lab, {}, 'bench-bytes-own', 2)
  const [pageClient] = await fetchedByVisits(lab, { publishPageClient: true }, 'bench-bytes-page', 1)
  const [shared] = await fetchedByVisits(lab, { settings: { shareClient: true } }, 'bench-bytes-share', 1)
  ownClientFirstVisit = first.total
  const naive = "the issue's naive destination (SDK + Segment runtime, no rules): 38.8 KB gzip"

  return [
    {
      measure: 'JS fetched, own client, first visit',
      measured: `${both(first.total)} (${names(first)})`,
      reference: naive,
      target: `≤ ${kb(OWN_CLIENT_TARGET_GZIP)} gzip`,
      verdict: atMost(first.total.gzip, OWN_CLIENT_TARGET_GZIP, kb),
      method: `${METHOD} Fresh browser profile, the destination's own client.`
    },
    {
      measure: 'JS fetched, own client, returning visit',
      measured: `${both(returning.total)} (${names(returning)})`,
      reference: naive,
      target: `≤ ${kb(OWN_CLIENT_TARGET_GZIP)} gzip`,
      verdict: atMost(returning.total.gzip, OWN_CLIENT_TARGET_GZIP, kb),
      method: `${METHOD} The second page load of the same profile (its datafile cached by the first; the local site sends no-store, so no script comes from the HTTP cache).`
    },
    {
      measure: "JS fetched, page's client reused",
      measured: `${both(pageClient.total)} (${names(pageClient)})`,
      reference: `SDK UMD the site loads itself (not counted): ${both(umd)}`,
      target: `≤ ${kb(PAGE_CLIENT_TARGET_GZIP)} gzip`,
      verdict: atMost(pageClient.total.gzip, PAGE_CLIENT_TARGET_GZIP, kb),
      method: `${METHOD} The page creates its own client from the SDK UMD build and publishes it at window.optimizelyClientInstance; the destination listens to its decisions (visitor-ID guard on by default).`
    },
    {
      measure: 'JS fetched, Share Client (own client published for the site)',
      measured: `${both(shared.total)} (${names(shared)})`,
      reference: naive,
      target: '',
      method: `${METHOD} Settings: Share Client on, so the destination loads its own client and listens to its decisions.`
    },
    {
      measure: 'All JS in dist/web (no page fetches all of it)',
      measured: `${both(allJs)} (${distFiles.length} files)`,
      reference: `SDK UMD alone: ${both(umd)}`,
      target: '',
      method: 'Sum over every .js file in dist/web of its size and its gzip -9 size; reference: the SDK UMD build measured the same way.'
    },
    await measureCaptureEntry()
  ]
}
