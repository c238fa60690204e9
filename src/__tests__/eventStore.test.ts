/**
 * One SDK event store per destination instance (src/client/eventStore.ts), and carrying over what
 * the previous release stored under the shared key. The whole path in a browser, with a failed
 * batch and the next page load: e2e/eventStores.test.ts.
 */
import { carryOverSharedEvents, createEventStore, eventStoreNamespace } from '../client/eventStore'

const ACCOUNT = '12003456780'
const WEB_URL = 'https://cdn.optimizely.com/datafiles/WebKey.json'
const MARKETING_URL = 'https://cdn.optimizely.com/datafiles/MarketingKey.json'

/** An entry as the SDK's batch processor stores it (`{ id, event }`, the event's context naming its project). */
function storedEntry(id: string, projectId: string, accountId = ACCOUNT): string {
  return JSON.stringify({ id, event: { type: 'conversion', uuid: `uuid-${id}`, context: { accountId, projectId, revision: '42' } } })
}

beforeEach(() => localStorage.clear())

test('two projects, or two datafile URLs, never share a store; the same instance finds its own again', () => {
  expect(eventStoreNamespace(ACCOUNT, WEB_URL)).not.toBe(eventStoreNamespace(ACCOUNT, MARKETING_URL))
  expect(eventStoreNamespace(ACCOUNT, WEB_URL)).not.toBe(eventStoreNamespace('99999999999', WEB_URL))
  expect(eventStoreNamespace(` ${ACCOUNT} `, `${WEB_URL} `)).toBe(eventStoreNamespace(ACCOUNT, WEB_URL))
  // Not under the previous release's shared prefix, which would list it as its own.
  expect(eventStoreNamespace(ACCOUNT, WEB_URL)).toMatch(/^events-[0-9a-f]{8}$/)

  const web = createEventStore(ACCOUNT, WEB_URL)
  const marketing = createEventStore(ACCOUNT, MARKETING_URL)
  web.set('optly_event:1700000000000010000', storedEntry('1700000000000010000', '1'))
  marketing.set('optly_event:1700000000000010000', storedEntry('1700000000000010000', '2'))
  expect(web.getKeys()).toEqual(['optly_event:1700000000000010000'])
  expect(marketing.get('optly_event:1700000000000010000')).toBe(storedEntry('1700000000000010000', '2'))
})

test('the shared store’s entries of this project move over under the same key; other projects’ stay', () => {
  const shared = 'segment-optimizely-fx:events:optly_event:'
  localStorage.setItem(`${shared}1700000000000010000`, storedEntry('1700000000000010000', 'web'))
  localStorage.setItem(`${shared}1700000000000010001`, storedEntry('1700000000000010001', 'marketing'))
  localStorage.setItem(`${shared}1700000000000010002`, storedEntry('1700000000000010002', 'web', '99999999999'))
  localStorage.setItem(`${shared}1700000000000010003`, 'not json')
  const web = createEventStore(ACCOUNT, WEB_URL)

  expect(carryOverSharedEvents(web, ACCOUNT, 'web')).toBe(1)
  expect(web.getKeys()).toEqual(['optly_event:1700000000000010000'])
  expect(web.get('optly_event:1700000000000010000')).toBe(storedEntry('1700000000000010000', 'web'))
  expect(
    Object.keys(localStorage)
      .filter((key) => key.startsWith(shared))
      .sort()
  ).toEqual([`${shared}1700000000000010001`, `${shared}1700000000000010002`, `${shared}1700000000000010003`])
  // Again (another tab, the next page load): nothing moves twice.
  expect(carryOverSharedEvents(web, ACCOUNT, 'web')).toBe(0)
  expect(web.getKeys()).toHaveLength(1)
})
