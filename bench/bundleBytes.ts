/**
 * Row 1: JavaScript the page downloads for the destination, taken from the responses Chromium
 * actually received for files under /dist/web/ (Playwright response events), with the page
 * converting once so every lazy chunk the destination needs has been fetched. Gzip is computed
 * on those bytes (level 9; the local site serves them uncompressed, as a CDN's origin would).
 */
import fs from 'fs'
import path from 'path'
import zlib from 'zlib'
import type { Response } from 'playwright-core'
import { conversionsIn } from '../e2e/support/eventApi'
import type { PageWindow } from '../e2e/support/pageWindow'
import { ROOT, WEB_DIST } from './ensureBuild'
import { destinationLoaded, until, type Lab } from './lab'
import { atMost, type Row } from './report'
import { kb } from './stats'
import { measureCaptureEntry } from './captureBytes'

const SDK_UMD = path.join(ROOT, 'node_modules/@optimizely/optimizely-sdk/dist/optimizely.browser.umd.min.js')
export const ALL_JS_TARGET_GZIP = 36 * 1024
export const SHARED_CLIENT_TARGET_GZIP = 14 * 1024

interface Size {
  min: number
  gzip: number
}

function sizeOf(content: Buffer): Size {
  return { min: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length }
}

function total(sizes: Size[]): Size {
  return sizes.reduce((sum, size) => ({ min: sum.min + size.min, gzip: sum.gzip + size.gzip }), { min: 0, gzip: 0 })
}

const both = (size: Size) => `${kb(size.min)} min / ${kb(size.gzip)} gzip`

/** The dist/web files one page load fetched, converting once as `visitorId`. */
async function fetchedByPage(lab: Lab, publishPageClient: boolean, visitorId: string): Promise<Map<string, Size>> {
  const scenario = lab.site.addScenario({ publishPageClient })
  const context = await lab.newContext()
  try {
    const page = await context.newPage()
    const bodies: Array<Promise<[string, Buffer]>> = []
    const prefix = `${lab.site.origin}/dist/web/`
    page.on('response', (response: Response) => {
      const url = response.url()
      if (url.startsWith(prefix) && url.endsWith('.js')) bodies.push(response.body().then((body) => [url.slice(prefix.length), body]))
    })
    await lab.visit(page, scenario)
    await destinationLoaded(page)
    await page.evaluate(async (userId) => {
      const { analytics } = window as unknown as PageWindow
      await analytics.identify(userId)
      await analytics.track('Order Completed', { revenue: 1000 })
    }, visitorId)
    await until(
      () => conversionsIn(lab.collector.accepted()).some((event) => event.visitorId === visitorId),
      `the conversion of ${visitorId}`
    )
    const files = new Map<string, Size>()
    for (const [file, body] of await Promise.all(bodies)) files.set(file, sizeOf(body))
    return files
  } finally {
    await context.close()
  }
}

export async function measureBundleBytes(lab: Lab): Promise<Row[]> {
  const distFiles = fs.readdirSync(WEB_DIST).filter((file) => file.endsWith('.js'))
  const dist = new Map(distFiles.map((file) => [file, sizeOf(fs.readFileSync(path.join(WEB_DIST, file)))]))
  const allJs = total([...dist.values()])
  const umd = sizeOf(fs.readFileSync(SDK_UMD))
  const runtimeChunk = [...dist.entries()].find(([file]) => file.startsWith('actions-plugin'))?.[1]

  const own = await fetchedByPage(lab, false, 'bench-bytes-own')
  const shared = await fetchedByPage(lab, true, 'bench-bytes-shared')
  const ownTotal = total([...own.values()])
  const sharedTotal = total([...shared.values()])
  const names = (files: Map<string, Size>) => [...files.keys()].map((file) => file.replace(/\.[0-9a-f]{8}\.js$/, '.js')).join(', ')

  return [
    {
      measure: 'All JS in dist/web',
      measured: `${both(allJs)} (${distFiles.length} files)`,
      reference: `SDK UMD alone: ${both(umd)}`,
      target: '≤ 36.0 KB gzip',
      verdict: atMost(allJs.gzip, ALL_JS_TARGET_GZIP, kb),
      method:
        'Sum over every .js file in dist/web of its size and its gzip -9 size (KB = 1,024 bytes); reference: node_modules/@optimizely/optimizely-sdk/dist/optimizely.browser.umd.min.js measured the same way.'
    },
    {
      measure: 'JS fetched by the page, destination with its own SDK',
      measured: `${both(ownTotal)} (${names(own)})`,
      reference: `SDK UMD alone: ${both(umd)}`,
      target: '',
      method:
        'Bodies of the dist/web/*.js responses Chromium received (Playwright response events) while a fresh page loaded analytics.js with the destination and converted once; gzip -9 of those bytes.'
    },
    {
      measure: "JS fetched by the page, page's client reused",
      measured: `${both(sharedTotal)} (${names(shared)})`,
      reference: runtimeChunk ? `Segment runtime chunk alone: ${both(runtimeChunk)}` : 'Segment runtime chunk: not found',
      target: '≤ 14.0 KB gzip',
      verdict: atMost(sharedTotal.gzip, SHARED_CLIENT_TARGET_GZIP, kb),
      method:
        "As above, on a page that creates its own client from the SDK UMD build and publishes it at window.optimizelyClientInstance (the UMD build is the site's, not counted)."
    },
    await measureCaptureEntry()
  ]
}
