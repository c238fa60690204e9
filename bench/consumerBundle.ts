/**
 * The site bundle a team gets from the README's "From npm" examples: the packed package and
 * analytics.js installed into an app outside the repository and bundled with esbuild for the
 * browser, minified (e2e/support/consumerApp.ts, as the consumer test does it). Each example is
 * bundled on its own; its size is every .js file esbuild wrote (entry and lazy chunks).
 */
import fs from 'fs'
import path from 'path'
import zlib from 'zlib'
import { createConsumerApp, type ConsumerApp } from '../e2e/support/consumerApp'
import type { Row } from './report'
import { kb } from './stats'

interface Size {
  min: number
  gzip: number
}

async function bundleSize(app: ConsumerApp, entry: string): Promise<Size> {
  const outDir = path.join(app.dir, `bench-${entry}`)
  await app.bundle([entry], outDir)
  const files = fs.readdirSync(outDir).filter((file) => file.endsWith('.js'))
  return files.reduce(
    (sum, file) => {
      const content = fs.readFileSync(path.join(outDir, file))
      return { min: sum.min + content.length, gzip: sum.gzip + zlib.gzipSync(content, { level: 9 }).length }
    },
    { min: 0, gzip: 0 }
  )
}

const both = (size: Size) => `${kb(size.min)} min / ${kb(size.gzip)} gzip`

export async function measureConsumerBundle(): Promise<Row[]> {
  const app = await createConsumerApp()
  try {
    fs.writeFileSync(
      path.join(app.dir, 'src/analytics-only.ts'),
      "import { AnalyticsBrowser } from '@segment/analytics-next'\n\nexport const analytics = AnalyticsBrowser.load({ writeKey: 'k' })\n"
    )
    const analyticsOnly = await bundleSize(app, 'analytics-only')
    const examples: Size[] = []
    for (let n = 1; n <= app.exampleCount; n += 1) examples.push(await bundleSize(app, `readme-${n}`))
    return [
      {
        measure: 'Site bundle from npm (README "From npm" examples, esbuild)',
        measured: examples.map((size, index) => `example ${index + 1}: ${both(size)}`).join('; '),
        reference: `analytics.js alone: ${both(analyticsOnly)}`,
        target: '',
        method:
          'npm pack installed with @segment/analytics-next into an app under os.tmpdir(); each README example bundled alone by esbuild (platform browser, esm, splitting, minify); sum over the .js files written, and their gzip -9 sizes. Reference: an entry that only loads analytics.js, bundled the same way.'
      }
    ]
  } finally {
    app.remove()
  }
}
