/**
 * Consent (issue 19), in Chromium with Segment's published consent wrapper
 * (`@segment/analytics-consent-tools` from npm) wrapping the snippet, and the destination's
 * consent category in the CDN settings as the Segment app puts it there. A stand-in consent
 * manager (e2e/consentPage/entry.ts) plays the visitor's choice; the wrapper stamps every event
 * with it and sends `Segment Consent Preference Updated` when it changes.
 *
 * - opt-in: the wrapper removes an unconsented destination when analytics.js loads; once loaded,
 *   it keeps delivering events to it, stamped with the visitor's current choice.
 * - opt-out: every destination loads; the wrapper drops each event whose stamp refuses a
 *   destination's categories, for that destination (the consent change event included).
 *
 * The site decides with the destination's shared client, so decisions, Experiment Viewed and the
 * decided-ID and exposure memories are in play. Absence is checked after a later marker: a
 * conversion tracked once the visitor grants again, which arrives after anything held back before it.
 */
import type { Page } from 'playwright-core'
import { setUpE2E, waitFor, type StorePage } from './support/harness'
import { conversionsIn, impressionsIn } from './support/eventApi'
import { buildConsentPage } from './support/consentPage'
import type { ConsentScenario } from './support/site'
import type { PageWindow } from './support/pageWindow'
import { STORAGE_PREFIX } from '../src/client/namespacedStorage'

const e2e = setUpE2E()

beforeAll(async () => {
  e2e.site.consentPageDir = await buildConsentPage()
})

/** The destination's category (OneTrust's Performance cookies); C0001 is strictly necessary. */
const CATEGORY = 'C0002'
const REFUSED = { C0001: true, [CATEGORY]: false }
const GRANTED = { C0001: true, [CATEGORY]: true }
const SETTINGS = { shareClient: true, sendExperimentViewed: true }
const CHANGE = 'Segment Consent Preference Updated'

const consent = (model: ConsentScenario['model'], initial: Record<string, boolean>): ConsentScenario => ({
  model,
  categories: [CATEGORY],
  initial
})

const conversionsOf = (visitorId: string) => conversionsIn(e2e.collector.accepted()).filter((event) => event.visitorId === visitorId)
const impressionsOf = (visitorId: string) => impressionsIn(e2e.collector.accepted()).filter((event) => event.visitorId === visitorId)
const atSegment = (name: string) => e2e.site.segmentApiEvents.filter((event) => event.event === name)

/** The destination's storage entries (both areas), without the datafile cache. */
async function visitorData(page: Page): Promise<string[]> {
  return page.evaluate((prefix) => {
    const ours = (area: Storage, name: string) =>
      Object.keys(area)
        .filter((key) => key.startsWith(prefix) && !key.startsWith(`${prefix}datafile:`))
        // The event store's namespace names its instance (events-<hash>): the kind is what counts here.
        .map(
          (key) =>
            `${name} ${key
              .slice(prefix.length)
              .split(':')[0]
              .replace(/^events-[0-9a-f]+$/, 'events')}`
        )
    return [...ours(localStorage, 'localStorage'), ...ours(sessionStorage, 'sessionStorage')].sort()
  }, STORAGE_PREFIX)
}

async function datafileCached(page: Page): Promise<boolean> {
  return page.evaluate((prefix) => Object.keys(localStorage).some((key) => key.startsWith(`${prefix}datafile:`)), STORAGE_PREFIX)
}

/** The visitor changes their mind in the consent manager. */
async function choose(page: Page, categories: Record<string, boolean>): Promise<void> {
  await page.evaluate((categories) => {
    ;(window as unknown as { consentManager: { choose(categories: Record<string, boolean>): void } }).consentManager.choose(categories)
  }, categories)
}

/** Not awaited in the page: offline, analytics.js resolves its calls late. */
async function track(page: Page, visitorId: string, event: string, properties: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    ({ visitorId, event, properties }) => {
      const { analytics } = window as unknown as PageWindow
      void analytics.identify(visitorId)
      void analytics.track(event, properties)
    },
    { visitorId, event, properties }
  )
}

/** The site decides the fixture's experiment flag with the destination's shared client. */
async function decide(page: Page, visitorId: string): Promise<void> {
  await page.evaluate((visitorId) => {
    ;(window as unknown as PageWindow).optimizelyClientInstance?.createUserContext(visitorId)?.decide('checkout_redesign')
  }, visitorId)
}

/** A conversion tracked after a grant: once it arrived, anything sent before it has too. */
async function markerAfterGrant(page: Page, visitorId: string): Promise<void> {
  await choose(page, GRANTED)
  await track(page, visitorId, 'signup')
  await waitFor(
    () => conversionsOf(visitorId).length > 0 && atSegment('signup').length > 0,
    `the marker conversion of ${visitorId}`,
    () => e2e.collector.requests.map((request) => request.rawBody)
  )
}

async function reloadStore(store: StorePage): Promise<void> {
  await store.page.reload()
  await store.page.waitForFunction(() => {
    const analytics = (window as unknown as { analytics?: { initialized?: boolean } }).analytics
    return !Array.isArray(analytics) && analytics?.initialized === true
  })
}

test('opt-in: before consent nothing is fetched, stored or sent; after consent (from the next page on) conversions arrive once', async () => {
  const store = await e2e.openStore({ consent: consent('opt-in', REFUSED), settings: SETTINGS })
  const { page } = store

  await track(page, 'opt-in-shopper', 'Order Completed', { revenue: 4200 })
  await waitFor(
    () => atSegment('Order Completed').length === 1,
    'the track call at Segment',
    () => e2e.site.segmentApiEvents
  )
  expect(atSegment('Order Completed')[0].context?.consent?.categoryPreferences).toEqual(REFUSED)
  expect(e2e.site.webBundleRequests).toEqual([])
  expect(e2e.site.datafileRequests).toEqual({})
  expect(
    await page.evaluate(
      (prefix) => Object.keys({ ...localStorage, ...sessionStorage }).filter((key) => key.startsWith(prefix)),
      STORAGE_PREFIX
    )
  ).toEqual([])

  await choose(page, GRANTED)
  await waitFor(
    () => atSegment(CHANGE).length === 1,
    'the consent change at Segment',
    () => e2e.site.segmentApiEvents
  )
  // The wrapper removed the destination when analytics.js loaded; it loads with the next page
  // (Segment's own limit for device-mode plugins, segmentio/analytics-next#994).
  expect(e2e.collector.requests).toEqual([])
  await reloadStore(store)
  await store.destinationLoaded()
  await track(page, 'opt-in-shopper', 'Order Completed', { revenue: 4200 })
  await waitFor(
    () => conversionsOf('opt-in-shopper').length > 0,
    'the conversion after consent',
    () => e2e.collector.requests
  )
  await track(page, 'opt-in-marker', 'signup')
  await waitFor(() => conversionsOf('opt-in-marker').length > 0, 'the marker conversion')

  expect(conversionsOf('opt-in-shopper').map((event) => [event.key, event.revenue])).toEqual([['Order Completed', 4200]])
})

test('opt-out: granted mid-session, conversions and Experiment Viewed start then, and arrive once; nothing of before', async () => {
  const store = await e2e.openStore({ consent: consent('opt-out', REFUSED), settings: SETTINGS })
  const { page } = store
  await store.destinationLoaded()

  await track(page, 'opt-out-shopper', 'Order Completed', { revenue: 1500 })
  await waitFor(() => atSegment('Order Completed').length === 1, 'the refused track call at Segment')
  await decide(page, 'opt-out-shopper')
  expect(await visitorData(page)).toEqual([])

  await choose(page, GRANTED)
  await waitFor(() => atSegment(CHANGE).length === 1, 'the consent change at Segment')
  await track(page, 'opt-out-shopper', 'Order Completed', { revenue: 4200 })
  await decide(page, 'opt-out-shopper')
  await waitFor(
    () => conversionsOf('opt-out-shopper').length > 0,
    'the conversion after the grant',
    () => e2e.collector.requests
  )
  await waitFor(() => atSegment('Experiment Viewed').length > 0, 'Experiment Viewed after the grant')
  await markerAfterGrant(page, 'opt-out-marker')

  expect(conversionsOf('opt-out-shopper').map((event) => [event.key, event.revenue])).toEqual([['Order Completed', 4200]])
  expect(impressionsOf('opt-out-shopper')).toHaveLength(1)
  expect(atSegment('Experiment Viewed').map((event) => event.properties?.optimizely_user_id)).toEqual(['opt-out-shopper'])
})

test.each(['opt-in', 'opt-out'] as const)(
  "%s: revoked mid-session, nothing more is sent (pending conversions included) and the destination's visitor data is gone from storage",
  async (model) => {
    const store = await e2e.openStore({ consent: consent(model, GRANTED), settings: SETTINGS })
    const { page } = store
    await store.destinationLoaded()
    const visitor = `${model}-revoking`

    await decide(page, visitor)
    await waitFor(() => atSegment('Experiment Viewed').length === 1, 'Experiment Viewed while consented')
    await waitFor(() => impressionsOf(visitor).length === 1, 'the impression while consented')
    // Offline, the conversion stays pending in the SDK's store (its attempts fail, it keeps it for a retry).
    await page.context().setOffline(true)
    await track(page, visitor, 'Order Completed', { revenue: 4200 })
    await page.waitForFunction((prefix) => Object.keys(localStorage).some((key) => key.startsWith(`${prefix}events`)), STORAGE_PREFIX)
    expect(await visitorData(page)).toEqual(['localStorage decided-ids', 'localStorage events', 'localStorage exposures'])

    await choose(page, REFUSED)
    await page.waitForFunction(
      (prefix) =>
        ![...Object.keys(localStorage), ...Object.keys(sessionStorage)].some(
          (key) => key.startsWith(prefix) && !key.startsWith(`${prefix}datafile:`)
        ),
      STORAGE_PREFIX
    )
    expect(await datafileCached(page)).toBe(true)
    // Back online: the SDK would resend a stored conversion at once; another decision and conversion while refused.
    await page.context().setOffline(false)
    await decide(page, `${model}-after-revocation`)
    await track(page, visitor, 'Order Completed', { revenue: 99 })
    await waitFor(() => atSegment(CHANGE).length === 1, 'the revocation at Segment')
    expect(await visitorData(page)).toEqual([])

    await markerAfterGrant(page, `${model}-marker`)
    expect(conversionsOf(visitor)).toEqual([])
    expect(impressionsOf(`${model}-after-revocation`)).toEqual([])
    expect(atSegment('Experiment Viewed').map((event) => event.properties?.optimizely_user_id)).toEqual([visitor])
  }
)
