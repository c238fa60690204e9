/**
 * The visitor-ID guard: the decided-ID memory (bounds, expiry, storage failures), the rule, and
 * the whole loop with the page's real client deciding and the real SDK building the conversion.
 */
import { captureEventApi, datafileWith, waitFor, type Datafile } from './helpers/optimizelyNetwork'
import { GLOBAL_HOLDOUT, withHoldouts } from './helpers/datafileVariants'
import { publishPageClient } from './helpers/pageOptimizely'
import { loadDestination, settingsWith } from './helpers/loadDestination'
import { createDecidedIds, DECIDED_ID_TTL_MS, MAX_DECIDED_IDS } from '../decisions/decidedIds'
import { guardVisitorId } from '../decisions/visitorIdGuard'
import { STORAGE_PREFIX } from '../client/namespacedStorage'
import type { Settings } from '../generated-types'
import { useFakeClock } from './helpers/testClock'
import { freshPageForEachTest } from './helpers/freshPage'

useFakeClock()

freshPageForEachTest()

describe('decided-ID memory', () => {
  test('keeps the most recent IDs, newest last, and survives a new page', () => {
    let clock = 1_000_000
    const ids = createDecidedIds(() => clock)
    for (let index = 0; index <= MAX_DECIDED_IDS; index++) {
      ids.remember(`visitor-${index}`)
      clock += 1000
    }
    const nextPage = createDecidedIds(() => clock)
    expect(nextPage.has('visitor-0')).toBe(false)
    expect(nextPage.has('visitor-1')).toBe(true)
    expect(nextPage.has(`visitor-${MAX_DECIDED_IDS}`)).toBe(true)
  })

  test('a decided ID is forgotten after the expiry; a new decision renews it', () => {
    let clock = 5_000_000
    const ids = createDecidedIds(() => clock)
    ids.remember('old')
    ids.remember('renewed')
    clock += DECIDED_ID_TTL_MS - 1000
    ids.remember('renewed')
    clock += 2000
    expect(ids.has('old')).toBe(false)
    expect(ids.has('renewed')).toBe(true)
  })

  test('a decision made in another tab counts here (the browser tells with a storage event)', () => {
    const here = createDecidedIds()
    // The other tab writes the shared entry; the browser then fires `storage` in this tab.
    createDecidedIds().remember('from-another-tab')
    const key = `${STORAGE_PREFIX}decided-ids:list`
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: localStorage.getItem(key) }))
    expect(here.has('from-another-tab')).toBe(true)
  })

  test('storage that throws: the memory lives in the page', () => {
    jest.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new Error('blocked')
    })
    const ids = createDecidedIds()
    ids.remember('visitor-1')
    expect(ids.has('visitor-1')).toBe(true)
    expect(ids.has('visitor-2')).toBe(false)
  })

  test('a corrupt or foreign entry is ignored', () => {
    const key = `${STORAGE_PREFIX}decided-ids:list`
    localStorage.setItem(key, '{not json')
    expect(createDecidedIds().has('x')).toBe(false)
    createDecidedIds().remember('ok')
    const stored = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown[]
    localStorage.setItem(key, JSON.stringify([...stored, { id: 7 }, 'x', null]))
    const ids = createDecidedIds()
    expect(ids.has('ok')).toBe(true)
    ids.remember('new')
    expect(ids.has('ok') && ids.has('new')).toBe(true)
  })

  test('IDs are stored as hashes, never as they are (user IDs are often e-mail addresses)', () => {
    createDecidedIds().remember('shopper@example.com')
    const stored = localStorage.getItem(`${STORAGE_PREFIX}decided-ids:list`) ?? ''
    expect(stored).not.toContain('shopper')
    expect(createDecidedIds().has('shopper@example.com')).toBe(true)
    expect(createDecidedIds().has('shopper@example.org')).toBe(false)
  })
})

describe('the rule', () => {
  const identity = { userId: 'user-1', anonymousId: 'anon-1' }
  const decided =
    (...ids: string[]) =>
    (id: string) =>
      ids.includes(id)

  test.each([
    ['the mapped ID was decided', 'warn', 'user-1', decided('user-1', 'anon-1'), 'user-1', undefined],
    ['neither was decided', 'warn', 'user-1', decided(), 'user-1', undefined],
    ['only the other ID was decided, warn', 'warn', 'user-1', decided('anon-1'), 'user-1', 'warn'],
    ['only the other ID was decided, use-decided-id', 'use-decided-id', 'user-1', decided('anon-1'), 'anon-1', 'info'],
    ['mapped to the anonymous ID, the user ID decided', 'use-decided-id', 'anon-1', decided('user-1'), 'user-1', 'info'],
    ['off', 'off', 'user-1', decided('anon-1'), 'user-1', undefined],
    ['a custom mapping matching neither Segment ID', 'use-decided-id', 'crm-9', decided('anon-1'), 'crm-9', undefined]
  ] as const)('%s', (_name, mode, mapped, wasDecided, sent, level) => {
    const outcome = guardVisitorId(mode, mapped, identity, wasDecided)
    expect(outcome.userId).toBe(sent)
    expect(outcome.notice?.level).toBe(level)
  })

  test('the warning names both IDs and the fixes', () => {
    const { notice } = guardVisitorId('warn', 'user-1', { userId: 'user-1', anonymousId: 'anon-1' }, (id) => id === 'anon-1')
    expect(notice?.message).toMatch(/"user-1".*"anon-1".*Map User ID.*decide with the user ID/s)
  })
})

describe('decide as anonymous, identify, convert', () => {
  async function page(settings: Partial<Settings>, datafile?: Datafile) {
    const events = captureEventApi()
    const site = await publishPageClient(datafile)
    const { track } = await loadDestination(settingsWith(settings))
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined)
    const conversionVisitors = async (count: number) => {
      await waitFor(() => events.visitors().filter((visitor) => visitor.snapshots[0].events[0].key === 'purchase').length === count)
      return events
        .visitors()
        .filter((visitor) => visitor.snapshots[0].events[0].key === 'purchase')
        .map((visitor) => visitor.visitor_id)
    }
    return { site, track, warn, info, conversionVisitors }
  }

  const afterLogin = { event: 'purchase', userId: 'user-1', anonymousId: 'anon-1' }

  test('use-decided-id sends the conversion for the anonymous ID that was bucketed', async () => {
    const { site, track, info, conversionVisitors } = await page({ visitorIdGuard: 'use-decided-id', logLevel: 'info' })
    site.createUserContext('anon-1').decide('checkout_redesign')
    await track(afterLogin)
    expect(await conversionVisitors(1)).toEqual(['anon-1'])
    expect(info.mock.calls.map(([message]) => String(message)).join('\n')).toMatch(/sent for "anon-1".*instead of "user-1"/)
  })

  test('a visitor bucketed by a holdout counts as decided: use-decided-id sends the conversion for that ID', async () => {
    const { site, track, conversionVisitors } = await page(
      { visitorIdGuard: 'use-decided-id' },
      withHoldouts(datafileWith(), { global: 100 })
    )
    expect(site.createUserContext('anon-1').decide('checkout_redesign').ruleKey).toBe(GLOBAL_HOLDOUT.key)
    await track(afterLogin)
    expect(await conversionVisitors(1)).toEqual(['anon-1'])
  })

  test('warn (the default) sends the user ID and warns once naming both IDs', async () => {
    const { site, track, warn, conversionVisitors } = await page({})
    site.createUserContext('anon-1').decide('checkout_redesign')
    await track(afterLogin)
    await track(afterLogin)
    expect(await conversionVisitors(2)).toEqual(['user-1', 'user-1'])
    const warnings = warn.mock.calls.map(([message]) => String(message))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/"user-1".*"anon-1"/)
  })

  test('with no decision seen nothing changes and nothing is printed', async () => {
    const { track, warn, conversionVisitors } = await page({ visitorIdGuard: 'use-decided-id' })
    await track(afterLogin)
    expect(await conversionVisitors(1)).toEqual(['user-1'])
    expect(warn).not.toHaveBeenCalled()
  })

  test('off: the user ID is sent and nothing is remembered', async () => {
    const { site, track, warn, conversionVisitors } = await page({ visitorIdGuard: 'off' })
    site.createUserContext('anon-1').decide('checkout_redesign')
    await track(afterLogin)
    expect(await conversionVisitors(1)).toEqual(['user-1'])
    expect(warn).not.toHaveBeenCalled()
    expect(Object.keys(localStorage).filter((key) => key.includes('decided-ids'))).toEqual([])
  })
})
