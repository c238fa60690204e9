/**
 * Bundles e2e/consentPage/entry.ts (Segment's consent wrapper from npm and the stand-in consent
 * manager) for the browser with esbuild, into a directory the test site serves at `/consent/`.
 */
import path from 'path'
import { build } from 'esbuild'

const ROOT = path.resolve(__dirname, '../..')
export const CONSENT_PAGE_DIR = path.join(ROOT, '.e2e-tmp/consent-page')

export async function buildConsentPage(): Promise<string> {
  await build({
    entryPoints: [path.join(ROOT, 'e2e/consentPage/entry.ts')],
    outfile: path.join(CONSENT_PAGE_DIR, 'consent.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2019',
    logLevel: 'error'
  })
  return CONSENT_PAGE_DIR
}
