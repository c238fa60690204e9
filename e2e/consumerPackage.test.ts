/**
 * The package as a site team gets it: what `npm pack` makes, installed with analytics.js from the
 * registry into an app outside this repository (support/consumerApp.ts). The README's "From npm"
 * examples, read from README.md at run time, must type-check with `tsc --strict`, bundle with
 * esbuild for the browser with no alias or plugin (the package's browser build, the Optimizely SDK's
 * browser build, no Node built-ins, none of what the CDN bundle stubs out) and convert in Chromium; Node must `require` and `import` the cloud module from the same install.
 */
import fs from 'fs'
import path from 'path'
import type { Metafile } from 'esbuild'
import { setUpE2E, waitFor } from './support/harness'
import { conversionsIn } from './support/eventApi'
import { FIXTURE_DATAFILE } from './support/site'
import type { PageWindow } from './support/pageWindow'
import { createConsumerApp, PACKAGE_NAME, README_SDK_KEY, readmeWriteKey, type ConsumerApp } from './support/consumerApp'
import { destination as cloudDestination } from '../src/cloud'
import { CLASSIC_PRESET_NAMES } from '../src/shared/classicPresets'
import { trackEventPreset } from '../src/shared/trackEventPreset'
import { fields } from '../src/shared/trackEventFields'

/** npm pack, npm install (registry, preferring the local cache) and esbuild. */
const SET_UP_TIMEOUT_MS = 240_000

const e2e = setUpE2E()
let app: ConsumerApp | undefined
let metafile: Metafile

beforeAll(async () => {
  app = await createConsumerApp()
  const outDir = path.join(app.dir, 'public')
  metafile = await app.bundle(['page-1', 'page-2'], outDir)
  e2e.site.npmPageDir = outDir
  e2e.collector.serveDatafile(`/datafiles/${README_SDK_KEY}.json`, FIXTURE_DATAFILE)
}, SET_UP_TIMEOUT_MS)

afterAll(() => app?.remove())

function consumerApp(): ConsumerApp {
  if (!app) throw new Error('the consumer app was not set up')
  return app
}

test('README "From npm": both examples, as written, type-check with tsc --strict against the packed declarations', async () => {
  expect(consumerApp().exampleCount).toBe(2)
  const files = await consumerApp().typeCheck()
  // The declarations are the ones the package's `exports` name (TypeScript would otherwise fall
  // back to the .d.ts beside the `import` file, hiding a wrong `types` path).
  const installed = path.join(consumerApp().dir, 'node_modules', PACKAGE_NAME)
  const { exports } = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    exports: Record<string, { types: string }>
  }
  expect(files).toContain(path.join(installed, exports['.'].types))
})

test("esbuild (platform browser, no aliases) bundles the package's browser build, with the Optimizely SDK's browser build inside, and nothing the CDN bundle leaves out", () => {
  const inputs = Object.keys(metafile.inputs)
  const ownFiles = inputs.filter((input) => input.startsWith(`node_modules/${PACKAGE_NAME}/`))
  expect(ownFiles).toContain(`node_modules/${PACKAGE_NAME}/dist/browser/index.js`)
  expect(ownFiles.filter((file) => !file.includes('/dist/browser/'))).toEqual([])
  // What the CDN bundle stubs out or leaves to lazy chunks never comes in through the site's
  // bundler; the SDK is inside the browser build (its json-schema import stubbed as on the CDN).
  expect(
    inputs.filter((input) =>
      /node_modules\/(liquidjs|json-schema|@optimizely|@segment\/(fql-ts|actions-core|destination-subscriptions|browser-destination-runtime)|ajv)\//.test(
        input
      )
    )
  ).toEqual([])
  // The SDK inside is its browser build: the Node build has no XMLHttpRequest.
  const ownClientChunk = ownFiles.find((file) => /\/chunks\/ownClient-[^/]+\.js$/.test(file))
  expect(ownClientChunk).toBeDefined()
  expect(fs.readFileSync(path.join(consumerApp().dir, ownClientChunk ?? ''), 'utf8')).toContain('XMLHttpRequest')
})

/** The .js files the page of `metafile`'s entry `entry` can load: the entry and every chunk reached from it, at once or lazily. */
function filesOfEntry(built: Metafile, entry: string): string[] {
  const reached = new Set<string>()
  const visit = (file: string) => {
    if (reached.has(file) || !built.outputs[file]) return
    reached.add(file)
    for (const { path: next } of built.outputs[file].imports) visit(next)
  }
  const output = Object.keys(built.outputs).find((file) => built.outputs[file].entryPoint === entry)
  if (output) visit(output)
  return [...reached].filter((file) => file.endsWith('.js'))
}

test('a site bundle that imports only the plugin factory carries neither the presets nor the fields they are made from; one that reads destination.presets does; neither carries uuid', async () => {
  const presetNames = [trackEventPreset({}).name, ...Object.values(CLASSIC_PRESET_NAMES)].filter((name): name is string => Boolean(name))
  const needles = [...presetNames, fields.eventKey.label]
  // Each example bundled on its own, as a site bundles one of them (bundled together, they share the package's module).
  const carried = async (n: number) => {
    const built = await consumerApp().bundle([`page-${n}`], path.join(consumerApp().dir, `alone-${n}`))
    const texts = filesOfEntry(built, `src/page-${n}.ts`).map((file) => fs.readFileSync(path.join(consumerApp().dir, file), 'utf8'))
    expect(texts.length).toBeGreaterThan(1)
    expect(Object.keys(built.inputs).filter((input) => /node_modules\/uuid\//.test(input))).toEqual([])
    return needles.filter((needle) => texts.some((text) => text.includes(needle)))
  }
  expect(await carried(1)).toEqual([])
  expect(await carried(2)).toEqual(needles)
})

const examples: Array<[string, number, boolean]> = [
  ['example 1 (the factory as a plugin source, settings from the CDN)', 1, true],
  ['example 2 (the factory called with its settings and subscriptions)', 2, false]
]

test.each(examples)('%s converts in Chromium: the conversion reaches the Event API', async (_title, n, connectedInSegment) => {
  const { page } = await e2e.openStore({
    loader: 'npm-module',
    npmModule: `page-${n}.js`,
    writeKey: readmeWriteKey(n),
    remotePlugin: connectedInSegment
  })
  const visitorId = `consumer-shopper-${n}`
  await page.evaluate((userId) => {
    const { analytics } = window as unknown as PageWindow
    void analytics.identify(userId, { plan: 'pro' })
    void analytics.track('Order Completed', { revenue: 1200, coupon: 'NPM' })
  }, visitorId)

  const received = () => conversionsIn(e2e.collector.accepted())
  await waitFor(
    () => received().length > 0,
    'the conversion',
    () => e2e.collector.requests
  )
  expect(received().map((c) => [c.visitorId, c.key, c.revenue, c.tags.coupon, c.attributes.plan])).toEqual([
    [visitorId, 'Order Completed', 1200, 'NPM', 'pro']
  ])
  // The code came from the site's bundle, never from the CDN file.
  expect(e2e.site.webBundleRequests).toEqual([])
  // Example 2's datafile URL is Optimizely's CDN, as written (the collector answers for it).
  expect(e2e.collector.datafileFetches).toEqual(connectedInSegment ? [] : [`/datafiles/${README_SDK_KEY}.json`])
})

interface CloudSummary {
  resolved: string
  name: string
  mode: string
  actions: string[]
  onDelete: string
  defaultIsDefinition: boolean
}

const summarize = (definition: string, defaultExport: string) => `{
  name: ${definition}.name,
  mode: ${definition}.mode,
  actions: Object.keys(${definition}.actions),
  onDelete: typeof ${definition}.onDelete,
  defaultIsDefinition: ${defaultExport} === ${definition}
}`

test("Node: require() and import() of '<package>/cloud' give the cloud definition", async () => {
  const specifier = `${PACKAGE_NAME}/cloud`
  const required = JSON.parse(
    await consumerApp().node(
      'cloud-require.cjs',
      `const cloud = require(${JSON.stringify(specifier)})
console.log(JSON.stringify({ resolved: require.resolve(${JSON.stringify(specifier)}), ...${summarize('cloud.destination', 'cloud.default')} }))
`
    )
  ) as CloudSummary
  // Node loads the CommonJS build for import() too (the `node` condition), so the namespace's
  // default is module.exports.
  const imported = JSON.parse(
    await consumerApp().node(
      'cloud-import.mjs',
      `const cloud = await import(${JSON.stringify(specifier)})
console.log(JSON.stringify({ resolved: import.meta.resolve(${JSON.stringify(specifier)}), ...${summarize('cloud.destination', 'cloud.default.default')} }))
`
    )
  ) as CloudSummary

  const expected = {
    name: cloudDestination.name,
    mode: 'cloud',
    actions: Object.keys(cloudDestination.actions),
    onDelete: 'function',
    defaultIsDefinition: true
  }
  const installed = path.join(consumerApp().dir, 'node_modules', PACKAGE_NAME, 'dist/cjs/cloud/index.js')
  expect(required).toEqual({ resolved: installed, ...expected })
  expect(imported).toEqual({ resolved: `file://${installed}`, ...expected })
})
