/**
 * Writes every definition's generated-types.ts (see generatedTypes.ts).
 * With --check it writes nothing and exits 1 listing the files that are stale.
 */
import fs from 'fs'
import { absolute, render, targets } from './generatedTypes'

async function main(check: boolean): Promise<number> {
  const stale: string[] = []
  for (const target of targets) {
    const expected = await render(target)
    const current = fs.existsSync(absolute(target)) ? fs.readFileSync(absolute(target), 'utf8') : undefined
    if (current === expected) continue
    if (check) {
      stale.push(target.file)
    } else {
      fs.writeFileSync(absolute(target), expected)
      console.log(`wrote ${target.file}`)
    }
  }
  if (stale.length) console.error(`stale generated types (run npm run generate:types): ${stale.join(', ')}`)
  return stale.length ? 1 : 0
}

main(process.argv.includes('--check')).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error)
    process.exit(2)
  }
)
