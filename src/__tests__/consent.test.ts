/**
 * Consent (src/consent) inside jsdom: the destination loaded as analytics.js loads it, with the
 * consent categories analytics.js merges into its settings from the CDN, and events stamped the
 * way Segment's consent wrapper stamps them. The consent change event goes through the real
 * analytics.js pipeline, where only the destination's observer plugin sees it (as when the
 * wrapper's opt-out blocking keeps it from the destination). The real SDK builds and batches
 * every request; nock records them.
 */
import { captureEventApi, serveDatafile, waitFor } from './helpers/optimizelyNetwork'
import { recordTracks } from './helpers/recordTracks'
import { loadDestination, settingsWith, trackEventSubscription } from './helpers/loadDestination'
import { publishPageClient } from './helpers/pageOptimizely'
import { KEEP_FROM_DESTINATION } from '../decisions/keptFromDestination'
import { CONSENT_CHANGE_EVENT } from '../consent/stamp'
import { watchConsent } from '../consent'
import { STORAGE_PREFIX } from '../client/namespacedStorage'
import type { Settings } from '../generated-types'
import { settle, useFakeClock } from './helpers/testClock'
import { freshPageForEachTest } from './helpers/freshPage'

const CATEGORY = 'C0002'
const granted = { consent: { categoryPreferences: { C0001: true, [CATEGORY]: true } } }
const refused = { consent: { categoryPreferences: { C0001: true, [CATEGORY]: false } } }

/** Settings as analytics.js hands them to the factory when the Segment app maps the destination to CATEGORY. */
const withCategories = (categories: string[] = [CATEGORY]) => ({ ...settingsWith(), consentSettings: { categories } }) as Settings

// The SDK's flush interval and the destination's timers run on the fake clock waitFor moves on.
useFakeClock()

freshPageForEachTest()

const keys = (area: Storage) => Object.keys(area).sort()

test('without consent categories nothing changes: a stamp refusing other categories still converts', async () => {
  serveDatafile()
  const events = captureEventApi()
  const { track } = await loadDestination()

  await track({ event: 'signup', userId: 'no-categories', context: refused })
  await waitFor(() => events.visitors().length === 1)

  expect(events.visitors()[0].visitor_id).toBe('no-categories')
})

test("each event's stamp decides: refused sends nothing, granted converts, an unstamped event follows the latest stamp", async () => {
  serveDatafile()
  const events = captureEventApi()
  const { track } = await loadDestination(withCategories())

  await track({ event: 'signup', userId: 'before-any-stamp' })
  // Delivered before the refusal below (a conversion still pending then is dropped, see the last test).
  await waitFor(() => events.visitors().length === 1)
  await track({ event: 'signup', userId: 'refused', context: refused })
  await track({ event: 'signup', userId: 'unstamped-after-refusal' })
  await track({ event: 'signup', userId: 'granted', context: granted })
  await track({ event: 'signup', userId: 'unstamped-after-grant' })
  await waitFor(() => events.visitors().length === 3)
  // A stamp that leaves the category out refuses it, as the consent wrapper decides.
  await track({ event: 'signup', userId: 'category-missing', context: { consent: { categoryPreferences: { C0001: true } } } })
  await track({ event: 'signup', userId: 'marker', context: granted })
  await waitFor(() => events.visitors().some((visitor) => visitor.visitor_id === 'marker'))

  expect(events.visitors().map((visitor) => visitor.visitor_id)).toEqual(['before-any-stamp', 'granted', 'unstamped-after-grant', 'marker'])
})

test.each([
  ['with consent categories', withCategories()],
  ['without', settingsWith()]
])('the consent change event is no conversion and no "unknown event key" warning (%s)', async (_title, settings) => {
  serveDatafile()
  const events = captureEventApi()
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  const { track } = await loadDestination(settings)

  await track({ event: CONSENT_CHANGE_EVENT, userId: 'changing', context: granted })
  await track({ event: 'signup', userId: 'marker', context: granted })
  await waitFor(() => events.visitors().length > 0)

  expect(events.visitors().map((visitor) => visitor.visitor_id)).toEqual(['marker'])
  expect(warn).not.toHaveBeenCalled()
  warn.mockRestore()
})

test("revocation removes the destination's visitor data from both storage areas, keeps the datafile cache and everything not ours", async () => {
  serveDatafile()
  captureEventApi()
  const { analytics } = await loadDestination(withCategories())
  // What the destination and the helpers building on it keep under the prefix, and others' keys.
  localStorage.setItem(`${STORAGE_PREFIX}events:optly_event:1`, '{"id":"1"}')
  localStorage.setItem(`${STORAGE_PREFIX}decided-ids:list`, '[]')
  localStorage.setItem(`${STORAGE_PREFIX}some-later-store:entry`, 'x')
  sessionStorage.setItem(`${STORAGE_PREFIX}exposures:list`, '[]')
  localStorage.setItem('optly_event:site-event', '{}')
  localStorage.setItem('ajs_user_id', '"someone"')
  sessionStorage.setItem('other', 'y')
  const datafileKeys = keys(localStorage).filter((key) => key.startsWith(`${STORAGE_PREFIX}datafile:`))
  expect(datafileKeys).toHaveLength(1)

  await settle(analytics.track(CONSENT_CHANGE_EVENT, {}, refused))

  expect(keys(localStorage).filter((key) => key.startsWith(STORAGE_PREFIX))).toEqual(datafileKeys)
  expect(keys(localStorage)).toEqual(expect.arrayContaining(['ajs_user_id', 'optly_event:site-event']))
  expect(keys(sessionStorage)).toEqual(['other'])
})

test('a conversion pending when the visitor revokes is dropped, not sent later; after a grant new conversions flow', async () => {
  serveDatafile()
  const events = captureEventApi()
  const { analytics, track } = await loadDestination(withCategories())

  await track({ event: 'Order Completed', userId: 'pending-at-revocation', properties: { revenue: 100 }, context: granted })
  // Pending: in the SDK's queue and its store, its batch due within the flush interval.
  expect(keys(localStorage).filter((key) => key.startsWith(`${STORAGE_PREFIX}events`))).toHaveLength(1)
  await settle(analytics.track(CONSENT_CHANGE_EVENT, {}, refused))
  expect(keys(localStorage).filter((key) => key.startsWith(`${STORAGE_PREFIX}events`))).toEqual([])
  // Granted again at once: the SDK's queue still holds the conversion (its batch is due within the flush interval).
  await settle(analytics.track(CONSENT_CHANGE_EVENT, {}, granted))
  await track({ event: 'signup', userId: 'after-grant', context: granted })
  await waitFor(() => events.received.length > 0)

  expect(events.received.flatMap((batch) => batch.visitors.map((visitor) => visitor.visitor_id))).toEqual(['after-grant'])
})

test.each([
  ['grants', granted, ['Experiment Viewed']],
  ['refuses', refused, []]
])(
  'a decision made before any event is held until the first event tells the choice, here one that %s',
  async (_title, firstStamp, expected) => {
    captureEventApi()
    const site = await publishPageClient()
    const { analytics } = await loadDestination({ ...withCategories(), sendExperimentViewed: true })
    const tracks = await recordTracks(analytics)

    site.createUserContext('early-visitor')?.decide('checkout_redesign')
    await settle(analytics.track('Marker', {}, { ...KEEP_FROM_DESTINATION, ...firstStamp }))
    // Whatever the decision caused has been delivered once a later event is.
    await settle(analytics.track('Marker', {}, { ...KEEP_FROM_DESTINATION, ...granted }))

    expect(tracks.map((event) => event.event).filter((name) => name === 'Experiment Viewed')).toEqual(expected)
  }
)

test('an event the gate already noted, judged again by the action, does not undo a later revocation', async () => {
  const consent = watchConsent(withCategories())
  const grantedEvent = { type: 'track', event: 'Order Completed', context: granted }
  // The observer shows the gate each event first: a grant, then a revocation kept from the destination.
  expect(consent.admits(grantedEvent)).toBe(true)
  expect(consent.admits({ type: 'track', event: CONSENT_CHANGE_EVENT, context: refused })).toBe(false)
  expect(consent.refused()).toBe(true)
  // The action now gets the granted event: its stamp admits it, and the visitor's latest choice stands.
  consent.admits(grantedEvent)
  expect(consent.refused()).toBe(true)
  // So the destination's own client still sends nothing.
  const sent: unknown[] = []
  const gated = consent.eventGate.dispatcher({ dispatchEvent: (event) => Promise.resolve({ statusCode: sent.push(event) && 200 }) })
  await gated.dispatchEvent({ url: 'https://logx.optimizely.com/v1/events', httpVerb: 'POST', params: {} } as never)
  expect(sent).toEqual([])
})

test.each([
  ['with a revocation and a grant between them, the guard has forgotten anon-1', true, ['user-1']],
  ['without them (the control), the guard sends the conversion for anon-1', false, ['anon-1']]
])('a decision for anon-1, then a conversion for user-1: %s', async (_title, revokeAndGrant, expected) => {
  const events = captureEventApi()
  const site = await publishPageClient()
  const { analytics, track } = await loadDestination({ ...withCategories(), visitorIdGuard: 'use-decided-id' })
  await settle(analytics.track('Marker', {}, { ...KEEP_FROM_DESTINATION, ...granted }))
  site.createUserContext('anon-1')?.decide('checkout_redesign')

  if (revokeAndGrant) {
    // The decisions forget in memory too, not only in storage.
    await settle(analytics.track(CONSENT_CHANGE_EVENT, {}, refused))
    await settle(analytics.track(CONSENT_CHANGE_EVENT, {}, granted))
  }
  await track({ event: 'purchase', userId: 'user-1', anonymousId: 'anon-1', context: granted })

  await waitFor(() => events.visitors().some((visitor) => visitor.snapshots[0].events[0].key === 'purchase'))
  const purchases = events.visitors().filter((visitor) => visitor.snapshots[0].events[0].key === 'purchase')
  expect(purchases.map((visitor) => visitor.visitor_id)).toEqual(expected)
})

test("Segment's consent change event never becomes a conversion, even under a mapping with a fixed event key", async () => {
  serveDatafile()
  const events = captureEventApi()
  const everyTrackAsSignup = { ...trackEventSubscription, mapping: { ...trackEventSubscription.mapping, eventKey: 'signup' } }
  const { track } = await loadDestination(withCategories(), [everyTrackAsSignup])

  await track({ event: CONSENT_CHANGE_EVENT, userId: 'consenting', context: granted })
  await track({ event: 'Newsletter Joined', userId: 'joined', context: granted })

  await waitFor(() => events.visitors().length > 0)
  expect(events.visitors().map((visitor) => [visitor.visitor_id, visitor.snapshots[0].events[0].key])).toEqual([['joined', 'signup']])
})
