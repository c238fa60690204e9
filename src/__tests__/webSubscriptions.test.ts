/** The web bundle's subscriptions module: each FQL string is parsed once, matching is unchanged. */
import { parseFql as parseEveryTime, validate as validateOriginal } from '@segment/destination-subscriptions'
import { parseFql, prepareFql, validate } from '../web/subscriptions'

const FQL = 'type = "track" and event = "Order Completed"'

test('the same FQL string gives the same parsed tree, equal to a fresh parse', () => {
  expect(parseFql(FQL)).toBe(parseFql(FQL))
  expect(parseFql(FQL)).toEqual(parseEveryTime(FQL))
})

test.each([
  [{ type: 'track', event: 'Order Completed' }, true],
  [{ type: 'track', event: 'Product Added' }, false],
  [{ type: 'page', name: 'Order Completed' }, false]
])('matching %p gives %p, repeatedly', (event, expected) => {
  for (let round = 0; round < 3; round++) {
    expect(validate(parseFql(FQL), event)).toBe(expected)
    expect(validateOriginal(parseEveryTime(FQL), event)).toBe(expected)
  }
})

test('an FQL that does not parse keeps failing to match', async () => {
  await prepareFql(['type = '])
  expect(validate(parseFql('type = '), { type: 'track' })).toBe(false)
  expect(validate(parseFql('type = '), { type: 'track' })).toBe(false)
})

test("an FQL outside the common forms is parsed by the library's parser once prepared", async () => {
  const fql = 'type = "track" and properties.revenue > 10'
  await prepareFql([fql])
  expect(parseFql(fql)).toBe(parseFql(fql))
  expect(parseFql(fql)).toEqual(parseEveryTime(fql))
  expect(validate(parseFql(fql), { type: 'track', properties: { revenue: 11 } })).toBe(true)
  expect(validate(parseFql(fql), { type: 'track', properties: { revenue: 9 } })).toBe(false)
})
