/**
 * Rewrites the generated parts of docs/ (see docsFromSource.ts). With --check it writes nothing
 * and exits 1 naming each part that is stale.
 */
import fs from 'fs'
import { regenerate } from './docsFromSource'

const check = process.argv.includes('--check')
let staleCount = 0
for (const { doc, file, next, stale } of regenerate()) {
  for (const name of stale) {
    staleCount++
    console.log(`${doc}: "${name}" ${check ? 'is stale: run npm run docs' : 'rewritten'}`)
  }
  if (!check && stale.length) fs.writeFileSync(file, next)
}
if (check && staleCount) process.exit(1)
