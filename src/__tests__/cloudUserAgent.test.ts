/**
 * @jest-environment node
 *
 * Cloud Track Event and bot filtering: the visitor's user agent reaches the Event API as the
 * reserved `$opt_user_agent` attribute (its key is its entity ID), in single and batched sends.
 */
import { createTestIntegration, type SegmentEvent } from '@segment/actions-core'
import destination from '../cloud'
import { captureEventApi, resetNetwork, serveDatafile, settingsWith, unmatchedRequests } from './cloudFixtures'

const testDestination = createTestIntegration(destination)

const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

function purchase(index: number, context: Record<string, unknown>): SegmentEvent {
  return {
    type: 'track',
    event: 'purchase',
    userId: `user-${index}`,
    messageId: `msg-${index}`,
    timestamp: '2024-05-01T12:00:00.000Z',
    context: { traits: { plan: 'pro' }, ...context },
    properties: { revenue: 100 }
  }
}

const userAgentAttribute = (userAgent: string) => ({
  entity_id: '$opt_user_agent',
  key: '$opt_user_agent',
  type: 'custom',
  value: userAgent
})
const botFiltering = { entity_id: '$opt_bot_filtering', key: '$opt_bot_filtering', type: 'custom', value: true }
const plan = { entity_id: '7001', key: 'plan', type: 'custom', value: 'pro' }

beforeEach(resetNetwork)
afterEach(() => expect(unmatchedRequests()).toEqual([]))

test("a single send carries the crawler's user agent as $opt_user_agent", async () => {
  serveDatafile()
  const { requests } = captureEventApi()
  await testDestination.testAction('trackEvent', {
    event: purchase(1, { userAgent: CRAWLER }),
    settings: settingsWith(),
    useDefaultMappings: true
  })
  expect(requests[0].body.visitors[0].attributes).toEqual([plan, userAgentAttribute(CRAWLER), botFiltering])
})

test('a batch sends each visitor with its own user agent; a visitor without one gets none', async () => {
  serveDatafile()
  const { requests } = captureEventApi()
  await testDestination.testBatchAction('trackEvent', {
    events: [purchase(1, { userAgent: CRAWLER }), purchase(2, { userAgent: 'Mozilla/5.0 (iPhone)' }), purchase(3, {})],
    settings: settingsWith(),
    useDefaultMappings: true
  })
  const attributes = requests[0].body.visitors.map((visitor) => visitor.attributes)
  expect(attributes).toEqual([
    [plan, userAgentAttribute(CRAWLER), botFiltering],
    [plan, userAgentAttribute('Mozilla/5.0 (iPhone)'), botFiltering],
    [plan, botFiltering]
  ])
})

test('without a user agent the body has no user agent attribute: nothing extra, no warning', async () => {
  serveDatafile()
  const { requests } = captureEventApi()
  const warnings: string[] = []
  const responses = await testDestination.testAction('trackEvent', {
    event: purchase(1, {}),
    settings: settingsWith(),
    useDefaultMappings: true,
    logger: { warn: (message: string) => warnings.push(message) } as never
  })
  expect(responses.map((response) => response.status)).toEqual([200, 204])
  expect(requests[0].body.visitors[0].attributes).toEqual([plan, botFiltering])
  expect(warnings).toEqual([])
})

test('an empty user agent sends nothing extra; the field wins over a $opt_user_agent trait', async () => {
  serveDatafile()
  const { requests } = captureEventApi()
  await testDestination.testBatchAction('trackEvent', {
    events: [
      purchase(1, { userAgent: '   ' }),
      { ...purchase(2, { userAgent: CRAWLER }), context: { userAgent: CRAWLER, traits: { plan: 'pro', $opt_user_agent: 'spoofed' } } }
    ],
    settings: settingsWith(),
    useDefaultMappings: true
  })
  expect(requests[0].body.visitors.map((visitor) => visitor.attributes)).toEqual([
    [plan, botFiltering],
    [plan, userAgentAttribute(CRAWLER), botFiltering]
  ])
})

test('a null user agent (what some server libraries send) sends nothing extra and the conversion still goes out', async () => {
  serveDatafile()
  const { requests } = captureEventApi()
  await testDestination.testAction('trackEvent', {
    event: purchase(1, { userAgent: null }),
    settings: settingsWith(),
    useDefaultMappings: true
  })
  expect(requests[0].body.visitors[0].attributes).toEqual([plan, botFiltering])
})
