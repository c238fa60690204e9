/**
 * @jest-environment node
 *
 * The revenue settings in cloud mode: the same shared rules as in the browser, seen in the body
 * posted to the Event API.
 */
import { createTestIntegration } from '@segment/actions-core'
import destination from '../cloud'
import { captureEventApi, resetNetwork, serveDatafile, settingsWith, unmatchedRequests } from './cloudFixtures'

const testDestination = createTestIntegration(destination)

beforeEach(resetNetwork)
afterEach(() => expect(unmatchedRequests()).toEqual([]))

function track(event: string, revenue: number, settings: ReturnType<typeof settingsWith>) {
  return testDestination.testAction('trackEvent', {
    event: { type: 'track', event, userId: 'user-42', timestamp: '2024-05-01T12:00:00.000Z', properties: { revenue, sku: 'A' } },
    settings,
    useDefaultMappings: true
  })
}

test('currency units on Order Completed only: 534.3099999999999 is posted as 53431 cents, Product Added without revenue', async () => {
  serveDatafile()
  const { requests } = captureEventApi({ times: 2 })
  const settings = settingsWith({ revenueUnit: 'currency', revenueEvents: ['Order Completed'] })

  await track('Order Completed', 534.3099999999999, settings)
  await track('Product Added', 1.99, settings)

  const events = requests.map((request) => request.body.visitors[0].snapshots[0].events[0])
  expect(events.map((event) => [event.key, event.revenue, event.tags])).toEqual([
    ['Order Completed', 53431, { sku: 'A', revenue: 53431 }],
    ['Product Added', undefined, { sku: 'A' }]
  ])
})

test('cents (the default): 9.99 is not sent as revenue, the conversion is', async () => {
  serveDatafile()
  const { requests } = captureEventApi()

  await track('Order Completed', 9.99, settingsWith())

  const [event] = requests[0].body.visitors[0].snapshots[0].events
  expect([event.key, event.revenue]).toEqual(['Order Completed', undefined])
})

test('batched: the same revenue settings apply to every event of the batch', async () => {
  serveDatafile()
  const { requests } = captureEventApi()
  const events = [
    { event: 'Order Completed', revenue: 9.99 },
    { event: 'purchase', revenue: 9.99 }
  ].map(({ event, revenue }, index) => ({
    type: 'track' as const,
    event,
    userId: `user-${index}`,
    messageId: `msg-${index}`,
    timestamp: '2024-05-01T12:00:00.000Z',
    properties: { revenue }
  }))

  await testDestination.testBatchAction('trackEvent', {
    events,
    settings: settingsWith({ revenueUnit: 'currency', revenueEvents: ['Order Completed'] }),
    useDefaultMappings: true
  })

  expect(requests).toHaveLength(1)
  const sent = requests[0].body.visitors.map((visitor) => visitor.snapshots[0].events[0])
  expect(sent.map((event) => [event.key, event.revenue])).toEqual([
    ['Order Completed', 999],
    ['purchase', undefined]
  ])
})
