/**
 * The visitor-ID guard in Chromium: the site decides with the anonymous ID before login, the
 * visitor identifies, and the conversion made after login is checked against the decision.
 */
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { conversionsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

/** Decide as the anonymous visitor (unless told not to), identify as `user-7`, then buy. */
async function decideIdentifyConvert(store: StorePage, decide = true): Promise<string> {
  await store.destinationLoaded()
  return store.page.evaluate(async (decide) => {
    const { analytics, optimizelyClientInstance } = window as unknown as PageWindow
    await optimizelyClientInstance?.onReady()
    const anonymousId = analytics.user().anonymousId() as string
    if (decide) optimizelyClientInstance?.createUserContext(anonymousId)?.decide('checkout_redesign')
    await analytics.identify('user-7')
    await analytics.track('Order Completed', { revenue: 4200 })
    return anonymousId
  }, decide)
}

const conversions = () => conversionsIn(e2e.collector.accepted())

test('use-decided-id: the conversion is sent for the anonymous ID that was bucketed', async () => {
  const store = await e2e.openStore({ publishPageClient: true, settings: { visitorIdGuard: 'use-decided-id' } })
  const anonymousId = await decideIdentifyConvert(store)

  await waitFor(
    () => conversions().length === 1,
    'the conversion',
    () => e2e.collector.requests.map((r) => r.rawBody)
  )
  expect(conversions()[0]).toMatchObject({ key: 'Order Completed', visitorId: anonymousId, revenue: 4200 })
  expect(store.destinationWarnings()).toEqual([])
})

test('warn (the default): the user ID is sent, with exactly one warning naming both IDs', async () => {
  const store = await e2e.openStore({ publishPageClient: true })
  const anonymousId = await decideIdentifyConvert(store)
  await store.page.evaluate(() => (window as unknown as PageWindow).analytics.track('Order Completed', { revenue: 100 }))

  await waitFor(() => conversions().length === 2, 'both conversions')
  expect(conversions().map((conversion) => conversion.visitorId)).toEqual(['user-7', 'user-7'])
  expect(store.destinationWarnings()).toHaveLength(1)
  expect(store.destinationWarnings()[0]).toContain('"user-7"')
  expect(store.destinationWarnings()[0]).toContain(`"${anonymousId}"`)
})

test('with no decision seen nothing changes and nothing is printed', async () => {
  const store = await e2e.openStore({ publishPageClient: true, settings: { visitorIdGuard: 'use-decided-id' } })
  await decideIdentifyConvert(store, false)

  await waitFor(() => conversions().length === 1, 'the conversion')
  expect(conversions()[0].visitorId).toBe('user-7')
  expect(store.destinationWarnings()).toEqual([])
  expect(store.consoleMessages.filter((message) => message.text.includes('Optimizely Feature Experimentation'))).toEqual([])
})
