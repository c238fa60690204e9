/**
 * The device-mode destination end to end inside jsdom: plugin factory → load → track → the Event
 * API request the real SDK builds.
 */
import { Analytics, Context } from '@segment/analytics-next'
import { captureEventApi, datafileWith, EU_EVENTS, resetNetwork, serveDatafile, waitFor } from './helpers/optimizelyNetwork'
import { createPlugin, loadDestination, settingsWith, trackEventSubscription } from './helpers/loadDestination'
import { destination } from '../index'
import { settle, useFakeClock } from './helpers/testClock'

useFakeClock()

beforeEach(() => {
  resetNetwork()
  localStorage.clear()
})

test('a track call becomes one conversion with the entity IDs, revenue, value, tags and datafile attributes', async () => {
  serveDatafile()
  const events = captureEventApi()
  const { track } = await loadDestination()

  await track({
    event: 'Order Completed',
    userId: 'user-123',
    properties: { revenue: 2599, value: 4.5, currency: 'EUR', items: 3 },
    context: { traits: { plan: 'pro', country: 'DE', email: 'ada@example.com' } }
  })
  await waitFor(() => events.batches.length === 1)

  const [batch] = events.batches
  expect(batch).toMatchObject({
    account_id: '12003456780',
    project_id: '22003456780',
    revision: '42',
    anonymize_ip: true,
    enrich_decisions: true
  })
  expect(batch.visitors).toHaveLength(1)
  const [visitor] = batch.visitors
  expect(visitor.visitor_id).toBe('user-123')
  expect(visitor.attributes).toEqual([
    { entity_id: '7001', key: 'plan', type: 'custom', value: 'pro' },
    { entity_id: '7002', key: 'country', type: 'custom', value: 'DE' },
    { entity_id: '$opt_bot_filtering', key: '$opt_bot_filtering', type: 'custom', value: true }
  ])
  expect(visitor.snapshots).toHaveLength(1)
  expect(visitor.snapshots[0].decisions ?? []).toEqual([])
  const [event] = visitor.snapshots[0].events
  expect(event).toMatchObject({
    entity_id: '8001',
    key: 'Order Completed',
    revenue: 2599,
    value: 4.5,
    tags: { currency: 'EUR', items: 3, revenue: 2599, value: 4.5 }
  })
  expect(typeof event.uuid).toBe('string')
  expect(Math.abs(event.timestamp - Date.now())).toBeLessThan(60_000)
})

test('without traits in the event, the traits analytics.js stored for the user are the attributes', async () => {
  serveDatafile()
  const events = captureEventApi()
  const { track, analytics } = await loadDestination()
  analytics.user().identify('user-456', { plan: 'enterprise', logged_in: true, email: 'x@example.com' })

  await track({ event: 'purchase', userId: 'user-456', anonymousId: analytics.user().anonymousId(), properties: {} })
  await waitFor(() => events.visitors().length === 1)

  const [visitor] = events.visitors()
  expect(visitor.attributes.filter((a) => a.key !== '$opt_bot_filtering')).toEqual([
    { entity_id: '7001', key: 'plan', type: 'custom', value: 'enterprise' },
    { entity_id: '7003', key: 'logged_in', type: 'custom', value: true }
  ])
  expect(visitor.snapshots[0].events[0].entity_id).toBe('8002')
})

test('the stored traits of another user are never the attributes: the event was made before the visitor changed', async () => {
  serveDatafile()
  const events = captureEventApi()
  const { track, analytics } = await loadDestination()
  const anonymousId = analytics.user().anonymousId()
  // alice's event was stamped; then reset() and identify('bob', traits) ran before the action did.
  analytics.user().identify('bob', { plan: 'enterprise' })

  await track({ event: 'purchase', userId: 'alice', anonymousId, properties: {} })
  await waitFor(() => events.visitors().length === 1)

  const [visitor] = events.visitors()
  expect(visitor.visitor_id).toBe('alice')
  expect(visitor.attributes.filter((a) => a.key !== '$opt_bot_filtering')).toEqual([])
})

test('no bot-filtering attribute when the datafile does not set botFiltering', async () => {
  const { botFiltering: _omitted, ...withoutBotFiltering } = datafileWith()
  serveDatafile({ body: withoutBotFiltering })
  const events = captureEventApi()
  const { track } = await loadDestination()

  await track({ event: 'signup', userId: 'user-789', context: { traits: { plan: 'free' } } })
  await waitFor(() => events.visitors().length === 1)

  expect(events.visitors()[0].attributes).toEqual([{ entity_id: '7001', key: 'plan', type: 'custom', value: 'free' }])
})

test('an EU datafile sends conversions to the EU Event API', async () => {
  serveDatafile({ body: datafileWith({ region: 'EU' }) })
  const us = captureEventApi()
  const eu = captureEventApi(EU_EVENTS)
  const { track } = await loadDestination()

  await track({ event: 'signup', userId: 'eu-visitor' })
  await waitFor(() => eu.visitors().length === 1)

  expect(eu.visitors()[0].visitor_id).toBe('eu-visitor')
  expect(us.attempts).toEqual([])
})

test('the Event Endpoint setting sends the SDK payload to that URL instead', async () => {
  serveDatafile()
  const optimizely = captureEventApi()
  const proxy = captureEventApi('https://collect.shop.example', '/optimizely/events')
  const { track } = await loadDestination(settingsWith({ eventEndpoint: 'https://collect.shop.example/optimizely/events' }))

  await track({ event: 'Product Added', userId: 'proxied', properties: { sku: 'A1' } })
  await waitFor(() => proxy.visitors().length === 1)

  expect(proxy.batches[0].account_id).toBe('12003456780')
  expect(proxy.visitors()[0].snapshots[0].events[0]).toMatchObject({ entity_id: '8004', key: 'Product Added', tags: { sku: 'A1' } })
  expect(optimizely.attempts).toEqual([])
})

test('Event API failures are retried by the SDK: the conversion arrives once', async () => {
  serveDatafile()
  const events = captureEventApi(undefined, undefined, [500, 500])
  const { track } = await loadDestination()

  await track({ event: 'Order Completed', userId: 'retry-visitor', properties: { revenue: 100 } })
  await waitFor(() => events.visitors().length === 1, 15_000, 'the retried batch')

  expect(events.attempts).toEqual([500, 500, 200])
  expect(events.visitors().map((v) => v.visitor_id)).toEqual(['retry-visitor'])
}, 20_000)

test('events that are not track calls are ignored by the preset', async () => {
  serveDatafile()
  const events = captureEventApi()
  const { plugin, track } = await loadDestination()

  await plugin.identify!(new Context({ type: 'identify', userId: 'someone', traits: { plan: 'pro' } } as never))
  await plugin.page!(new Context({ type: 'page', userId: 'someone', name: 'Order Completed' } as never))
  await track({ event: 'signup', userId: 'someone' })
  await waitFor(() => events.visitors().length === 1)

  expect(events.visitors()[0].snapshots[0].events.map((e) => e.key)).toEqual(['signup'])
})

test('several mappings on one instance each send their own conversion', async () => {
  serveDatafile()
  const events = captureEventApi()
  const checkoutMapping = {
    ...trackEventSubscription,
    name: 'Checkout viewed',
    subscribe: 'type = "track" and event = "Checkout Viewed"',
    mapping: { ...trackEventSubscription.mapping, eventKey: 'Viewed Checkout Page' }
  }
  const { track } = await loadDestination(settingsWith(), [trackEventSubscription, checkoutMapping])

  await track({ event: 'Checkout Viewed', userId: 'two-mappings' })
  await track({ event: 'signup', userId: 'two-mappings' })
  await waitFor(() => events.visitors().length === 2)

  // "Checkout Viewed" is not a datafile key (skipped by the preset); the second mapping renames it.
  expect(
    events
      .visitors()
      .map((v) => v.snapshots[0].events[0].key)
      .sort()
  ).toEqual(['Viewed Checkout Page', 'signup'])
})

test('the log level setting silences warnings', async () => {
  serveDatafile()
  captureEventApi()
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  const { track } = await loadDestination(settingsWith({ logLevel: 'error' }))

  await track({ event: 'Unknown Event', userId: 'quiet' })

  expect(warn).not.toHaveBeenCalled()
  warn.mockRestore()
})

test('a track call made while the datafile is still loading waits for it instead of being dropped', async () => {
  serveDatafile({ delayMs: 1500 })
  const events = captureEventApi()
  const plugin = await createPlugin(settingsWith())
  const analytics = new Analytics({ writeKey: 'test-write-key' })

  const loaded = plugin.load(Context.system(), analytics)
  const tracked = plugin.track!(new Context({ type: 'track', event: 'signup', userId: 'early-bird' } as never))
  await settle(Promise.all([loaded, tracked]))
  await waitFor(() => events.visitors().length === 1)

  expect(events.visitors()[0].visitor_id).toBe('early-bird')
})

test('a track call on a destination that was never loaded says so and does not throw', async () => {
  const plugin = await createPlugin(settingsWith())
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)

  await expect(plugin.track!(new Context({ type: 'track', event: 'signup', userId: 'orphan' } as never))).resolves.toBeDefined()

  expect(error).toHaveBeenCalledWith(expect.stringMatching(/conversion not sent: the destination was never loaded/))
  error.mockRestore()
})

test('the definition: name, slug, device mode, settings without any token, the Track Event preset first', () => {
  expect(destination).toMatchObject({
    name: 'Optimizely Feature Experimentation Web (Actions)',
    slug: 'actions-optimizely-feature-experimentation-web',
    mode: 'device'
  })
  expect(Object.keys(destination.settings ?? {})).toEqual([
    'accountId',
    'dataFileUrl',
    'logLevel',
    'eventEndpoint',
    'datafileRefreshMinutes',
    'pageClientProperty',
    'sendExperimentViewed',
    'experimentViewedEvent',
    'nonInteraction',
    'includeTargetedDeliveries',
    'shareClient',
    'revenueUnit',
    'revenueEvents',
    'conversionAudience',
    'visitorIdGuard'
  ])
  expect(destination.settings?.accountId.required).toBe(true)
  expect(destination.settings?.dataFileUrl.required).toBe(true)
  expect(JSON.stringify(destination)).not.toMatch(/accessToken|Personal Access Token/)
  // The optional classic presets follow it (classicPresets.test.ts).
  expect(destination.presets?.slice(0, 1)).toEqual([
    {
      name: 'Track Event',
      subscribe: 'type = "track"',
      partnerAction: 'trackEvent',
      type: 'automatic',
      mapping: {
        eventKey: { '@path': '$.event' },
        userId: { '@if': { exists: { '@path': '$.userId' }, then: { '@path': '$.userId' }, else: { '@path': '$.anonymousId' } } },
        attributes: { '@path': '$.context.traits' },
        revenue: { '@path': '$.properties.revenue' },
        value: { '@path': '$.properties.value' },
        eventTags: { '@path': '$.properties' }
      }
    }
  ])
  expect(Object.keys(destination.actions.trackEvent.fields)).toEqual(['eventKey', 'userId', 'attributes', 'revenue', 'value', 'eventTags'])
})
