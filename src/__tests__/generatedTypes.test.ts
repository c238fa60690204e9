/**
 * @jest-environment node
 *
 * Every generated-types.ts must be what `npm run generate:types` writes from the current field
 * definitions. The generator runs as its own process (its formatter is an ES module jest cannot
 * load), once as is and once against a copy of the tree with one field changed.
 */
import { execFileSync, spawnSync } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'

const root = path.resolve(__dirname, '..', '..')

function checkTypes(cwd: string) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/generate-types.ts', '--check'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') }
  })
}

test('every generated-types.ts matches its field definitions', () => {
  const result = checkTypes(root)
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
}, 60_000)

test('a field changed without regenerating is reported as stale', () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'types-check-'))
  try {
    execFileSync('cp', [
      '-r',
      path.join(root, 'src'),
      path.join(root, 'scripts'),
      path.join(root, 'package.json'),
      path.join(root, 'tsconfig.json'),
      copy
    ])
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'))
    const fields = path.join(copy, 'src', 'shared', 'trackEventFields.ts')
    const source = fs.readFileSync(fields, 'utf8')
    const changed = source.replace("'Revenue in cents,", "'Changed. Revenue in cents,")
    expect(changed).not.toBe(source)
    fs.writeFileSync(fields, changed)

    const result = checkTypes(copy)

    expect(result.status).toBe(1)
    expect(result.stderr).toContain('src/trackEvent/generated-types.ts')
    expect(result.stderr).toContain('src/cloud/trackEvent/generated-types.ts')
  } finally {
    fs.rmSync(copy, { recursive: true, force: true })
  }
}, 60_000)
