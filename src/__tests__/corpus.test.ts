/**
 * Malformed and edge inputs, each run through the plugin the runtime generates and the real SDK.
 * Every case gets its own visitor ID, so the Event API batches can be matched back to the case:
 * each asserts exactly what Optimizely received (or that nothing was) and what was logged.
 */
import { captureEventApi, resetNetwork, serveDatafile, waitFor, type Visitor } from './helpers/optimizelyNetwork'
import { loadDestination } from './helpers/loadDestination'
import { useFakeClock } from './helpers/testClock'

useFakeClock()

type Json = Record<string, unknown>

interface Case {
  name: string
  /** The Segment track event; `event` defaults to "Order Completed", `userId` to the case's own ID. */
  event?: Json
  properties?: unknown
  traits?: unknown
  /** What Optimizely should receive; omitted when nothing may be sent. */
  sent?: { visitor?: string; key?: string; revenue?: number; value?: number; tags?: Json; attributes?: Json }
  /** Every console warning the case may print, in order. */
  warnings?: RegExp[]
}

const LONG_TEXT = 'x'.repeat(10_000)
const LONG_ID = 'visitor-'.padEnd(1000, 'z')

const cases: Case[] = [
  // Baseline and revenue (integer cents)
  {
    name: 'plain conversion with revenue, value and a tag',
    properties: { revenue: 1500, value: 3.5, color: 'red' },
    sent: { revenue: 1500, value: 3.5, tags: { color: 'red', revenue: 1500, value: 3.5 } }
  },
  { name: 'revenue as an integer string', properties: { revenue: '1500' }, sent: { revenue: 1500, tags: { revenue: 1500 } } },
  { name: 'revenue as "1500.00"', properties: { revenue: '1500.00' }, sent: { revenue: 1500, tags: { revenue: 1500 } } },
  { name: 'revenue 0 is a real value', properties: { revenue: 0 }, sent: { revenue: 0, tags: { revenue: 0 } } },
  { name: 'negative revenue (refund)', properties: { revenue: -500 }, sent: { revenue: -500, tags: { revenue: -500 } } },
  {
    name: 'fractional revenue is not truncated',
    properties: { revenue: 19.99, sku: 'A1' },
    sent: { tags: { sku: 'A1' } },
    warnings: [/revenue 19\.99 not sent.*integer number of cents/]
  },
  { name: 'fractional revenue string', properties: { revenue: '19.99' }, sent: { tags: {} }, warnings: [/revenue "19\.99" not sent/] },
  { name: 'non-numeric revenue', properties: { revenue: 'abc' }, sent: { tags: {} }, warnings: [/revenue "abc" not sent/] },
  { name: 'NaN revenue', properties: { revenue: NaN }, sent: { tags: {} }, warnings: [/revenue NaN not sent/] },
  { name: 'Infinity revenue', properties: { revenue: Infinity }, sent: { tags: {} }, warnings: [/revenue Infinity not sent/] },
  { name: 'boolean revenue', properties: { revenue: true }, sent: { tags: {} }, warnings: [/revenue true not sent/] },
  { name: 'object revenue', properties: { revenue: { amount: 5 } }, sent: { tags: {} }, warnings: [/revenue an object not sent/] },
  { name: 'revenue beyond 2^53', properties: { revenue: 2 ** 60 }, sent: { tags: {} }, warnings: [/revenue 1152921504606847000 not sent/] },
  { name: 'null revenue is simply absent', properties: { revenue: null, color: 'blue' }, sent: { tags: { color: 'blue' } } },
  // Value (float)
  { name: 'value as a numeric string', properties: { value: '3.25' }, sent: { value: 3.25, tags: { value: 3.25 } } },
  { name: 'value 0', properties: { value: 0 }, sent: { value: 0, tags: { value: 0 } } },
  { name: 'negative value', properties: { value: -0.5 }, sent: { value: -0.5, tags: { value: -0.5 } } },
  { name: 'non-numeric value', properties: { value: 'lots' }, sent: { tags: {} }, warnings: [/value "lots" not sent/] },
  { name: 'NaN value', properties: { value: NaN }, sent: { tags: {} }, warnings: [/value NaN not sent/] },
  // Event keys
  {
    name: 'event key differing in case is unknown',
    event: { event: 'order completed', userId: 'skip-case' },
    warnings: [/"order completed" not sent: the datafile \(revision 42\) has no event/]
  },
  { name: 'the same unknown key warns only once', event: { event: 'order completed', userId: 'skip-case-again' } },
  {
    name: 'another unknown key warns again',
    event: { event: 'Checkout Started', userId: 'skip-other-key' },
    warnings: [/"Checkout Started" not sent/]
  },
  { name: 'empty event name', event: { event: '', userId: 'skip-empty-key' }, warnings: [/no event key/] },
  {
    name: 'unicode event key not in the datafile',
    event: { event: 'Commande terminée ✓', userId: 'skip-unicode-key' },
    warnings: [/"Commande terminée ✓" not sent/]
  },
  { name: 'another datafile event', event: { event: 'signup' }, sent: { key: 'signup', tags: {} } },
  // User IDs
  { name: 'numeric user ID is stringified', event: { userId: 4242 }, sent: { visitor: '4242', tags: {} } },
  {
    name: 'anonymous visitor uses the anonymous ID',
    event: { userId: null, anonymousId: 'anon-corpus' },
    sent: { visitor: 'anon-corpus', tags: {} }
  },
  { name: 'no user ID and no anonymous ID', event: { userId: null, anonymousId: null }, warnings: [/no user ID/] },
  { name: 'whitespace user ID', event: { userId: '   ' }, warnings: [/no user ID/] },
  { name: 'object user ID', event: { userId: { id: 7 } }, warnings: [/user ID an object is not a string or number/] },
  { name: 'very long user ID', event: { userId: LONG_ID }, sent: { visitor: LONG_ID, tags: {} } },
  // Attributes (datafile keys only; primitive values only)
  {
    name: 'traits outside the datafile are pruned silently',
    traits: { plan: 'pro', email: 'a@b.c', name: 'Ada' },
    sent: { attributes: { plan: 'pro' }, tags: {} }
  },
  {
    name: 'number and boolean attributes',
    traits: { age: 42, logged_in: true, country: 'DE' },
    sent: { attributes: { age: 42, logged_in: true, country: 'DE' }, tags: {} }
  },
  // analytics.js drops undefined values before mapping; the value rules tests cover the SDK's own undefined check.
  {
    name: 'undefined attribute never reaches the SDK',
    traits: { plan: 'pro', country: undefined },
    sent: { attributes: { plan: 'pro' }, tags: {} }
  },
  {
    name: 'null attribute',
    traits: { plan: null, country: 'FR' },
    sent: { attributes: { country: 'FR' }, tags: {} },
    warnings: [/attribute "plan" dropped: null/]
  },
  {
    name: 'nested object attribute',
    traits: { country: { code: 'DE' }, plan: 'free' },
    sent: { attributes: { plan: 'free' }, tags: {} },
    warnings: [/attribute "country" dropped: an object/]
  },
  {
    name: 'array attribute',
    traits: { plan: ['pro', 'team'] },
    sent: { attributes: {}, tags: {} },
    warnings: [/attribute "plan" dropped: an array/]
  },
  { name: 'NaN attribute', traits: { age: NaN }, sent: { attributes: {}, tags: {} }, warnings: [/attribute "age" dropped: NaN/] },
  {
    name: 'Infinity attribute',
    traits: { age: -Infinity },
    sent: { attributes: {}, tags: {} },
    warnings: [/attribute "age" dropped: -Infinity/]
  },
  {
    name: 'attribute beyond 2^53',
    traits: { age: 1e300 },
    sent: { attributes: {}, tags: {} },
    warnings: [/attribute "age" dropped: 1e\+300/]
  },
  { name: 'traits that are not an object', traits: 'pro', sent: { attributes: {}, tags: {} } },
  {
    name: 'unicode attribute value',
    traits: { country: 'Côte d’Ivoire 🇨🇮' },
    sent: { attributes: { country: 'Côte d’Ivoire 🇨🇮' }, tags: {} }
  },
  // Prototype pollution
  {
    name: '__proto__ in traits',
    traits: JSON.parse('{"__proto__": {"polluted": true}, "plan": "pro"}'),
    sent: { attributes: { plan: 'pro' }, tags: {} }
  },
  {
    name: '__proto__ in properties',
    properties: JSON.parse('{"__proto__": {"polluted": true}, "color": "red"}'),
    sent: { tags: { color: 'red' } }
  },
  {
    name: 'constructor and prototype keys',
    properties: { constructor: 'x', prototype: { polluted: true }, color: 'red' },
    sent: { tags: { color: 'red' } }
  },
  // Tags
  {
    name: 'nested object tag is dropped, the rest sent',
    properties: { cart: { items: 2 }, coupon: 'SAVE' },
    sent: { tags: { coupon: 'SAVE' } },
    warnings: [/tag "cart" dropped/]
  },
  { name: 'array tag', properties: { skus: ['a', 'b'] }, sent: { tags: {} }, warnings: [/tag "skus" dropped: an array/] },
  { name: 'null tag', properties: { coupon: null }, sent: { tags: {} }, warnings: [/tag "coupon" dropped: null/] },
  { name: 'NaN tag', properties: { discount: NaN }, sent: { tags: {} }, warnings: [/tag "discount" dropped: NaN/] },
  { name: 'boolean false tag is kept', properties: { gift: false }, sent: { tags: { gift: false } } },
  { name: 'unicode tag keys and values', properties: { 'prix €': 5, 名前: '商品 🎁' }, sent: { tags: { 'prix €': 5, 名前: '商品 🎁' } } },
  { name: 'very long tag value is sent intact', properties: { note: LONG_TEXT }, sent: { tags: { note: LONG_TEXT } } },
  { name: 'empty properties', properties: {}, sent: { tags: {} } },
  { name: 'properties that are not an object', properties: 'not-an-object', sent: { tags: {} } }
]

const received = new Map<string, Visitor>()
const warningsByCase = new Map<string, string[]>()
const expectedVisitor = (c: Case, index: number) =>
  c.sent?.visitor ?? (c.event && 'userId' in c.event ? String(c.event.userId) : `case-${index}`)

beforeAll(async () => {
  resetNetwork()
  localStorage.clear()
  serveDatafile()
  const events = captureEventApi()
  const { track } = await loadDestination()
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  for (const [index, c] of cases.entries()) {
    warn.mockClear()
    await track({
      event: 'Order Completed',
      userId: `case-${index}`,
      properties: c.properties ?? {},
      context: c.traits === undefined ? {} : { traits: c.traits },
      ...c.event
    })
    warningsByCase.set(
      c.name,
      warn.mock.calls.map((args) => args.join(' '))
    )
  }
  warn.mockRestore()
  const sentCount = cases.filter((c) => c.sent).length
  await waitFor(() => events.visitors().length >= sentCount, 8000, `${sentCount} visitors`)
  for (const visitor of events.visitors()) received.set(visitor.visitor_id, visitor)
  expect(events.visitors()).toHaveLength(sentCount)
}, 20_000)

test('the corpus has at least 40 cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40)
})

test('nothing reached Object.prototype', () => {
  expect(({} as Json).polluted).toBeUndefined()
})

test.each(cases.map((c, index) => [c.name, c, index] as const))('%s', (_name, c, index) => {
  const warnings = warningsByCase.get(c.name) ?? []
  expect(warnings).toHaveLength(c.warnings?.length ?? 0)
  c.warnings?.forEach((pattern, i) => expect(warnings[i]).toMatch(pattern))

  const visitor = received.get(expectedVisitor(c, index))
  if (!c.sent) {
    expect(visitor).toBeUndefined()
    return
  }
  expect(visitor).toBeDefined()
  const [event] = visitor!.snapshots[0].events
  expect(event.key).toBe(c.sent.key ?? 'Order Completed')
  expect(event.revenue).toBe(c.sent.revenue)
  expect(event.value).toBe(c.sent.value)
  expect(event.tags).toEqual(c.sent.tags)
  const attributes = Object.fromEntries(visitor!.attributes.filter((a) => a.key !== '$opt_bot_filtering').map((a) => [a.key, a.value]))
  expect(attributes).toEqual(c.sent.attributes ?? {})
})
