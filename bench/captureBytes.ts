/**
 * Row: the early-capture entry (`<package>/capture`) a site loads before everything else. Its
 * published ES module (dist/esm/capture/index.js, with the queue format it imports) bundled alone
 * by esbuild for the browser, minified, as a site's bundler would include it; gzip -9 of that.
 * Reference: the README snippet CDN sites paste instead, as pasted (not minified).
 */
import path from 'path'
import zlib from 'zlib'
import { build } from 'esbuild'
import { readmeCaptureScript } from '../src/__tests__/helpers/readmeCapture'
import { ROOT } from './ensureBuild'
import { atMost, type Row } from './report'
import { kb } from './stats'

export const CAPTURE_TARGET_GZIP = 1024

const gzip = (content: Buffer) => zlib.gzipSync(content, { level: 9 }).length

export async function measureCaptureEntry(): Promise<Row> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'dist/esm/capture/index.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent'
  })
  const code = Buffer.from(result.outputFiles[0].contents)
  const snippet = Buffer.from(readmeCaptureScript())
  return {
    measure: 'Early-capture entry (./capture)',
    measured: `${kb(code.length)} min / ${kb(gzip(code))} gzip (${gzip(code)} B)`,
    reference: `README snippet as pasted: ${kb(snippet.length)} / ${kb(gzip(snippet))} gzip`,
    target: '≤ 1.0 KB gzip',
    verdict: atMost(gzip(code), CAPTURE_TARGET_GZIP, kb),
    method:
      'dist/esm/capture/index.js bundled alone by esbuild (bundle, minify, esm, platform browser), gzip -9 of the output; reference: the README capture snippet text, measured the same way.'
  }
}
