/**
 * The Revenue Unit and Revenue Events settings in the shared value rules: what both modes send as
 * revenue for the same mapped payload.
 */
import { catalogFromDatafile, parseRevenue, prepareConversion } from '../shared/valueRules'
import { currencyToCents, revenueOptionsFrom } from '../shared/revenueRules'
import fixture from '../../fixtures/datafile.json'

const catalog = catalogFromDatafile(fixture)

test.each([
  [9.99, 999],
  [534.3099999999999, 53431],
  [1.005, 101],
  [25, 2500],
  ['19.99', 1999],
  [' 42.5 ', 4250],
  [0, 0],
  [-9.99, -999],
  [-0.001, 0],
  [0.015, 2],
  [1e-7, 0]
])('currency revenue %p is sent as %p cents', (input, cents) => {
  expect(parseRevenue(input, 'currency')).toEqual({ revenue: cents })
})

test('a rounded -0 is sent as 0', () => {
  expect(Object.is(currencyToCents(-0.001), 0)).toBe(true)
})

test.each(['abc', '9,99', NaN, Infinity, true, {}, [], 2 ** 53])('currency revenue %p is refused with a warning naming it', (input) => {
  const { revenue, finding } = parseRevenue(input, 'currency')
  expect(revenue).toBeUndefined()
  expect(finding?.code).toBe('invalid-revenue')
  expect(finding?.message).toMatch(/^revenue .+ not sent: with Revenue Unit "currency" revenue is a number of currency units/)
})

test('cents (the default) is unchanged: 9.99 is refused, 25 stays 25 cents', () => {
  expect(parseRevenue(9.99).finding?.code).toBe('invalid-revenue')
  expect(parseRevenue(25)).toEqual({ revenue: 25 })
})

test('settings: anything but "currency" is cents; Revenue Events trims and ignores empty entries', () => {
  expect(revenueOptionsFrom({})).toEqual({ revenueUnit: 'cents' })
  expect(revenueOptionsFrom({ revenueUnit: 'dollars', revenueEvents: [] })).toEqual({ revenueUnit: 'cents' })
  expect(revenueOptionsFrom({ revenueUnit: 'currency', revenueEvents: [' Order Completed ', '', 7] })).toEqual({
    revenueUnit: 'currency',
    revenueEvents: new Set(['Order Completed'])
  })
  expect(revenueOptionsFrom({ revenueEvents: 'purchase' }).revenueEvents).toEqual(new Set(['purchase']))
})

describe('dollars ×100 on Order Completed only (the classic integration)', () => {
  const classic = revenueOptionsFrom({ revenueUnit: 'currency', revenueEvents: ['Order Completed'] })
  const prepare = (eventKey: string, revenue: unknown) =>
    prepareConversion({ eventKey, userId: 'u', revenue, eventTags: { revenue, sku: 'A' } }, catalog, classic)

  test('Order Completed: 9.99 becomes 999 cents, in the revenue field and the revenue tag', () => {
    expect(prepare('Order Completed', 9.99)).toEqual({
      ok: true,
      findings: [],
      conversion: { eventKey: 'Order Completed', userId: 'u', attributes: {}, tags: { sku: 'A', revenue: 999 }, revenue: 999 }
    })
  })

  test('Product Added: the conversion is sent without revenue and nothing is reported, even for bad revenue', () => {
    for (const revenue of [1.99, 'abc']) {
      expect(prepare('Product Added', revenue)).toEqual({
        ok: true,
        findings: [],
        conversion: { eventKey: 'Product Added', userId: 'u', attributes: {}, tags: { sku: 'A' } }
      })
    }
  })

  test('without Revenue Events, every event carries revenue ×100', () => {
    const everywhere = revenueOptionsFrom({ revenueUnit: 'currency' })
    const result = prepareConversion({ eventKey: 'Product Added', userId: 'u', revenue: 1.99 }, catalog, everywhere)
    expect(result.ok && result.conversion.revenue).toBe(199)
  })
})
