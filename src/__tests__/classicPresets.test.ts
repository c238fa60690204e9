/**
 * The optional presets for Segment's classic Optimizely integration, run through the plugin the
 * runtime generates and the real SDK: page views as "Viewed <name> Page", the colon rule, the
 * revenue settings as the classic integration sent revenue, and the documented mapping for its
 * per-event override.
 */
import { Context } from '@segment/analytics-next'
import { captureEventApi, datafileWith, resetNetwork, waitFor } from './helpers/optimizelyNetwork'
import { closePageClients, publishPageClient } from './helpers/pageOptimizely'
import { createPlugin, settingsWith, trackEventSubscription } from './helpers/loadDestination'
import { Analytics } from '@segment/analytics-next'
import { destination } from '../index'
import { destination as cloudDestination } from '../cloud'
import { CLASSIC_PRESET_NAMES } from '../shared/classicPresets'
import fixture from '../../fixtures/datafile.json'
import type { Settings } from '../generated-types'
import { settle, useFakeClock } from './helpers/testClock'

const classicEvents = [
  ...fixture.events,
  { id: '8101', key: 'Viewed Home Page', experimentIds: ['2001'] },
  { id: '8102', key: 'Viewed Docs Page', experimentIds: ['2001'] },
  { id: '8103', key: 'Viewed Docs Setup Page', experimentIds: ['2001'] },
  { id: '8104', key: 'Checkout_Step 2', experimentIds: ['2001'] }
]

function subscriptionFrom(name: string) {
  const preset = destination.presets?.find((candidate) => candidate.name === name)
  if (!preset || preset.type !== 'automatic') throw new Error(`no preset ${name}`)
  return { partnerAction: preset.partnerAction, name: preset.name, enabled: true, subscribe: preset.subscribe, mapping: preset.mapping }
}

// The SDK's flush interval and analytics.js' timers run on the fake clock waitFor and settle move on.
useFakeClock()

beforeEach(() => {
  resetNetwork()
  localStorage.clear()
})

afterEach(async () => {
  jest.restoreAllMocks()
  await closePageClients()
})

async function load(subscriptions: unknown[], settings: Partial<Settings> = {}) {
  const events = captureEventApi()
  await publishPageClient(datafileWith({ events: classicEvents }))
  const plugin = await createPlugin(settingsWith(settings), subscriptions)
  await settle(plugin.load(Context.system(), new Analytics({ writeKey: 'test-write-key' })))
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  const send = (event: Record<string, unknown>) =>
    settle(plugin[event.type === 'page' ? 'page' : 'track']!(new Context({ anonymousId: 'anon-1', userId: 'user-1', ...event } as never)))
  const conversions = () =>
    events
      .visitors()
      .map((visitor) => visitor.snapshots[0].events[0])
      .filter((event) => event.key !== 'campaign_activated')
  return { send, conversions, warn }
}

test('every classic preset is offered by both modes, after the Track Event preset', () => {
  for (const definition of [destination, cloudDestination]) {
    expect(definition.presets?.map((preset) => preset.name)).toEqual(['Track Event', ...Object.values(CLASSIC_PRESET_NAMES)])
  }
})

test('page views: "Home" becomes Viewed Home Page with the page properties as tags; "Docs" "Setup" both classic events', async () => {
  const { send, conversions, warn } = await load([
    subscriptionFrom(CLASSIC_PRESET_NAMES.namedPages),
    subscriptionFrom(CLASSIC_PRESET_NAMES.categorizedPages)
  ])
  await send({ type: 'page', name: 'Home', properties: { path: '/', title: 'Acme', url: 'https://shop.example/' } })
  await send({ type: 'page', name: 'Setup', category: 'Docs', properties: { category: 'Docs', path: '/docs/setup' } })
  // A page without a name or category (the snippet's own analytics.page()) is no classic page view.
  await send({ type: 'page', properties: { path: '/about' } })
  await waitFor(() => conversions().length >= 3)

  expect(conversions().map((event) => [event.key, event.tags])).toEqual([
    ['Viewed Home Page', { path: '/', title: 'Acme', url: 'https://shop.example/' }],
    ['Viewed Docs Setup Page', { category: 'Docs', path: '/docs/setup' }],
    ['Viewed Docs Page', { category: 'Docs', path: '/docs/setup' }]
  ])
  expect(warn).not.toHaveBeenCalled()
})

test('without the page presets (the default Track Event only), a page call sends nothing', async () => {
  const { send, conversions } = await load([trackEventSubscription])
  await send({ type: 'page', name: 'Home', properties: {} })
  await send({ type: 'track', event: 'signup', properties: {} })
  await waitFor(() => conversions().length >= 1)
  expect(conversions().map((event) => event.key)).toEqual(['signup'])
})

test('the colon rule: beside Track Event, "Checkout:Step 2" is sent once, as Checkout_Step 2', async () => {
  const { send, conversions, warn } = await load([trackEventSubscription, subscriptionFrom(CLASSIC_PRESET_NAMES.colonsAsUnderscores)])
  await send({ type: 'track', event: 'Checkout:Step 2', properties: { step: 2 } })
  await send({ type: 'track', event: 'signup', properties: {} })
  await waitFor(() => conversions().length >= 2)

  expect(conversions().map((event) => event.key)).toEqual(['Checkout_Step 2', 'signup'])
  // Track Event itself refuses the name with the colon, once: the datafile only knows the classic key.
  expect(warn.mock.calls.map(([message]) => String(message))).toEqual([expect.stringContaining('"Checkout:Step 2" not sent')])
})

test('classic revenue: dollars ×100 on Order Completed only', async () => {
  const { send, conversions } = await load([trackEventSubscription], { revenueUnit: 'currency', revenueEvents: ['Order Completed'] })
  await send({ type: 'track', event: 'Order Completed', properties: { revenue: 9.99 } })
  await send({ type: 'track', event: 'Product Added', properties: { revenue: 534.3099999999999, sku: 'A' } })
  await send({ type: 'track', event: 'Order Completed', properties: { revenue: 534.3099999999999 } })
  await waitFor(() => conversions().length >= 3)

  expect(conversions().map((event) => [event.key, event.revenue, event.tags])).toEqual([
    ['Order Completed', 999, { revenue: 999 }],
    ['Product Added', undefined, { sku: 'A' }],
    ['Order Completed', 53431, { revenue: 53431 }]
  ])
})

test('the classic per-event override ({ Optimizely: { userId, attributes } }) as docs/migrating.md maps it', async () => {
  const trackEvent = trackEventSubscription
  const defaults: Record<string, unknown> = { ...trackEvent.mapping }
  const override = {
    ...trackEvent,
    mapping: {
      ...defaults,
      userId: {
        '@if': {
          exists: { '@path': '$.context.Optimizely.userId' },
          then: { '@path': '$.context.Optimizely.userId' },
          else: defaults.userId
        }
      },
      attributes: {
        '@if': {
          exists: { '@path': '$.context.Optimizely.attributes' },
          then: { '@path': '$.context.Optimizely.attributes' },
          else: defaults.attributes
        }
      }
    }
  }
  const events = captureEventApi()
  await publishPageClient(datafileWith({ events: classicEvents }))
  const plugin = await createPlugin(settingsWith(), [override])
  const analytics = new Analytics({ writeKey: 'test-write-key' })
  await settle(plugin.load(Context.system(), analytics))
  // analytics.js moves an unknown option of the track call into the event's context.
  const event = await settle(analytics.track('purchase', { sku: 'A' }, { Optimizely: { userId: 'crm-9', attributes: { country: 'DE' } } }))
  await settle(plugin.track!(event))
  await waitFor(() => events.visitors().length >= 1)
  const [visitor] = events.visitors()
  expect(visitor.visitor_id).toBe('crm-9')
  expect(visitor.attributes.filter((attribute) => attribute.key === 'country').map((attribute) => attribute.value)).toEqual(['DE'])
})
