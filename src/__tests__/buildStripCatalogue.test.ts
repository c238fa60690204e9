/**
 * The browser builds' catalogue transform (build/stripCatalogue.js): it drops from a destination
 * definition and from an action definition exactly the keys only Segment's app reads, keeps the
 * keys analytics.js' runtime reads, and leaves every other object alone (the exported
 * `destination`'s presets, added apart from the definition literal, among them).
 */
import vm from 'vm'
import ts from 'typescript'
import { stripCatalogue } from '../../build/stripCatalogue'

/** `source` through the transform, evaluated: the value of its `value` expression. */
function strip(source: string): unknown {
  const { outputText } = ts.transpileModule(`exports.value = ${source}`, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019 },
    transformers: { before: [stripCatalogue] }
  })
  const exports: { value?: unknown } = {}
  vm.runInNewContext(outputText, { exports })
  return exports.value
}

test('a destination definition keeps its name, initialize and actions, and loses settings, presets, slug, mode and its description', () => {
  const value = strip(`{
    name: 'Dest', slug: 'dest', mode: 'device', description: 'Text.',
    settings: { accountId: { label: 'Account', type: 'string' } },
    presets: [{ name: 'Track Event' }],
    initialize: () => 1,
    actions: { trackEvent: { perform: () => 2 } }
  }`) as Record<string, unknown>
  expect(Object.keys(value).sort()).toEqual(['actions', 'initialize', 'name'])
})

test('an action definition keeps perform and lifecycleHook, and loses fields, title, defaultSubscription, platform and its description', () => {
  const value = strip(`{
    title: 'Track Event', description: 'Sends.', platform: 'web', defaultSubscription: 'type = "track"',
    lifecycleHook: 'destination',
    fields: { eventKey: { label: 'Event Key', default: { '@path': '$.event' } } },
    perform: () => 1
  }`) as Record<string, unknown>
  expect(Object.keys(value).sort()).toEqual(['lifecycleHook', 'perform'])
})

test('other objects keep those keys; only a string-literal description is dropped from them', () => {
  const value = strip(`{
    settings: { a: 1 }, fields: ['x'], title: 'T', name: 'N', mode: 'm', presets: [],
    description: 'dropped', nested: { description: String('computed') }
  }`)
  expect(value).toEqual({
    settings: { a: 1 },
    fields: ['x'],
    title: 'T',
    name: 'N',
    mode: 'm',
    presets: [],
    nested: { description: 'computed' }
  })
})

test('presets added to a definition apart from its literal (as src/index.ts exports them) stay', () => {
  const destination = strip(
    `(() => { const definition = { name: 'Dest', presets: [1], initialize: () => 1, actions: {} }; return { ...definition, presets: [{ name: 'Track Event' }] } })()`
  ) as Record<string, unknown>
  expect(destination.presets).toEqual([{ name: 'Track Event' }])
  expect(Object.keys(destination).sort()).toEqual(['actions', 'initialize', 'name', 'presets'])
})
