/**
 * One Optimizely SDK per page: when the site publishes its own ready client on `window`, the
 * destination converts through it (no second datafile request, one event batch).
 */
import { createBatchEventProcessor, createInstance, createStaticProjectConfigManager } from '@optimizely/optimizely-sdk'
import type { Client } from '@optimizely/optimizely-sdk'
import { captureEventApi, datafileWith, resetNetwork, serveDatafile, waitFor } from './helpers/optimizelyNetwork'
import { loadDestination, settingsWith } from './helpers/loadDestination'
import { settle, useFakeClock } from './helpers/testClock'

useFakeClock()

const pageWindow = window as unknown as Record<string, unknown>
let siteClients: Client[] = []

function siteClient(datafile = datafileWith()): Client {
  const client = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(datafile) }),
    eventProcessor: createBatchEventProcessor({ batchSize: 10, flushInterval: 1000 })
  })
  siteClients.push(client)
  return client
}

beforeEach(() => {
  resetNetwork()
  localStorage.clear()
})

afterEach(async () => {
  delete pageWindow.optimizelyClientInstance
  delete pageWindow.siteOptimizely
  await settle(Promise.all(siteClients.map((client) => client.close().catch(() => undefined))))
  siteClients = []
})

test("the page's client is used: no datafile request, its decision and our conversion share one batch", async () => {
  const datafile = serveDatafile()
  const events = captureEventApi()
  const site = siteClient()
  pageWindow.optimizelyClientInstance = site
  await settle(site.onReady())
  site.createUserContext('shared-visitor', { plan: 'pro' }).decide('pro_banner')

  const { track } = await loadDestination()
  await track({ event: 'purchase', userId: 'shared-visitor', properties: { revenue: 990 }, context: { traits: { plan: 'pro' } } })
  await waitFor(() => events.visitors().length === 2)

  expect(datafile.requests).toBe(0)
  expect(events.batches).toHaveLength(1)
  const [impression, conversion] = events.visitors()
  expect(impression.snapshots[0].decisions).toHaveLength(1)
  expect(conversion.snapshots[0].events[0]).toMatchObject({ key: 'purchase', revenue: 990 })
  expect(new Set(events.visitors().map((v) => v.visitor_id))).toEqual(new Set(['shared-visitor']))
})

test('the window property is a setting', async () => {
  const datafile = serveDatafile()
  const events = captureEventApi()
  pageWindow.siteOptimizely = siteClient()

  const { track } = await loadDestination(settingsWith({ pageClientProperty: 'siteOptimizely' }))
  await track({ event: 'signup', userId: 'custom-property' })
  await waitFor(() => events.visitors().length === 1)

  expect(datafile.requests).toBe(0)
})

test.each([
  ['not an Optimizely client', () => ({ track: 'nope' }), /window\.optimizelyClientInstance is not an Optimizely client/],
  [
    'of another account',
    () => siteClient(datafileWith({ accountId: '777' })),
    /page's Optimizely client cannot be used \(it belongs to account 777/
  ]
])('a page client that is %s is passed over with a warning; the destination loads its own', async (_name, make, warning) => {
  const datafile = serveDatafile()
  const events = captureEventApi()
  pageWindow.optimizelyClientInstance = make()
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)

  const { track } = await loadDestination()
  await track({ event: 'signup', userId: 'own-client' })
  await waitFor(() => events.visitors().length === 1)

  await track({ event: 'purchase', userId: 'own-client' })
  await waitFor(() => events.visitors().length === 2)

  expect(datafile.requests).toBe(1)
  // Said once, at load: each conversion looks at the property again, and says nothing new.
  expect(warn.mock.calls.filter(([message]) => String(message).includes('[Optimizely'))).toEqual([[expect.stringMatching(warning)]])
  warn.mockRestore()
})
