/**
 * @jest-environment node
 *
 * The cloud Track Event: the Event API body it builds from a Segment event, and the errors it reports.
 */
import nock from 'nock'
import { IntegrationError, PayloadValidationError, RetryableError, createTestIntegration } from '@segment/actions-core'
import destination from '../cloud'
import {
  ACCOUNT_ID,
  EU_ORIGIN,
  captureEventApi,
  datafileWith,
  recordingLogger,
  resetNetwork,
  serveDatafile,
  settingsWith,
  unmatchedRequests
} from './cloudFixtures'

const testDestination = createTestIntegration(destination)

const TIMESTAMP = '2024-05-01T12:00:00.000Z'
const TIMESTAMP_MS = Date.UTC(2024, 4, 1, 12, 0, 0)

function orderCompleted(changes: Record<string, unknown> = {}) {
  return {
    type: 'track' as const,
    event: 'Order Completed',
    userId: 'user-42',
    anonymousId: 'anon-7',
    messageId: 'msg-0001',
    timestamp: TIMESTAMP,
    context: { traits: { plan: 'pro', country: 'NL', logged_in: true, age: 41 } },
    properties: { revenue: 1500, value: 12.5, currency: 'EUR' },
    ...changes
  }
}

function track(event: Record<string, unknown>, options: { settings?: ReturnType<typeof settingsWith>; logger?: unknown } = {}) {
  return testDestination.testAction('trackEvent', {
    event,
    settings: options.settings ?? settingsWith(),
    useDefaultMappings: true,
    logger: options.logger as never
  })
}

beforeEach(resetNetwork)
afterEach(() => expect(unmatchedRequests()).toEqual([]))

describe('Track Event (cloud): Event API request', () => {
  it('posts the exact Event API body and headers for one conversion', async () => {
    serveDatafile()
    const { scope, requests } = captureEventApi()

    const responses = await track(orderCompleted(), { settings: settingsWith({ accessToken: 'secret-token' }) })

    scope.done()
    expect(responses.map((response) => response.status)).toEqual([200, 204])
    expect(requests).toHaveLength(1)
    expect(requests[0].body).toEqual({
      account_id: ACCOUNT_ID,
      project_id: '22003456780',
      revision: '42',
      client_name: 'optimizely-feature-experimentation-segment/cloud',
      client_version: '0.1.0',
      anonymize_ip: true,
      enrich_decisions: true,
      visitors: [
        {
          visitor_id: 'user-42',
          attributes: [
            { entity_id: '7001', key: 'plan', type: 'custom', value: 'pro' },
            { entity_id: '7002', key: 'country', type: 'custom', value: 'NL' },
            { entity_id: '7003', key: 'logged_in', type: 'custom', value: true },
            { entity_id: '7004', key: 'age', type: 'custom', value: 41 },
            { entity_id: '$opt_bot_filtering', key: '$opt_bot_filtering', type: 'custom', value: true }
          ],
          snapshots: [
            {
              decisions: [],
              events: [
                {
                  entity_id: '8001',
                  key: 'Order Completed',
                  timestamp: TIMESTAMP_MS,
                  uuid: 'msg-0001',
                  revenue: 1500,
                  value: 12.5,
                  tags: { currency: 'EUR', revenue: 1500, value: 12.5 }
                }
              ]
            }
          ]
        }
      ]
    })
    expect(requests[0].headers['content-type']).toBe('application/json')
    expect(requests[0].headers['user-agent']).toBe('Segment (Actions)')
    // The Personal Access Token is for the REST API only; it never travels with conversions.
    expect(requests[0].headers.authorization).toBeUndefined()
  })

  it('falls back to the anonymous ID as visitor ID when there is no user ID', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    await track(orderCompleted({ userId: null }))
    expect(requests[0].body.visitors[0].visitor_id).toBe('anon-7')
  })

  it('sends only attributes the datafile defines, with string, boolean or number values', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    await track(
      orderCompleted({
        context: {
          traits: {
            plan: 'free',
            email: 'ann@example.com',
            country: { code: 'NL' },
            age: [41],
            logged_in: false,
            $opt_bot_filtering: false
          }
        }
      })
    )
    expect(requests[0].body.visitors[0].attributes).toEqual([
      { entity_id: '7001', key: 'plan', type: 'custom', value: 'free' },
      { entity_id: '7003', key: 'logged_in', type: 'custom', value: false },
      // The project's setting wins over a `$opt_bot_filtering` trait.
      { entity_id: '$opt_bot_filtering', key: '$opt_bot_filtering', type: 'custom', value: true }
    ])
  })

  it('sends Optimizely reserved attributes ($opt_…) with their key as entity ID', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    await track(orderCompleted({ context: { traits: { $opt_user_agent: 'Mozilla/5.0' } } }))
    expect(requests[0].body.visitors[0].attributes[0]).toEqual({
      entity_id: '$opt_user_agent',
      key: '$opt_user_agent',
      type: 'custom',
      value: 'Mozilla/5.0'
    })
  })

  it('adds $opt_bot_filtering with the datafile value when botFiltering is false', async () => {
    serveDatafile(datafileWith({ botFiltering: false }))
    const { requests } = captureEventApi()
    await track(orderCompleted({ context: {} }))
    expect(requests[0].body.visitors[0].attributes).toEqual([
      { entity_id: '$opt_bot_filtering', key: '$opt_bot_filtering', type: 'custom', value: false }
    ])
  })

  it('sends no $opt_bot_filtering attribute when the datafile has no botFiltering', async () => {
    serveDatafile(datafileWith({ botFiltering: undefined }))
    const { requests } = captureEventApi()
    await track(orderCompleted())
    const keys = requests[0].body.visitors[0].attributes.map((attribute: { key: string }) => attribute.key)
    expect(keys).toEqual(['plan', 'country', 'logged_in', 'age'])
  })

  it('takes anonymize_ip from the datafile', async () => {
    serveDatafile(datafileWith({ anonymizeIP: false }))
    const { requests } = captureEventApi()
    await track(orderCompleted())
    expect(requests[0].body.anonymize_ip).toBe(false)
  })

  it('posts to the EU endpoint when the datafile region is EU', async () => {
    serveDatafile(datafileWith({ region: 'EU' }))
    const { scope, requests } = captureEventApi({ origin: EU_ORIGIN })
    await track(orderCompleted())
    scope.done()
    expect(requests[0].body.visitors[0].snapshots[0].events[0].key).toBe('Order Completed')
  })
})

describe('Track Event (cloud): value rules', () => {
  it('sends integer-string revenue "1500" as 1500 cents', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    await track(orderCompleted({ properties: { revenue: '1500' } }))
    const event = requests[0].body.visitors[0].snapshots[0].events[0]
    expect(event.revenue).toBe(1500)
    expect(event.tags).toEqual({ revenue: 1500 })
  })

  it('drops fractional revenue 19.99 but still sends the conversion, with a warning naming the value', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    const { logger, warnings } = recordingLogger()
    await track(orderCompleted({ properties: { revenue: 19.99, currency: 'USD' } }), { logger })
    expect(requests).toHaveLength(1)
    const event = requests[0].body.visitors[0].snapshots[0].events[0]
    expect(event).not.toHaveProperty('revenue')
    expect(event.tags).toEqual({ currency: 'USD' })
    expect(warnings).toEqual([expect.stringContaining('revenue "19.99" not sent')])
  })

  it('drops non-numeric revenue and value but still sends the conversion', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    await track(orderCompleted({ properties: { revenue: 'lots', value: true } }))
    const event = requests[0].body.visitors[0].snapshots[0].events[0]
    expect(event).not.toHaveProperty('revenue')
    expect(event).not.toHaveProperty('value')
    expect(event.key).toBe('Order Completed')
  })

  it('sends a numeric-string value as a float', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    await track(orderCompleted({ properties: { value: '3.25' } }))
    const event = requests[0].body.visitors[0].snapshots[0].events[0]
    expect(event.value).toBe(3.25)
    expect(event.tags).toEqual({ value: 3.25 })
  })

  it('drops object, array and null tags and keeps the others', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    await track(
      orderCompleted({
        properties: { sku: 'A-1', quantity: 2, gift: false, items: [{ sku: 'A-1' }], shipping: { method: 'post' }, coupon: null }
      })
    )
    expect(requests[0].body.visitors[0].snapshots[0].events[0].tags).toEqual({ sku: 'A-1', quantity: 2, gift: false })
  })

  it('stringifies a numeric user ID', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    await track(orderCompleted({ userId: 1234 }))
    expect(requests[0].body.visitors[0].visitor_id).toBe('1234')
  })

  it('generates a unique ID when the event has no messageId', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    await track(orderCompleted({ messageId: undefined }))
    expect(requests[0].body.visitors[0].snapshots[0].events[0].uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    )
  })
})

describe('Track Event (cloud): errors', () => {
  it('refuses an unknown event key with a payload error naming it, and posts nothing', async () => {
    serveDatafile()
    const { scope, requests } = captureEventApi()
    const attempt = track(orderCompleted({ event: 'order completed' }))
    await expect(attempt).rejects.toThrow(PayloadValidationError)
    await expect(attempt).rejects.toThrow('"order completed"')
    expect(requests).toHaveLength(0)
    expect(scope.isDone()).toBe(false)
  })

  it('refuses an event without any user ID', async () => {
    serveDatafile()
    const { requests } = captureEventApi()
    await expect(track(orderCompleted({ userId: null, anonymousId: null }))).rejects.toThrow(/User ID|userId/)
    expect(requests).toHaveLength(0)
  })

  it('says the project may be deactivated when the datafile is text', async () => {
    serveDatafile('Project has been deactivated')
    const { requests } = captureEventApi()
    const attempt = track(orderCompleted())
    await expect(attempt).rejects.toThrow(IntegrationError)
    await expect(attempt).rejects.toThrow(/not JSON.*may be deactivated/)
    expect(requests).toHaveLength(0)
  })

  it('refuses a datafile of another account', async () => {
    serveDatafile(datafileWith({ accountId: '99999' }))
    const { requests } = captureEventApi()
    await expect(track(orderCompleted())).rejects.toThrow(
      `belongs to Optimizely account 99999, not to the configured account ${ACCOUNT_ID}`
    )
    expect(requests).toHaveLength(0)
  })

  it('fails with a non-retryable error when the datafile URL answers 404', async () => {
    nock('https://cdn.optimizely.com').get('/datafiles/AcmeShopDemoKey0001.json').reply(404, 'Not Found')
    const attempt = track(orderCompleted())
    await expect(attempt).rejects.toThrow(
      'Fetching the datafile at https://cdn.optimizely.com/datafiles/AcmeShopDemoKey0001.json failed with HTTP 404: Not Found'
    )
    await expect(attempt).rejects.not.toBeInstanceOf(RetryableError)
  })

  it.each([429, 500, 503])('turns an Event API %i into a retryable error', async (status) => {
    serveDatafile()
    captureEventApi({ status, reply: '{"message":"try later"}' })
    const attempt = track(orderCompleted())
    await expect(attempt).rejects.toBeInstanceOf(RetryableError)
    await expect(attempt).rejects.toMatchObject({ status })
    await expect(attempt).rejects.toThrow('try later')
  })

  it("turns an Event API 400 into an error carrying Optimizely's message", async () => {
    serveDatafile()
    captureEventApi({ status: 400, reply: '{"message":"visitors[0].snapshots is invalid"}' })
    const attempt = track(orderCompleted())
    await expect(attempt).rejects.toBeInstanceOf(IntegrationError)
    await expect(attempt).rejects.toMatchObject({ status: 400 })
    await expect(attempt).rejects.toThrow('visitors[0].snapshots is invalid')
  })
})
