/** The shared value rules on their own: what each rule keeps, drops and reports. */
import {
  catalogFromDatafile,
  checkEventKey,
  normalizeUserId,
  parseRevenue,
  parseValue,
  prepareConversion,
  sanitizeAttributes,
  sanitizeTags
} from '../shared/valueRules'
import fixture from '../../fixtures/datafile.json'

const catalog = catalogFromDatafile(fixture)

test('the catalog knows the datafile events and attributes, exactly', () => {
  expect(catalog.hasEvent('Order Completed')).toBe(true)
  expect(catalog.hasEvent('order completed')).toBe(false)
  expect(catalog.hasAttribute('plan')).toBe(true)
  expect(catalog.hasAttribute('email')).toBe(false)
  expect(catalogFromDatafile({ events: 'nope', attributes: [null, { key: 7 }] }).hasAttribute('7')).toBe(false)
})

test('undefined attribute values are dropped (the SDK would refuse the whole conversion)', () => {
  expect(sanitizeAttributes({ plan: 'pro', country: undefined }, catalog)).toEqual({
    values: { plan: 'pro' },
    findings: [{ code: 'attribute-dropped', message: 'attribute "country" dropped: undefined is not a string, boolean or finite number' }]
  })
})

test("Optimizely's own $opt_ attributes pass through to the SDK", () => {
  expect(sanitizeAttributes({ $opt_bucketing_id: 'b-1', $opt_user_agent: 'UA' }, catalog).values).toEqual({
    $opt_bucketing_id: 'b-1',
    $opt_user_agent: 'UA'
  })
})

test('revenue and value inside the tags are replaced by the mapped fields', () => {
  expect(sanitizeTags({ revenue: 1, value: 2, sku: 'A' }).values).toEqual({ sku: 'A' })
  const result = prepareConversion(
    { eventKey: 'purchase', userId: 'u', eventTags: { revenue: 999, value: 1 }, revenue: '250', value: '0.5' },
    catalog
  )
  expect(result).toEqual({
    ok: true,
    findings: [],
    conversion: { eventKey: 'purchase', userId: 'u', attributes: {}, tags: { revenue: 250, value: 0.5 }, revenue: 250, value: 0.5 }
  })
})

test.each([
  [1500, 1500],
  ['1500', 1500],
  [' 42 ', 42],
  ['-7', -7],
  [undefined, undefined],
  [null, undefined],
  ['', undefined]
])('revenue %p is sent as %p', (input, expected) => {
  expect(parseRevenue(input)).toEqual(expected === undefined ? {} : { revenue: expected })
})

test.each([19.99, '19.99', '1e3', '0x10', 'abc', NaN, Infinity, 2 ** 53 + 2, true, [], {}])(
  'revenue %p is refused with a warning naming it',
  (input) => {
    const { revenue, finding } = parseRevenue(input)
    expect(revenue).toBeUndefined()
    expect(finding?.code).toBe('invalid-revenue')
    expect(finding?.message).toMatch(/^revenue .+ not sent: Optimizely revenue is an integer number of cents/)
  }
)

test.each([
  [3.5, 3.5],
  ['3.5', 3.5],
  ['.5', 0.5],
  ['1e2', 100],
  [-2, -2]
])('value %p is sent as %p', (input, expected) => {
  expect(parseValue(input)).toEqual({ value: expected })
})

test.each(['3,5', 'abc', NaN, -Infinity, false, {}])('value %p is refused', (input) => {
  expect(parseValue(input).finding?.code).toBe('invalid-value')
})

test('user IDs: strings as they are, finite numbers stringified, nothing else', () => {
  expect(normalizeUserId('abc')).toEqual({ userId: 'abc' })
  expect(normalizeUserId(0)).toEqual({ userId: '0' })
  expect(normalizeUserId(NaN).finding?.code).toBe('invalid-user-id')
  expect(normalizeUserId(undefined).finding?.code).toBe('missing-user-id')
  expect(normalizeUserId('').finding?.code).toBe('missing-user-id')
  expect(normalizeUserId(true).finding?.code).toBe('invalid-user-id')
})

test('event keys: missing and unknown are told apart', () => {
  expect(checkEventKey(undefined, catalog).finding?.code).toBe('missing-event-key')
  expect(checkEventKey(42, catalog).finding?.code).toBe('missing-event-key')
  expect(checkEventKey('Nope', catalog).finding?.code).toBe('unknown-event-key')
  expect(checkEventKey('signup', catalog)).toEqual({ eventKey: 'signup' })
})

test('a skipped conversion reports why and nothing else', () => {
  expect(prepareConversion({ eventKey: 'signup', userId: null, revenue: 'bad' }, catalog)).toEqual({
    ok: false,
    findings: [],
    skip: { code: 'missing-user-id', message: 'conversion not sent: no user ID (userId or anonymousId)' }
  })
})

test('forbidden keys never become own or inherited properties of the output', () => {
  const input: unknown = JSON.parse(
    '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "plan": "pro", "ok": true}'
  )
  const attributes = sanitizeAttributes(input, catalog).values
  const tags = sanitizeTags(input).values
  expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype)
  expect(Object.getPrototypeOf(tags)).toBe(Object.prototype)
  expect(tags).toEqual({ plan: 'pro', ok: true })
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
})
