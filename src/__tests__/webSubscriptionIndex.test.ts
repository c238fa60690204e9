/**
 * src/web/subscriptionIndex.ts against the runtime it stands in front of: for generated sets of
 * subscriptions (named events, unnamed ones, other FQL forms, disabled ones, two actions) and a
 * stream of events, the indexed plugins perform exactly the subscriptions the runtime's own
 * plugins perform, in the same order, with the same payloads; the definition initializes once; and
 * with 50 subscriptions an event is checked against only those that can match it.
 */
import { generatePlugins } from '@segment/browser-destination-runtime/plugin'
import type { BrowserDestinationDefinition, Subscription } from '@segment/browser-destination-runtime/types'
import type { Plugin } from '@segment/analytics-next'
import { indexedPlugins } from '../web/subscriptionIndex'
import { prepareFql } from '../web/subscriptions'

// The runtime's FQL checks, counted (the library's own, unchanged).
const checks = { count: 0 }
jest.mock('@segment/destination-subscriptions', () => {
  const library = jest.requireActual<typeof import('@segment/destination-subscriptions')>('@segment/destination-subscriptions')
  return {
    ...library,
    validate: (...args: Parameters<typeof library.validate>) => {
      checks.count += 1
      return library.validate(...args)
    }
  }
})

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const NAMES = ['Order Completed', 'Product Added', 'Checkout Step 1', 'Signed Up']
const FQLS = [
  ...NAMES.map((name) => `type = "track" and event = "${name}"`),
  ...NAMES.map((name) => `event = "${name}"`),
  `event = "${NAMES[0]}" or event = "${NAMES[1]}"`,
  `event = "${NAMES[2]}" and type = "page"`,
  'type = "track"',
  'type = "page"',
  'type = "identify" or type = "page"',
  `type = "track" and event != "${NAMES[0]}"`,
  'properties.revenue > 10',
  `type = "track" and (event = "${NAMES[1]}" or event = "${NAMES[3]}")`
]

type Performed = { action: string; payload: unknown }

function definitionRecording(performed: Performed[], initialized: { count: number }): BrowserDestinationDefinition<object, object> {
  const action = (name: string) => ({
    title: name,
    description: name,
    platform: 'web' as const,
    fields: {},
    perform: (_client: object, { payload }: { payload: unknown }) => {
      performed.push({ action: name, payload })
    }
  })
  return {
    name: 'Index Test',
    mode: 'device',
    settings: {},
    initialize: () => {
      initialized.count += 1
      return Promise.resolve({})
    },
    actions: { send: action('send'), other: action('other') }
  }
}

function generateSubscriptions(next: () => number): Subscription[] {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]
  return Array.from({ length: 1 + Math.floor(next() * 12) }, (_, index) => ({
    id: `s${index}`,
    name: `s${index}`,
    enabled: next() < 0.9,
    partnerAction: next() < 0.8 ? 'send' : 'other',
    subscribe: pick(FQLS),
    mapping: { which: `s${index}`, event: { '@path': '$.event' } }
  }))
}

function generateEvents(next: () => number): object[] {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]
  return Array.from({ length: 30 }, () =>
    pick([
      () => ({ type: 'track', event: pick([...NAMES, 'Other']), properties: { revenue: Math.floor(next() * 20) } }),
      () => ({ type: 'page', name: 'Home', event: pick([undefined, NAMES[2]]) }),
      () => ({ type: 'identify', userId: 'u' })
    ])()
  )
}

async function run(plugins: Plugin[], events: object[]): Promise<void> {
  await Promise.all(plugins.map((plugin) => plugin.load({} as never, {} as never)))
  for (const event of events) {
    for (const plugin of plugins) {
      const method = (event as { type: string }).type as 'track' | 'page' | 'identify'
      await plugin[method]?.({ event } as never)
    }
  }
}

test('on 300 generated subscription sets, the indexed plugins perform what the runtime performs, in order', async () => {
  const next = random(31)
  await prepareFql(FQLS)
  let performedAny = 0
  for (let round = 0; round < 300; round += 1) {
    const subscriptions = generateSubscriptions(next)
    const events = generateEvents(next)
    const byRuntime: Performed[] = []
    const byIndex: Performed[] = []
    const initialized = { count: 0 }
    await run(generatePlugins(definitionRecording(byRuntime, { count: 0 }), {}, subscriptions), events)
    const indexed = indexedPlugins(definitionRecording(byIndex, initialized), {}, subscriptions)
    expect(indexed.map((plugin) => [plugin.name, plugin.type])).toEqual(
      generatePlugins(definitionRecording([], { count: 0 }), {}, subscriptions).map((plugin) => [plugin.name, plugin.type])
    )
    expect(indexed.every((plugin) => !plugin.isLoaded())).toBe(true)
    await run(indexed, events)
    expect({ subscriptions, performed: byIndex }).toEqual({ subscriptions, performed: byRuntime })
    expect(indexed.every((plugin) => plugin.isLoaded())).toBe(true)
    if (indexed.length > 0) expect(initialized.count).toBe(1)
    performedAny += byRuntime.length
  }
  expect(performedAny).toBeGreaterThan(1000)
})

test("with 49 subscriptions naming other events and one naming none, an event is checked against only its own name's and the unnamed one", async () => {
  const named = Array.from({ length: 49 }, (_, index) => ({
    id: `step${index}`,
    name: `step${index}`,
    enabled: true,
    partnerAction: 'send',
    subscribe: `type = "track" and event = "Checkout Step ${index}"`,
    mapping: { which: `step${index}` }
  }))
  const unnamed = { id: 'all', name: 'all', enabled: true, partnerAction: 'send', subscribe: 'type = "track"', mapping: { which: 'all' } }
  await prepareFql([...named, unnamed].map((subscription) => subscription.subscribe))
  const performed: Performed[] = []
  const plugins = indexedPlugins(definitionRecording(performed, { count: 0 }), {}, [...named, unnamed])

  checks.count = 0
  await run(plugins, [{ type: 'track', event: 'Order Completed' }])
  expect(checks.count).toBe(1)
  checks.count = 0
  await run(plugins, [{ type: 'track', event: 'Checkout Step 7' }])
  expect(checks.count).toBe(2)
  expect(performed.map(({ payload }) => payload)).toEqual([{ which: 'all' }, { which: 'step7' }, { which: 'all' }])
})
