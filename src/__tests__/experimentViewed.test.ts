/**
 * Decisions back into Segment: the page's real Optimizely client decides, the destination hears
 * its DECISION notifications and sends Experiment Viewed through the real analytics.js instance,
 * where another destination (a recording plugin) receives it.
 */
import { OptimizelyDecideOption, type Client } from '@optimizely/optimizely-sdk'
import { Analytics } from '@segment/analytics-next'
import { captureEventApi, datafileWith, serveDatafile, waitFor, type Datafile } from './helpers/optimizelyNetwork'
import { publishPageClient } from './helpers/pageOptimizely'
import { GLOBAL_HOLDOUT, LOCAL_HOLDOUT, withFeatureRollout, withHoldouts, withTargetedDelivery } from './helpers/datafileVariants'
import { loadDestination, settingsWith } from './helpers/loadDestination'
import { DESTINATION_NAME, KEEP_FROM_DESTINATION } from '../decisions/keptFromDestination'
import type { Settings } from '../generated-types'
import fixture from '../../fixtures/datafile.json'
import { pause, settle as onTestClock, useFakeClock } from './helpers/testClock'
import { recordTracks } from './helpers/recordTracks'
import { freshPageForEachTest } from './helpers/freshPage'

useFakeClock()

const pageWindow = window as unknown as Record<string, unknown>

async function pageWithClient(settings: Partial<Settings>, datafile?: Datafile) {
  const events = captureEventApi()
  const site = await publishPageClient(datafile)
  const loaded = await loadDestination(settingsWith({ sendExperimentViewed: true, ...settings }))
  const tracks = await recordTracks(loaded.analytics)
  const decide = (userId: string, flagKey: string, attributes: Record<string, string> = {}) =>
    site.createUserContext(userId, attributes).decide(flagKey)
  /**
   * Tracks a marker after whatever the test did and waits until analytics.js has delivered it:
   * anything the decisions caused has been delivered before it. The marker is then forgotten.
   */
  const settle = async () => {
    await onTestClock(loaded.analytics.track(MARKER, {}, KEEP_FROM_DESTINATION))
    tracks.splice(
      tracks.findIndex((event) => event.event === MARKER),
      1
    )
  }
  return { ...loaded, site, tracks, decide, events, settle }
}

const MARKER = 'Test marker'

freshPageForEachTest()

afterEach(() => {
  delete pageWindow.optimizelyClientInstance
})

const checkoutTest = fixture.experiments.find((experiment) => experiment.key === 'checkout_redesign_test')!

test("the same decision made many times gives one Experiment Viewed with the A/B Testing spec's properties", async () => {
  const { decide, tracks, settle } = await pageWithClient({})
  const decisions = Array.from({ length: 20 }, () => decide('visitor-1', 'checkout_redesign'))
  await waitFor(() => tracks.length === 1, 2000, 'Experiment Viewed')
  await settle()

  const variation = checkoutTest.variations.find((candidate) => candidate.key === decisions[0].variationKey)!
  expect(tracks).toHaveLength(1)
  expect(tracks[0]).toMatchObject({ type: 'track', event: 'Experiment Viewed', integrations: { [DESTINATION_NAME]: false } })
  expect(tracks[0].properties).toEqual({
    experiment_id: checkoutTest.id,
    experiment_name: 'checkout_redesign_test',
    variation_id: variation.id,
    variation_name: variation.key,
    flag_key: 'checkout_redesign',
    rule_key: 'checkout_redesign_test',
    variation_key: variation.key,
    enabled: decisions[0].enabled,
    optimizely_user_id: 'visitor-1',
    rule_type: 'experiment',
    nonInteraction: 1
  })
})

test('two visitors give two events; the event name and nonInteraction are settings', async () => {
  const { decide, tracks, settle } = await pageWithClient({ experimentViewedEvent: 'Optimizely Exposure', nonInteraction: false })
  decide('visitor-1', 'checkout_redesign')
  decide('visitor-2', 'checkout_redesign')
  decide('visitor-1', 'checkout_redesign')
  await waitFor(() => tracks.length === 2, 2000, 'two events')
  await settle()

  expect(tracks.map((event) => [event.event, String(event.properties?.optimizely_user_id)])).toEqual([
    ['Optimizely Exposure', 'visitor-1'],
    ['Optimizely Exposure', 'visitor-2']
  ])
  expect(tracks[0].properties).not.toHaveProperty('nonInteraction')
})

test('a reload in the same browser session sends nothing new; a session idle for 30 minutes does', async () => {
  // Each "page" here shares jsdom's one window, so every destination loaded so far follows the
  // newest page client (a real reload ends the old page): exposures are counted over all of them.
  const pages: Array<{ tracks: unknown[] }> = []
  const exposures = () => pages.reduce((count, page) => count + page.tracks.length, 0)
  const first = await pageWithClient({})
  pages.push(first)
  first.decide('visitor-1', 'checkout_redesign')
  await waitFor(() => exposures() === 1, 2000, 'first page')

  const reload = await pageWithClient({})
  pages.push(reload)
  reload.decide('visitor-1', 'checkout_redesign')
  await reload.settle()
  expect(exposures()).toBe(1)

  // The same page, 31 minutes without a decision later: a new session.
  const realNow = Date.now.bind(Date)
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31 * 60 * 1000)
  reload.decide('visitor-1', 'checkout_redesign')
  await waitFor(() => exposures() === 2, 2000, 'new session')
  jest.restoreAllMocks()
})

test('another person on this browser (analytics.reset() gives a new anonymous ID) deciding with the same ID is a new exposure', async () => {
  const page = await pageWithClient({})
  page.decide('visitor-1', 'checkout_redesign')
  await waitFor(() => page.tracks.length === 1, 2000, 'the first visitor')
  page.decide('visitor-1', 'checkout_redesign')
  await page.settle()
  expect(page.tracks).toHaveLength(1)
  page.analytics.reset()
  page.decide('visitor-1', 'checkout_redesign')
  await waitFor(() => page.tracks.length === 2, 2000, 'new Segment visitor')
})

test('a forced variation for the same rule is a new exposure', async () => {
  const { site, tracks, settle } = await pageWithClient({})
  const user = site.createUserContext('visitor-1')
  const natural = user.decide('checkout_redesign').variationKey
  const other = natural === 'control' ? 'treatment' : 'control'
  user.setForcedDecision({ flagKey: 'checkout_redesign', ruleKey: 'checkout_redesign_test' }, { variationKey: other })
  user.decide('checkout_redesign')
  user.decide('checkout_redesign')
  await waitFor(() => tracks.length === 2, 2000, 'two variations')
  await settle()

  expect(tracks.map((event) => String(event.properties?.variation_key))).toEqual([natural, other])
})

test('targeted deliveries count only when included; the flag-off default never does', async () => {
  const excluded = await pageWithClient({}, withTargetedDelivery(datafileWith()))
  expect(excluded.decide('visitor-1', 'pro_banner').ruleKey).toBe('beta')
  await excluded.settle()
  expect(excluded.tracks).toHaveLength(0)

  const included = await pageWithClient({ includeTargetedDeliveries: true }, withTargetedDelivery(datafileWith()))
  included.decide('visitor-1', 'pro_banner')
  await waitFor(() => included.tracks.length === 1, 2000, 'delivery exposure')
  expect(included.tracks[0].properties).toMatchObject({
    experiment_id: '3202',
    rule_key: 'beta',
    variation_id: '5202',
    enabled: true,
    rule_type: 'delivery'
  })

  // Without the delivery rule, a visitor outside pro_banner's audience gets the Everyone Else rule.
  const fallback = await pageWithClient({ includeTargetedDeliveries: true })
  expect(fallback.decide('visitor-2', 'pro_banner')).toMatchObject({ ruleKey: 'default-rollout-3002', enabled: false })
  await fallback.settle()
  expect(fallback.tracks).toHaveLength(0)
})

describe('every rule type, classified from the datafile the SDK holds, with rule_type', () => {
  test('a global holdout: one Experiment Viewed with rule_type holdout, its impression sent', async () => {
    const { decide, tracks, settle, events } = await pageWithClient({}, withHoldouts(datafileWith(), { global: 100 }))
    for (let round = 0; round < 3; round++) expect(decide('visitor-1', 'checkout_redesign').ruleKey).toBe(GLOBAL_HOLDOUT.key)
    // A holdout covers every flag: pro_banner's decision is held out too.
    decide('visitor-1', 'pro_banner')
    await waitFor(() => tracks.length === 1, 2000, 'the holdout exposure')
    await settle()
    expect(tracks).toHaveLength(1)
    expect(tracks[0].properties).toMatchObject({
      experiment_id: GLOBAL_HOLDOUT.id,
      experiment_name: GLOBAL_HOLDOUT.key,
      variation_id: GLOBAL_HOLDOUT.variationId,
      variation_key: 'off',
      enabled: false,
      rule_type: 'holdout'
    })
    await waitFor(() => events.visitors().length > 0, 4000, 'the holdout impression')
    expect(events.visitors()[0].snapshots[0].decisions[0]).toMatchObject({ experiment_id: GLOBAL_HOLDOUT.id })
  })

  test("a local holdout on checkout_redesign's experiment rule: rule_type holdout; the other flag is not held out", async () => {
    const { decide, tracks, settle } = await pageWithClient({}, withHoldouts(datafileWith(), { local: 100 }))
    expect(decide('visitor-1', 'checkout_redesign').ruleKey).toBe(LOCAL_HOLDOUT.key)
    expect(decide('visitor-1', 'pro_banner').ruleKey).toBe('default-rollout-3002')
    await waitFor(() => tracks.length === 1, 2000, 'the local holdout exposure')
    await settle()
    expect(tracks.map((event) => `${String(event.properties?.experiment_id)} ${String(event.properties?.rule_type)}`)).toEqual([
      `${LOCAL_HOLDOUT.id} holdout`
    ])
  })

  test('a feature rollout (type fr) is measured like an experiment: rule_type delivery, sent by default, for both of its groups', async () => {
    const { decide, tracks, settle } = await pageWithClient({}, withFeatureRollout(datafileWith()))
    const visitors = Array.from({ length: 12 }, (_, index) => `visitor-${index}`)
    const decisions = visitors.map((visitor) => decide(visitor, 'checkout_redesign'))
    expect(new Set(decisions.map((decision) => decision.variationKey))).toEqual(new Set(['treatment', 'off']))
    await waitFor(() => tracks.length === visitors.length, 2000, 'one exposure per visitor')
    await settle()
    expect(tracks).toHaveLength(visitors.length)
    expect(new Set(tracks.map((event) => `${String(event.properties?.rule_key)} ${String(event.properties?.rule_type)}`))).toEqual(
      new Set(['checkout_redesign_test delivery'])
    )
  })
})

test('a decision made with DISABLE_DECISION_EVENT (no impression) is no exposure; the same decision shown later is', async () => {
  const { site, tracks, settle } = await pageWithClient({})
  const user = site.createUserContext('visitor-1')
  user.decideAll([OptimizelyDecideOption.DISABLE_DECISION_EVENT])
  await settle()
  expect(tracks).toHaveLength(0)

  user.decide('checkout_redesign')
  await waitFor(() => tracks.length === 1, 2000, 'the exposure')
  expect(tracks[0].properties).toMatchObject({ flag_key: 'checkout_redesign', optimizely_user_id: 'visitor-1' })
})

test('with the setting off (the default) nothing is sent', async () => {
  const { decide, tracks, settle } = await pageWithClient({ sendExperimentViewed: false })
  decide('visitor-1', 'checkout_redesign')
  await settle()
  expect(tracks).toHaveLength(0)
})

test('when its localStorage entry cannot be read or written, the session memory lives in the page', async () => {
  const ours = (key: string) => key.startsWith('segment-optimizely-fx:exposures')
  type Method = (this: Storage, ...args: string[]) => string | null
  const original = (name: 'getItem' | 'setItem') => Object.getOwnPropertyDescriptor(Storage.prototype, name)?.value as Method
  const [getItem, setItem] = [original('getItem'), original('setItem')]
  jest.spyOn(Storage.prototype, 'getItem').mockImplementation(function (this: Storage, key: string) {
    if (ours(key)) throw new Error('storage disabled')
    return getItem.call(this, key)
  })
  jest.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
    if (ours(key)) throw new DOMException('full', 'QuotaExceededError')
    setItem.call(this, key, value)
  })
  const { decide, tracks, settle } = await pageWithClient({})
  decide('visitor-1', 'checkout_redesign')
  decide('visitor-1', 'checkout_redesign')
  await waitFor(() => tracks.length === 1, 2000, 'one event')
  await settle()
  expect(tracks).toHaveLength(1)
})

test('Experiment Viewed never comes back as a conversion or an unknown-event warning', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  const { decide, tracks, track, events } = await pageWithClient({})
  decide('visitor-1', 'checkout_redesign')
  await waitFor(() => tracks.length === 1, 2000, 'Experiment Viewed')

  // Whatever a host does, the event analytics.js handed other destinations is not converted here.
  await track({ ...tracks[0] })
  await waitFor(() => events.visitors().length === 1, 4000, 'the impression')
  await pause(500)

  expect(events.visitors().flatMap((visitor) => visitor.snapshots[0].events.map((event) => event.key))).toEqual(['campaign_activated'])
  expect(warn).not.toHaveBeenCalled()
})

test("shareClient publishes the destination's own client: the site decides through it, one datafile download, its impression reaches the Event API", async () => {
  const datafile = serveDatafile()
  const events = captureEventApi()
  const { analytics } = await loadDestination(settingsWith({ shareClient: true, sendExperimentViewed: true }))
  const tracks = await recordTracks(analytics)

  const shared = pageWindow.optimizelyClientInstance as Client
  expect(typeof shared?.createUserContext).toBe('function')
  const decision = shared.createUserContext('visitor-9').decide('checkout_redesign')
  await waitFor(() => tracks.length === 1 && events.visitors().length === 1, 4000, 'event and impression')

  expect(datafile.requests).toBe(1)
  expect(tracks[0].properties).toMatchObject({ optimizely_user_id: 'visitor-9', variation_key: decision.variationKey })
  expect(events.visitors()[0]).toMatchObject({ visitor_id: 'visitor-9', snapshots: [{ decisions: [{ experiment_id: checkoutTest.id }] }] })
  await shared.close()
})

test('shareClient: a site that decides the moment the client appears is heard', async () => {
  serveDatafile()
  captureEventApi()
  const track = jest.spyOn(Analytics.prototype, 'track')
  let published: Client | undefined
  Object.defineProperty(window, 'optimizelyClientInstance', {
    configurable: true,
    get: () => published,
    set: (client: Client) => {
      published = client
      client.createUserContext('eager-visitor').decide('checkout_redesign')
    }
  })
  await loadDestination(settingsWith({ shareClient: true, sendExperimentViewed: true }))

  expect(published).toBeDefined()
  const viewed = track.mock.calls.filter(([name]) => name === 'Experiment Viewed')
  expect(viewed).toHaveLength(1)
  expect(viewed[0][1]).toMatchObject({ optimizely_user_id: 'eager-visitor', flag_key: 'checkout_redesign' })
  await published?.close()
})

test('shareClient never replaces a value the page already has', async () => {
  serveDatafile()
  const existing = { mine: true }
  pageWindow.optimizelyClientInstance = existing
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  await loadDestination(settingsWith({ shareClient: true }))

  expect(pageWindow.optimizelyClientInstance).toBe(existing)
  expect(warn.mock.calls.map(([message]) => String(message)).join('\n')).toMatch(
    /not shared: window\.optimizelyClientInstance already holds a value/
  )
})

test('without shareClient the own client stays private', async () => {
  serveDatafile()
  await loadDestination(settingsWith())
  expect(pageWindow.optimizelyClientInstance).toBeUndefined()
})
