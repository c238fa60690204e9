/**
 * The Conversion Audience setting: the bucketed-visitor memory, the rule, and the whole loop with
 * the page's real client deciding and the real SDK building (or not building) the conversion.
 */
import { Context } from '@segment/analytics-next'
import { captureEventApi, serveDatafile, waitFor } from './helpers/optimizelyNetwork'
import { publishPageClient } from './helpers/pageOptimizely'
import { loadDestination, settingsWith } from './helpers/loadDestination'
import { BUCKETED_TTL_MS, createBucketedVisitors } from '../decisions/bucketedVisitors'
import { audienceRefusal } from '../decisions/conversionAudience'
import { runningExperimentsByEvent } from '../decisions/eventExperiments'
import { hashVisitorId } from '../decisions/visitorIdHash'
import { STORAGE_PREFIX } from '../client/namespacedStorage'
import type { Settings } from '../generated-types'
import fixture from '../../fixtures/datafile.json'
import { settle, useFakeClock } from './helpers/testClock'
import { freshPageForEachTest } from './helpers/freshPage'

// The SDK's flush interval runs on the fake clock waitFor and settle move on.
useFakeClock()

freshPageForEachTest()

describe('which running experiments use an event', () => {
  test("from the datafile's events[].experimentIds, running experiments only, groups included", () => {
    const datafile = JSON.parse(JSON.stringify(fixture)) as Omit<typeof fixture, 'groups'> & { groups: unknown[] }
    datafile.experiments[1].status = 'Paused'
    datafile.groups = [{ id: '6001', policy: 'random', experiments: [{ id: '2101', key: 'grouped', status: 'Running' }] }]
    datafile.events.push({ id: '8009', key: 'grouped event', experimentIds: ['2101', '9999'] })
    const byEvent = runningExperimentsByEvent(datafile)
    expect(byEvent.get('purchase')).toEqual(new Set(['2001']))
    expect(byEvent.get('Product Added')).toEqual(new Set())
    expect(byEvent.get('signup')).toEqual(new Set())
    expect(byEvent.get('grouped event')).toEqual(new Set(['2101']))
    expect(runningExperimentsByEvent('not a datafile').size).toBe(0)
  })
})

describe('bucketed-visitor memory', () => {
  test('survives a new page, per experiment, hashed, and forgets after the expiry', () => {
    let clock = 1_000_000
    createBucketedVisitors(hashVisitorId, () => clock).remember('shopper@example.com', '2001')
    const nextPage = createBucketedVisitors(hashVisitorId, () => clock)
    expect(nextPage.bucketedInto('shopper@example.com', new Set(['2002', '2001']))).toBe(true)
    expect(nextPage.bucketedInto('shopper@example.com', new Set(['2002']))).toBe(false)
    expect(nextPage.bucketedInto('someone-else', new Set(['2001']))).toBe(false)
    expect(localStorage.getItem(`${STORAGE_PREFIX}bucketed:list`)).not.toContain('shopper')
    clock += BUCKETED_TTL_MS + 1
    expect(nextPage.bucketedInto('shopper@example.com', new Set(['2001']))).toBe(false)
  })

  test('a decision made in another tab counts here, and neither tab overwrites the other', () => {
    const here = createBucketedVisitors(hashVisitorId)
    here.remember('visitor-here', '2001')
    createBucketedVisitors(hashVisitorId).remember('visitor-there', '2001')
    const key = `${STORAGE_PREFIX}bucketed:list`
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: localStorage.getItem(key) }))
    expect(here.bucketedInto('visitor-there', new Set(['2001']))).toBe(true)
    here.remember('visitor-third', '2002')
    const later = createBucketedVisitors(hashVisitorId)
    expect(['visitor-here', 'visitor-there'].every((id) => later.bucketedInto(id, new Set(['2001'])))).toBe(true)
  })

  test('storage that throws: the memory lives in the page', () => {
    jest.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new Error('blocked')
    })
    const memory = createBucketedVisitors(hashVisitorId)
    memory.remember('visitor-1', '2001')
    expect(memory.bucketedInto('visitor-1', new Set(['2001']))).toBe(true)
  })
})

describe('the rule', () => {
  const anonymous = { anonymousId: 'anon-1' }
  const identified = { userId: 'user-1', anonymousId: 'anon-1' }
  const check = (visitorId: string, identity: object, bucketed?: () => boolean) => ({ eventKey: 'purchase', visitorId, identity, bucketed })

  test.each([
    ['everyone sends the anonymous visitor', 'everyone', check('anon-1', anonymous), true],
    ['identified refuses the anonymous visitor', 'identified', check('anon-1', anonymous), false],
    ['identified sends a user ID', 'identified', check('user-1', identified), true],
    [
      'identified sends an identified visitor converted under the anonymous ID (visitor-ID guard)',
      'identified',
      check('anon-1', identified),
      true
    ],
    ['identified sends a custom ID (the classic per-event override)', 'identified', check('crm-9', anonymous), true],
    ['bucketed sends a bucketed anonymous visitor', 'bucketed', check('anon-1', anonymous, () => true), true],
    ['bucketed refuses an unbucketed identified user', 'bucketed', check('user-1', identified, () => false), false],
    ['bucketed without decisions acts as identified', 'bucketed', check('anon-1', anonymous), false]
  ] as const)('%s', (_name, audience, input, sent) => {
    expect(audienceRefusal(audience, input) === undefined).toBe(sent)
  })
})

describe("the page's client decides, the destination converts", () => {
  async function page(settings: Partial<Settings>) {
    const events = captureEventApi()
    const site = await publishPageClient()
    const { plugin, analytics } = await loadDestination(settingsWith({ logLevel: 'info', ...settings }))
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined)
    const track = (event: string, ids: { userId?: string; anonymousId: string }) =>
      settle(
        plugin.track!(new Context({ type: 'track', event, properties: {}, messageId: `m-${event}-${ids.anonymousId}`, ...ids } as never))
      )
    const conversions = () =>
      events
        .visitors()
        .filter((visitor) => visitor.snapshots[0].events[0].key !== 'campaign_activated')
        .map((visitor) => [visitor.visitor_id, visitor.snapshots[0].events[0].key])
    return { site, analytics, track, info, conversions, events }
  }

  test('everyone (the default): the unbucketed anonymous conversion is sent', async () => {
    const { track, conversions } = await page({})
    await track('purchase', { anonymousId: 'anon-unbucketed' })
    await waitFor(() => conversions().length === 1)
    expect(conversions()).toEqual([['anon-unbucketed', 'purchase']])
  })

  test('identified: the anonymous conversion is not sent, the identified one is', async () => {
    const { track, conversions, info } = await page({ conversionAudience: 'identified' })
    await track('purchase', { anonymousId: 'anon-2' })
    await track('purchase', { userId: 'user-2', anonymousId: 'anon-2' })
    await waitFor(() => conversions().length >= 1)
    await track('signup', { userId: 'user-2', anonymousId: 'anon-2' })
    await waitFor(() => conversions().length >= 2)
    expect(conversions()).toEqual([
      ['user-2', 'purchase'],
      ['user-2', 'signup']
    ])
    expect(info.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringMatching(/conversion "purchase" not sent for the anonymous visitor "anon-2" \(Conversion Audience "identified"\)/)
    ])
  })

  test('bucketed: only the visitor bucketed into an experiment that uses the event converts, anonymous or not', async () => {
    const { site, track, conversions, info, events } = await page({ conversionAudience: 'bucketed' })
    // checkout_redesign's experiment 2001 uses Order Completed and purchase; pro_banner's 2002 (Pro plan) uses Product Added.
    site.createUserContext('anon-bucketed').decide('checkout_redesign')
    site.createUserContext('anon-pro', { plan: 'pro' }).decide('pro_banner')
    await waitFor(() => events.visitors().filter((visitor) => visitor.snapshots[0].events[0].key === 'campaign_activated').length === 2)

    await track('Order Completed', { anonymousId: 'anon-unbucketed' })
    await track('Order Completed', { anonymousId: 'anon-pro' })
    await track('Order Completed', { anonymousId: 'anon-bucketed' })
    await track('Product Added', { anonymousId: 'anon-pro' })
    await track('signup', { anonymousId: 'anon-bucketed' })
    await waitFor(() => conversions().length >= 2)
    await track('purchase', { anonymousId: 'anon-bucketed' })
    await waitFor(() => conversions().length >= 3)

    expect(conversions()).toEqual([
      ['anon-bucketed', 'Order Completed'],
      ['anon-pro', 'Product Added'],
      ['anon-bucketed', 'purchase']
    ])
    const refused = info.mock.calls
      .map(([message]) => String(message))
      .filter((message) => message.includes('Conversion Audience "bucketed"'))
    expect(refused).toEqual([
      expect.stringContaining('"Order Completed" not sent for "anon-unbucketed"'),
      expect.stringContaining('"Order Completed" not sent for "anon-pro"'),
      expect.stringContaining('"signup" not sent for "anon-bucketed"')
    ])
  })

  test('bucketed with its own, unshared client: one error at load naming the fix, then identified users only', async () => {
    serveDatafile()
    const events = captureEventApi()
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const { plugin } = await loadDestination(settingsWith({ conversionAudience: 'bucketed' }))
    expect(error.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringMatching(
        /Conversion Audience "bucketed" cannot see your Optimizely decisions: the destination loaded its own client.*identified users only.*window\.optimizelyClientInstance.*Share the Destination's Client/
      )
    ])
    const track = (ids: Record<string, string>) =>
      settle(plugin.track!(new Context({ type: 'track', event: 'purchase', properties: {}, ...ids } as never)))
    await track({ anonymousId: 'anon-own' })
    await track({ userId: 'user-own', anonymousId: 'anon-own' })
    await waitFor(() => events.visitors().length === 1)
    expect(events.visitors().map((visitor) => visitor.visitor_id)).toEqual(['user-own'])
  })
})
