/**
 * Returning visitors: the last good datafile is kept in localStorage, so the destination is
 * ready at once and the SDK refreshes the datafile in the background.
 */
import { captureEventApi, datafileWith, resetNetwork, serveDatafile, waitFor } from './helpers/optimizelyNetwork'
import { loadDestination, settingsWith } from './helpers/loadDestination'
import { DATAFILE_URL } from './helpers/optimizelyNetwork'
import { STORAGE_PREFIX } from '../client/namespacedStorage'
import { pause, useFakeClock } from './helpers/testClock'

useFakeClock()

const CACHE_KEY = `${STORAGE_PREFIX}datafile:optimizely-datafile-${DATAFILE_URL}`

/** The datafile cached for the next page, as far as these tests read it. */
function cached(): { revision?: string; accountId?: string } {
  return JSON.parse(localStorage.getItem(CACHE_KEY) ?? '{}') as { revision?: string; accountId?: string }
}

beforeEach(() => {
  resetNetwork()
  localStorage.clear()
})

test('a returning visitor converts from the cached datafile while the network copy is 4 s late', async () => {
  let datafile = serveDatafile()
  await loadDestination()
  expect(cached().revision).toBe('42')

  resetNetwork()
  datafile = serveDatafile({ body: datafileWith({ revision: '43' }), delayMs: 4000 })
  const events = captureEventApi()
  const { track } = await loadDestination()
  expect(datafile.served).toBe(0)
  await track({ event: 'signup', userId: 'returning' })
  await waitFor(() => events.visitors().length === 1)

  expect(datafile.served).toBe(0)
  expect(events.batches[0].revision).toBe('42')
  // The background refresh lands in the cache for the next page.
  await waitFor(() => datafile.served === 1, 8000, 'the late datafile')
  await waitFor(() => cached().revision === '43')
}, 15_000)

test('a datafile refresh with new events is used by the next conversion', async () => {
  localStorage.setItem(CACHE_KEY, JSON.stringify(datafileWith()))
  const withNewEvent = datafileWith({ revision: '44' })
  withNewEvent.events = [...withNewEvent.events, { id: '8009', key: 'Newsletter Joined', experimentIds: [] }]
  const datafile = serveDatafile({ body: withNewEvent, delayMs: 200 })
  const events = captureEventApi()
  const { track } = await loadDestination()
  await waitFor(() => datafile.served === 1)
  await pause(50)

  await track({ event: 'Newsletter Joined', userId: 'fresh' })
  await waitFor(() => events.visitors().length === 1)

  expect(events.visitors()[0].snapshots[0].events[0]).toMatchObject({ entity_id: '8009', key: 'Newsletter Joined' })
})

test.each([
  ['a corrupt', 'this is not json'],
  ["another account's", JSON.stringify(datafileWith({ accountId: '555' }))],
  ['a JSON non-datafile', '{"hello": "world"}']
])('%s cache entry is ignored and replaced, never fatal', async (_name, entry) => {
  localStorage.setItem(CACHE_KEY, entry)
  serveDatafile()
  const events = captureEventApi()
  const { track } = await loadDestination()

  await track({ event: 'signup', userId: 'cache-recovered' })
  await waitFor(() => events.visitors().length === 1)

  expect(cached().accountId).toBe('12003456780')
})

test('without usable storage (private mode, full quota) conversions still flow', async () => {
  const original = Object.getOwnPropertyDescriptor(window, 'localStorage')!
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    }
  })
  try {
    serveDatafile()
    const events = captureEventApi()
    const { track } = await loadDestination(settingsWith())
    await track({ event: 'signup', userId: 'no-storage' })
    await waitFor(() => events.visitors().length === 1)
    expect(events.visitors()[0].visitor_id).toBe('no-storage')
  } finally {
    Object.defineProperty(window, 'localStorage', original)
  }
})
