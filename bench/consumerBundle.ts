/**
 * The site bundle a team gets from the README's "From npm" examples: the packed package and
 * analytics.js installed into an app outside the repository and bundled with esbuild for the
 * browser, minified, with no alias or other configuration (e2e/support/consumerApp.ts, as the
 * consumer test does it).
 *
 * Two figures: what the bundler writes (every .js file, entry and lazy chunks, of each example
 * bundled on its own), and what a page fetches: example 1 (the factory as a plugin source, our own
 * client) loaded in Chromium and converting once, beside a page that only loads analytics.js from
 * the same bundle. The difference is what the package adds to the page, to compare with the CDN
 * path's own-client figure.
 */
import fs from 'fs'
import path from 'path'
import { createConsumerApp, readmeWriteKey, type ConsumerApp } from '../e2e/support/consumerApp'
import { both, convertOn, ownClientFirstVisit, recordScripts, sizeOf, total, type Size } from './bundleBytes'
import type { Lab } from './lab'
import { atMost, type Row } from './report'
import { kb } from './stats'

/** The npm path may cost at most this much more than the CDN path's own client. */
export const NPM_OVER_CDN_GZIP = 2 * 1024

async function bundleSize(app: ConsumerApp, entry: string): Promise<Size> {
  const outDir = path.join(app.dir, `bench-${entry}`)
  await app.bundle([entry], outDir)
  const files = fs.readdirSync(outDir).filter((file) => file.endsWith('.js'))
  return total(files.map((file) => sizeOf(fs.readFileSync(path.join(outDir, file)))))
}

const ANALYTICS_ONLY =
  "import { AnalyticsBrowser } from '@segment/analytics-next'\n\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' })\n"
const ANALYTICS_ONLY_PAGE = `import './testSite'
import { AnalyticsBrowser } from '@segment/analytics-next'

void AnalyticsBrowser.load({ writeKey: new URLSearchParams(window.location.search).get('writeKey') ?? '' }).then(([instance]) => {
  ;(window as unknown as { analytics: unknown }).analytics = instance
})
`

/** The JS a page of the site bundle fetched; with `convert`, after one conversion reached the collector. */
async function fetchedByNpmPage(lab: Lab, npmModule: string, writeKey: string, convert: boolean): Promise<Size> {
  const scenario = lab.site.addScenario({ loader: 'npm-module', npmModule, writeKey, remotePlugin: convert })
  const context = await lab.newContext()
  try {
    const collect = recordScripts(context, `${lab.site.origin}/npm/`)
    const page = await context.newPage()
    await lab.visit(page, scenario)
    if (convert) {
      await convertOn(lab, page, `bench-npm-${writeKey}`)
    } else {
      await page.waitForLoadState('networkidle')
    }
    return (await collect()).total
  } finally {
    await context.close()
  }
}

export async function measureConsumerBundle(lab: Lab): Promise<Row[]> {
  const app = await createConsumerApp()
  const previousNpmDir = lab.site.npmPageDir
  try {
    fs.writeFileSync(path.join(app.dir, 'src/analytics-only.ts'), ANALYTICS_ONLY)
    fs.writeFileSync(path.join(app.dir, 'src/analytics-only-page.ts'), ANALYTICS_ONLY_PAGE)
    const analyticsOnly = await bundleSize(app, 'analytics-only')
    const examples: Size[] = []
    for (let n = 1; n <= app.exampleCount; n += 1) examples.push(await bundleSize(app, `readme-${n}`))

    const pages = path.join(app.dir, 'bench-pages')
    await app.bundle(['page-1', 'analytics-only-page'], pages)
    lab.site.npmPageDir = pages
    const withPackage = await fetchedByNpmPage(lab, 'page-1.js', readmeWriteKey(1), true)
    const analyticsAlone = await fetchedByNpmPage(lab, 'analytics-only-page.js', 'benchAnalyticsOnly', false)
    const added: Size = { min: withPackage.min - analyticsAlone.min, gzip: withPackage.gzip - analyticsAlone.gzip }
    const cdn = ownClientFirstVisit
    const limit = cdn ? cdn.gzip + NPM_OVER_CDN_GZIP : undefined

    return [
      {
        measure: 'npm site bundle: JS the package adds to the page (README example 1, own client)',
        measured: `${both(added)} (page: ${both(withPackage)}; analytics.js alone: ${both(analyticsAlone)})`,
        reference: cdn ? `CDN path, own client, first visit: ${both(cdn)}` : 'CDN path: not measured',
        target: limit ? `≤ CDN own client + ${kb(NPM_OVER_CDN_GZIP)} = ${kb(limit)} gzip` : 'CDN figure missing',
        verdict: limit ? atMost(added.gzip, limit, kb) : { pass: false, gap: 'CDN figure missing' },
        method:
          'npm pack installed with @segment/analytics-next into an app under os.tmpdir(); README example 1 and an entry that only loads analytics.js bundled together by esbuild (platform browser, esm, splitting, minify, no aliases); each page loaded in Chromium (example 1 converting once, as the CDN rows do), bodies of the .js responses received, gzip -9; the difference of the two pages.'
      },
      {
        measure: 'npm site bundle: files written (README "From npm" examples, esbuild)',
        measured: examples.map((size, index) => `example ${index + 1}: ${both(size)}`).join('; '),
        reference: `analytics.js alone: ${both(analyticsOnly)}`,
        target: '',
        method:
          'Each README example bundled alone by esbuild (platform browser, esm, splitting, minify); sum over the .js files written (every lazy chunk, fetched or not), and their gzip -9 sizes. Reference: an entry that only loads analytics.js, bundled the same way.'
      }
    ]
  } finally {
    lab.site.npmPageDir = previousNpmDir
    app.remove()
  }
}
