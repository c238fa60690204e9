/**
 * Sites send whatever their code has at hand. Malformed values must never break the page or the
 * valid data travelling with them.
 */
import { setUpE2E, waitFor } from './support/harness'
import { conversionsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

const received = () => conversionsIn(e2e.collector.accepted())

test('undefined and nested traits, NaN revenue and __proto__ keys: no page error, nothing polluted, the valid data arrives', async () => {
  const { page } = await e2e.openStore()
  const polluted = await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('messy-shopper', {
      plan: undefined,
      country: { code: 'NL', nested: { deep: true } },
      logged_in: true,
      age: [34]
    })
    // A JSON payload is how a __proto__ key really arrives (an object literal would set the prototype).
    const properties = JSON.parse(
      '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "coupon": "SAVE5"}'
    ) as Record<string, unknown>
    await analytics.track('Order Completed', {
      ...properties,
      revenue: NaN,
      value: 'lots',
      nested: { a: 1 },
      list: [1, 2],
      missing: undefined,
      nothing: null
    })
    await analytics.track('purchase', { revenue: '1500', value: Infinity, note: 'valid revenue as text' })
    await analytics.track('signup', JSON.parse('{"__proto__": {"isAdmin": true}, "source": "footer"}'))
    const probe: Record<string, unknown> = {}
    return { polluted: probe.polluted, isAdmin: probe.isAdmin }
  })
  expect(polluted).toEqual({ polluted: undefined, isAdmin: undefined })

  await waitFor(() => received().length >= 3, 'the three conversions', received)
  const byKey = Object.fromEntries(received().map((c) => [c.key, c]))
  expect(Object.keys(byKey).sort()).toEqual(['Order Completed', 'purchase', 'signup'])
  // Only the attribute with a usable value survives.
  expect(byKey['Order Completed'].attributes).toEqual({ logged_in: true, $opt_bot_filtering: true })
  expect(byKey['Order Completed'].revenue).toBeUndefined()
  expect(byKey['Order Completed'].value).toBeUndefined()
  expect(byKey['Order Completed'].tags).toEqual({ coupon: 'SAVE5' })
  expect(byKey.purchase).toMatchObject({ revenue: 1500, tags: { revenue: 1500, note: 'valid revenue as text' } })
  expect(byKey.purchase.value).toBeUndefined()
  expect(byKey.signup.tags).toEqual({ source: 'footer' })
  expect(received().every((c) => c.visitorId === 'messy-shopper')).toBe(true)
})

test('calls without an event name or with junk arguments leave the page working', async () => {
  const { page } = await e2e.openStore()
  await page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    const settle = (call: () => Promise<unknown>) => call().catch(() => undefined)
    await settle(() => analytics.identify('junk-shopper', 'not an object'))
    await settle(() => analytics.track())
    await settle(() => analytics.track(undefined, { revenue: 100 }))
    await settle(() => analytics.track(42, { revenue: 100 }))
    await settle(() => analytics.track('Order Completed', 'not an object'))
    await analytics.track('Viewed Checkout Page', { step: 2 })
  })

  await waitFor(() => received().some((c) => c.key === 'Viewed Checkout Page'), 'the valid conversion', received)
  const checkout = received().find((c) => c.key === 'Viewed Checkout Page')
  expect(checkout).toMatchObject({ visitorId: 'junk-shopper', tags: { step: 2 } })
})
