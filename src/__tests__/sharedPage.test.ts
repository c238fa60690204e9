/**
 * The site runs its own Optimizely client on the same page (it decides variations; the
 * destination only converts). Both SDK instances persist pending events in localStorage, so
 * each must resend only its own: a shared namespace makes one client resend the other's
 * impressions and conversions, and Optimizely counts them twice.
 */
import { createBatchEventProcessor, createInstance, createStaticProjectConfigManager } from '@optimizely/optimizely-sdk'
import { captureEventApi, datafileWith, resetNetwork, serveDatafile, waitFor } from './helpers/optimizelyNetwork'
import { loadDestination } from './helpers/loadDestination'
import { pause, settle, useFakeClock } from './helpers/testClock'

useFakeClock()

beforeEach(() => {
  resetNetwork()
  localStorage.clear()
})

test("the site's impression and the destination's conversion each arrive exactly once, for the same visitor", async () => {
  serveDatafile()
  const events = captureEventApi()
  const site = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(datafileWith()) }),
    eventProcessor: createBatchEventProcessor({ batchSize: 10, flushInterval: 1000 })
  })
  await settle(site.onReady())
  const decision = site.createUserContext('shopper-1').decide('checkout_redesign')
  expect(['control', 'treatment']).toContain(decision.variationKey)

  const { track } = await loadDestination()
  await track({ event: 'Order Completed', userId: 'shopper-1', properties: { revenue: 4200 } })
  await waitFor(() => events.visitors().length >= 2)
  // Long enough for any second copy: both processors flush every second.
  await pause(2500)

  const sent = events.visitors().map((v) => ({
    visitor: v.visitor_id,
    kind: v.snapshots[0].decisions?.length ? 'impression' : 'conversion',
    uuid: v.snapshots[0].events[0].uuid
  }))
  expect(sent.map((s) => s.kind).sort()).toEqual(['conversion', 'impression'])
  expect(new Set(sent.map((s) => s.uuid)).size).toBe(sent.length)
  expect(new Set(sent.map((s) => s.visitor))).toEqual(new Set(['shopper-1']))
  await site.close()
}, 15_000)
