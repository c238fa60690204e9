/** Writes every definition's generated-types.ts (see generatedTypes.ts). */
import fs from 'fs'
import { absolute, render, targets } from './generatedTypes'

async function main(): Promise<void> {
  for (const target of targets) {
    fs.writeFileSync(absolute(target), await render(target))
    console.log(`wrote ${target.file}`)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
