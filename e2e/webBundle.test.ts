/**
 * What ships to every browser: dist/web must hold nothing of the cloud module (GDPR deletion,
 * the Personal Access Token), no run-time code generation (sites with a strict CSP forbid it), and
 * none of the catalogue text only Segment's app reads (build/stripCatalogue.js).
 */
import fs from 'fs'
import path from 'path'
import { parse } from 'acorn'
import { settings } from '../src/settings'
import { fields } from '../src/shared/trackEventFields'

const WEB = path.resolve(__dirname, '../dist/web')
const files = fs.readdirSync(WEB).map((name) => ({ name, text: fs.readFileSync(path.join(WEB, name), 'utf8') }))

test('dist/web holds the plugin factory file, its lazy chunks and their source maps', () => {
  const names = files.map((file) => file.name)
  expect(names).toContain('optimizely-feature-experimentation.js')
  expect(names).toContain('optimizely-feature-experimentation.js.map')
  for (const name of names.filter((n) => n.endsWith('.js'))) expect(names).toContain(`${name}.map`)
  const main = files.find((file) => file.name === 'optimizely-feature-experimentation.js')?.text ?? ''
  expect(main).toContain('window["optimizely-feature-experimentationDestination"]')
})

test('docs/build.md names every lazy chunk dist/web holds, and no other', () => {
  const chunks = files.map((file) => /^([\w-]+)\.[0-9a-f]+\.js$/.exec(file.name)?.[1]).filter((name) => name !== undefined)
  const buildDoc = fs.readFileSync(path.resolve(__dirname, '../docs/build.md'), 'utf8')
  const named = [...buildDoc.matchAll(/`dist\/web\/([\w-]+)\.<hash>\.js`/g)].map((match) => match[1])
  expect(chunks.length).toBeGreaterThan(0)
  expect([...new Set(named)].sort()).toEqual([...new Set(chunks)].sort())
})

test.each(['subject-access-requests', 'accessToken', 'eval(', 'new Function('])('no file in dist/web contains %j', (needle) => {
  expect(files.filter((file) => file.text.includes(needle)).map((file) => file.name)).toEqual([])
})

test('no source of the cloud module went into the bundle', () => {
  const sources = files
    .filter((file) => file.name.endsWith('.map'))
    .flatMap((file) => (JSON.parse(file.text) as { sources: string[] }).sources)
  expect(sources.some((source) => source.includes('src/index.ts'))).toBe(true)
  expect(sources.filter((source) => /src\/cloud\//.test(source))).toEqual([])
})

test('each module is bundled into one file only, and the main file carries neither the FQL library, the mapping kit nor liquidjs', () => {
  const sourcesOf = (file: { text: string }) => (JSON.parse(file.text) as { sources: string[] }).sources
  const maps = files.filter((file) => file.name.endsWith('.js.map'))
  const seen = new Map<string, string[]>()
  for (const map of maps) for (const source of sourcesOf(map)) seen.set(source, [...(seen.get(source) ?? []), map.name])
  expect([...seen].filter(([source, where]) => where.length > 1 && !source.includes('/webpack/runtime/'))).toEqual([])
  const main = maps.find((file) => file.name === 'optimizely-feature-experimentation.js.map')
  expect(main && sourcesOf(main).filter((source) => /fql-ts|parse-fql|liquidjs|mapping-kit\/(validate|index)\.js/.test(source))).toEqual([])
})

/** Every .js file of dist/browser (what a site's bundler gets). */
function npmBrowserFiles(): Array<{ name: string; text: string }> {
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
  const root = path.resolve(__dirname, '../dist/browser')
  return walk(root)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ name: path.relative(root, file), text: fs.readFileSync(file, 'utf8') }))
}

// Messages may name a setting; a definition is its `label:` property (minified or not).
const LABEL_PROPERTY = /\blabel:\s*["'`]/

test("no file in dist/web carries a setting's or a field's definition (the catalogue stays on Segment's servers)", () => {
  expect(files.filter((file) => file.name.endsWith('.js') && LABEL_PROPERTY.test(file.text)).map((file) => file.name)).toEqual([])
})

test("dist/browser carries no setting's definition, only the presets' fields the README's example reads", () => {
  const browser = npmBrowserFiles()
  const settingLabels = Object.values(settings).map((setting) => `label: ${JSON.stringify(setting.label)}`)
  expect(browser.length).toBeGreaterThan(0)
  expect(browser.flatMap((file) => settingLabels.filter((label) => file.text.includes(label)))).toEqual([])
  expect(browser.some((file) => file.text.includes(`label: ${JSON.stringify(fields.eventKey.label)}`))).toBe(true)
})

test('every file of dist/web is ASCII: it reads the same in any page encoding (analytics.js and the chunk loader set no charset)', () => {
  const scripts = files.filter((file) => file.name.endsWith('.js'))
  expect(scripts.length).toBeGreaterThan(5)
  expect(scripts.filter((file) => /[\u0080-\uffff]/.test(file.text)).map((file) => file.name)).toEqual([])
})

test('every file of both browser builds parses as ES2020, the browsers the README names (no newer syntax)', () => {
  const scripts = [
    ...files.filter((file) => file.name.endsWith('.js')).map((file) => ({ ...file, sourceType: 'script' as const })),
    ...npmBrowserFiles().map((file) => ({ ...file, sourceType: 'module' as const }))
  ]
  const refused = scripts.flatMap(({ name, text, sourceType }) => {
    try {
      parse(text, { ecmaVersion: 2020, sourceType })
      return []
    } catch (error) {
      return [`${name}: ${(error as Error).message}`]
    }
  })
  expect(scripts.length).toBeGreaterThan(5)
  expect(refused).toEqual([])
})
