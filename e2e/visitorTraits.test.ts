/**
 * A conversion carries the attributes of its own visitor. analytics.js stamps the IDs on an event
 * when `track` is called; a site that calls `reset()` and `identify()` for the next user without
 * awaiting (a log-out and log-in flow, a shared kiosk) must not give the previous user's
 * conversion the next user's traits.
 */
import { setUpE2E, waitFor } from './support/harness'
import { conversionsIn } from './support/eventApi'
import type { PageWindow } from './support/pageWindow'

const e2e = setUpE2E()

const received = () => conversionsIn(e2e.collector.accepted())

test('track for alice, then reset() and identify(bob) without awaiting: alice’s conversion has no trait of bob’s', async () => {
  const store = await e2e.openStore()
  await store.destinationLoaded()
  await store.page.evaluate(async () => {
    const { analytics } = window as unknown as PageWindow
    await analytics.identify('alice', { plan: 'pro', country: 'DE' })
    // Not awaited: the action runs after these calls have changed the stored user.
    void analytics.track('Order Completed', { revenue: 1200 })
    void (analytics as unknown as { reset(): void }).reset()
    void analytics.identify('bob', { plan: 'enterprise', country: 'FR', logged_in: true })
    void analytics.track('purchase', { revenue: 3400 })
  })
  await waitFor(() => received().length >= 2, 'both conversions', received)

  const byVisitor = Object.fromEntries(received().map((c) => [c.visitorId, [c.key, c.attributes]]))
  expect(byVisitor).toEqual({
    alice: ['Order Completed', { plan: 'pro', country: 'DE', $opt_bot_filtering: true }],
    bob: ['purchase', { plan: 'enterprise', country: 'FR', logged_in: true, $opt_bot_filtering: true }]
  })
  expect(received()).toHaveLength(2)
})
