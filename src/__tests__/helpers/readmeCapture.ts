/**
 * The README's copy-paste capture snippet, read from the README at run time so the tests run what
 * a site pastes: the unit tests run it beside the `./capture` module, the browser tests' site
 * pastes it into its page.
 */
import fs from 'fs'
import path from 'path'

const README = path.resolve(__dirname, '../../../README.md')

/** The JavaScript inside the snippet's <script> element (it defines `captureOptimizelyDecisions`). */
export function readmeCaptureScript(): string {
  const readme = fs.readFileSync(README, 'utf8')
  const match = /<!-- capture-snippet:start -->\s*```html\s*<script>([\s\S]*?)<\/script>\s*```\s*<!-- capture-snippet:end -->/.exec(readme)
  if (!match) throw new Error('README.md has no capture snippet between its capture-snippet markers')
  return match[1]
}
