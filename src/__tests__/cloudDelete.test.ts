/**
 * @jest-environment node
 *
 * GDPR deletion in cloud mode: each identifier is sent to Optimizely's subject-access-requests API with the Personal Access Token, and its answers become the errors Segment retries or reports.
 */
import nock from 'nock'
import {
  IntegrationError,
  InvalidAuthenticationError,
  PayloadValidationError,
  RetryableError,
  createTestIntegration
} from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import destination from '../cloud'
import { ACCOUNT_ID, resetNetwork, settingsWith, unmatchedRequests } from './cloudFixtures'

const API_ORIGIN = 'https://api.optimizely.com'
const SAR_PATH = '/v2/subject-access-requests'
const TOKEN = 'pat-2:abcdef0123456789'

const testDestination = createTestIntegration(destination)

interface Captured {
  headers: Record<string, string | string[] | undefined>
  body: Record<string, unknown>
}

function captureDeletes(options: { times?: number; status?: number; reply?: string } = {}) {
  const requests: Captured[] = []
  const scope = nock(API_ORIGIN)
    .post(SAR_PATH)
    .times(options.times ?? 1)
    .reply(function (_uri, body) {
      requests.push({ headers: { ...this.req.headers }, body: body as Record<string, unknown> })
      return [options.status ?? 200, options.reply ?? '{"id": 1, "status": "pending"}', { 'Content-Type': 'application/json' }]
    })
  return { scope, requests }
}

function deleteUser(ids: Partial<SegmentEvent>, settings = settingsWith({ accessToken: TOKEN })) {
  // `onDelete` exists because the definition has one; actions-core types it as optional.
  return testDestination.onDelete!({ type: 'delete', ...ids }, settings as never)
}

const requestFor = (identifier: string) => ({
  data_type: 'visitor',
  identifier,
  identifier_type: 'fullstack_id',
  request_type: 'delete'
})

beforeEach(resetNetwork)
afterEach(() => expect(unmatchedRequests()).toEqual([]))

describe('onDelete (GDPR)', () => {
  it('posts one subject access request per distinct ID, with the exact body and headers', async () => {
    const { scope, requests } = captureDeletes({ times: 2 })

    await deleteUser({ userId: 'user-42', anonymousId: 'anon-7' })

    scope.done()
    expect(requests.map((request) => request.body)).toEqual([requestFor('user-42'), requestFor('anon-7')])
    for (const request of requests) {
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`)
      expect(request.headers['content-type']).toBe('application/json')
    }
  })

  it('never sends the account ID as the identifier', async () => {
    const { requests } = captureDeletes({ times: 2 })
    await deleteUser({ userId: 'user-42', anonymousId: 'anon-7' })
    expect(requests.map((request) => request.body.identifier)).not.toContain(ACCOUNT_ID)
  })

  it('sends one request when userId and anonymousId are the same', async () => {
    const { requests } = captureDeletes({ times: 2 })
    await deleteUser({ userId: 'same-id', anonymousId: 'same-id' })
    expect(requests.map((request) => request.body)).toEqual([requestFor('same-id')])
  })

  it('deletes the anonymous ID alone when there is no user ID', async () => {
    const { scope, requests } = captureDeletes()
    await deleteUser({ userId: null, anonymousId: 'anon-7' })
    scope.done()
    expect(requests.map((request) => request.body)).toEqual([requestFor('anon-7')])
  })

  it('refuses a request with neither userId nor anonymousId, sending nothing', async () => {
    const { requests } = captureDeletes()
    await expect(deleteUser({ userId: null, anonymousId: '' })).rejects.toBeInstanceOf(PayloadValidationError)
    expect(requests).toHaveLength(0)
  })

  it('needs the Personal Access Token: an authentication error naming it, and no request', async () => {
    const { requests } = captureDeletes()
    const attempt = deleteUser({ userId: 'user-42' }, settingsWith())
    await expect(attempt).rejects.toBeInstanceOf(InvalidAuthenticationError)
    await expect(attempt).rejects.toThrow('Personal Access Token')
    expect(requests).toHaveLength(0)
  })

  it.each([401, 403])('turns a %i into an authentication error', async (status) => {
    captureDeletes({ status, reply: '{"code":"UNAUTHORIZED","message":"Token is invalid"}' })
    const attempt = deleteUser({ userId: 'user-42' })
    await expect(attempt).rejects.toBeInstanceOf(InvalidAuthenticationError)
    await expect(attempt).rejects.toThrow(/Token is invalid.*Personal Access Token/)
  })

  it.each([429, 500, 502, 503])('turns a %i into a retryable error', async (status) => {
    captureDeletes({ status, reply: '{"message":"Slow down"}' })
    const attempt = deleteUser({ userId: 'user-42' })
    await expect(attempt).rejects.toBeInstanceOf(RetryableError)
    await expect(attempt).rejects.toMatchObject({ status })
  })

  it.each([400, 404, 422])("turns another %i into an error carrying Optimizely's message", async (status) => {
    captureDeletes({ status, reply: '{"code":"BAD_REQUEST","message":"identifier_type must be one of fullstack_id, dcp_id"}' })
    const attempt = deleteUser({ userId: 'user-42' })
    await expect(attempt).rejects.toBeInstanceOf(IntegrationError)
    await expect(attempt).rejects.toMatchObject({ status })
    await expect(attempt).rejects.toThrow('identifier_type must be one of fullstack_id, dcp_id')
  })

  it('stops at the first failed request and reports it', async () => {
    const scope = nock(API_ORIGIN)
      .post(SAR_PATH, (body: { identifier?: string }) => body.identifier === 'user-42')
      .reply(503, 'Service Unavailable')
    await expect(deleteUser({ userId: 'user-42', anonymousId: 'anon-7' })).rejects.toThrow('HTTP 503: Service Unavailable')
    scope.done()
  })
})
