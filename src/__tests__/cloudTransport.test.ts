/**
 * @jest-environment node
 *
 * The cloud module's transport rules: the cloud's Datafile URL policy, checked in every path
 * before any request; no secret in any message built from a response or a thrown error; and
 * a retried GDPR deletion that does not request an already accepted identifier again.
 */
import nock from 'nock'
import { createTestIntegration, type RequestClient, type SegmentEvent } from '@segment/actions-core'
import destination from '../cloud'
import { deleteVisitors } from '../cloud/gdpr'
import { captureEventApi, resetNetwork, serveDatafile, settingsWith, unmatchedRequests } from './cloudFixtures'

const testDestination = createTestIntegration(destination)

const TOKEN = 'pat-2:s3cr3tT0kenValue9876543210'
const PLAIN_DATAFILE_URL = 'http://datafiles.example.com/AcmeShopDemoKey0001.json'
const API_ORIGIN = 'https://api.optimizely.com'
const SAR_PATH = '/v2/subject-access-requests'

const purchase: SegmentEvent = {
  type: 'track',
  event: 'purchase',
  userId: 'user-1',
  messageId: 'msg-1',
  timestamp: '2024-05-01T12:00:00.000Z',
  properties: { revenue: 100 }
}

beforeEach(resetNetwork)
afterEach(() => {
  expect(unmatchedRequests()).toEqual([])
  nock.cleanAll()
})

describe('the Datafile URL policy, before any request', () => {
  const plain = settingsWith({ dataFileUrl: PLAIN_DATAFILE_URL, accessToken: TOKEN })
  const refusal = /Optimizely datafile not fetched: the Datafile URL "http:\/\/datafiles\.example\.com\/.*" must start with https:\/\//

  /** An interceptor for the plain-HTTP datafile: it must never be used. */
  function plainDatafileServer() {
    return nock('http://datafiles.example.com').get('/AcmeShopDemoKey0001.json').reply(200, '{}')
  }

  test('testAuthentication', async () => {
    const server = plainDatafileServer()
    await expect(testDestination.testAuthentication(plain)).rejects.toThrow(refusal)
    expect(server.isDone()).toBe(false)
  })

  test('perform', async () => {
    const server = plainDatafileServer()
    await expect(testDestination.testAction('trackEvent', { event: purchase, settings: plain, useDefaultMappings: true })).rejects.toThrow(
      refusal
    )
    expect(server.isDone()).toBe(false)
  })

  test('performBatch: the whole batch fails, nothing is sent', async () => {
    const server = plainDatafileServer()
    await expect(
      testDestination.testBatchAction('trackEvent', {
        events: [purchase, { ...purchase, messageId: 'msg-2' }],
        settings: plain,
        useDefaultMappings: true
      })
    ).rejects.toThrow(refusal)
    expect(server.isDone()).toBe(false)
  })

  test('the dynamic event key list', async () => {
    const server = plainDatafileServer()
    const response = await testDestination.testDynamicField('trackEvent', 'eventKey', { settings: plain, payload: {} })
    expect(Array.isArray(response) ? undefined : response.error?.message).toMatch(refusal)
    expect(server.isDone()).toBe(false)
  })

  test('http:// to this machine is refused too: no loopback exception on the servers', async () => {
    const local = nock('http://127.0.0.1:8777').get('/datafile.json').reply(200, '{}')
    await expect(testDestination.testAuthentication(settingsWith({ dataFileUrl: 'http://127.0.0.1:8777/datafile.json' }))).rejects.toThrow(
      /must start with https:\/\//
    )
    expect(local.isDone()).toBe(false)
  })

  test("http:// on Optimizely's CDN is upgraded to https://", async () => {
    const secure = serveDatafile()
    await testDestination.testAuthentication(settingsWith({ dataFileUrl: 'http://cdn.optimizely.com/datafiles/AcmeShopDemoKey0001.json' }))
    expect(secure.isDone()).toBe(true)
  })
})

describe('no secret in any message', () => {
  const echo = (prefix = '') => JSON.stringify({ error: `${prefix}rejected request with headers {"authorization":"Bearer ${TOKEN}"}` })

  test('a deletion refused with a body that echoes the request', async () => {
    nock(API_ORIGIN).post(SAR_PATH).reply(400, echo())
    const attempt = testDestination.onDelete!({ type: 'delete', userId: 'user-1' }, settingsWith({ accessToken: TOKEN }) as never)
    await expect(attempt).rejects.toThrow('Bearer [redacted]')
    await expect(attempt).rejects.not.toThrow(TOKEN)
  })

  test('a token cut in half by the length limit on quoted bodies leaks no part of it', async () => {
    // Plain text is quoted up to 300 characters, cut at a space; one long word is cut at 300,
    // 4 characters into where the token was.
    const body = `${'x'.repeat(290)}token=${TOKEN} and more`
    nock(API_ORIGIN).post(SAR_PATH).reply(502, body)
    const attempt = testDestination.onDelete!({ type: 'delete', userId: 'user-1' }, settingsWith({ accessToken: TOKEN }) as never)
    await expect(attempt).rejects.toThrow('token=[red…')
    await expect(attempt).rejects.not.toThrow(`token=${TOKEN.slice(0, 3)}`)
  })

  test('a body that echoes the token URL-encoded', async () => {
    nock(API_ORIGIN)
      .post(SAR_PATH)
      .reply(400, `bad request: /sar?token=${encodeURIComponent(TOKEN)}`)
    const attempt = testDestination.onDelete!({ type: 'delete', userId: 'user-1' }, settingsWith({ accessToken: TOKEN }) as never)
    await expect(attempt).rejects.toThrow('token=[redacted]')
    await expect(attempt).rejects.not.toThrow(encodeURIComponent(TOKEN))
  })

  test('a network error whose message carries the token', async () => {
    const failing = (() => Promise.reject(new Error(`socket hang up (Authorization: Bearer ${TOKEN})`))) as unknown as RequestClient
    const attempt = deleteVisitors(failing, settingsWith({ accessToken: TOKEN }), { userId: 'user-1' })
    await expect(attempt).rejects.toThrow('socket hang up (Authorization: Bearer [redacted])')
    await expect(attempt).rejects.not.toThrow(TOKEN)
  })

  test('the Event API echoing the token, in single and batched sends', async () => {
    const settings = settingsWith({ accessToken: TOKEN })
    serveDatafile(undefined, { times: 1 })
    captureEventApi({ status: 400, reply: `bad body from ${TOKEN}`, times: 2 })
    await expect(testDestination.testAction('trackEvent', { event: purchase, settings, useDefaultMappings: true })).rejects.not.toThrow(
      TOKEN
    )

    await testDestination.testBatchAction('trackEvent', { events: [purchase], settings, useDefaultMappings: true })
    const [result] = testDestination.results.at(-1)?.multistatus ?? []
    expect(JSON.stringify(result)).toContain('bad body from [redacted]')
    expect(JSON.stringify(result)).not.toContain(TOKEN)
  })

  test('the datafile CDN echoing the token when the settings are saved', async () => {
    nock('https://cdn.optimizely.com').get('/datafiles/AcmeShopDemoKey0001.json').reply(403, `denied: ${TOKEN}`)
    const saving = testDestination.testAuthentication(settingsWith({ accessToken: TOKEN }))
    await expect(saving).rejects.toThrow('denied: [redacted]')
    await expect(saving).rejects.not.toThrow(TOKEN)
  })
})

describe('a retried deletion', () => {
  test('does not request an identifier Optimizely already accepted', async () => {
    const requested: string[] = []
    const answers: Record<string, number[]> = { 'user-42': [202], 'anon-7': [503, 202] }
    nock(API_ORIGIN)
      .post(SAR_PATH)
      .times(3)
      .reply((_uri, body) => {
        const identifier = (body as { identifier: string }).identifier
        requested.push(identifier)
        return [answers[identifier].shift() ?? 500, '{}']
      })
    const deletion = () =>
      testDestination.onDelete!({ type: 'delete', userId: 'user-42', anonymousId: 'anon-7' }, settingsWith({ accessToken: TOKEN }) as never)

    await expect(deletion()).rejects.toThrow('HTTP 503')
    // Segment retries the whole deletion: only the identifier that failed is requested again.
    expect(JSON.stringify(await deletion())).toContain(
      'Optimizely accepted 2 visitor deletion request(s) (1 of them on an earlier attempt)'
    )
    expect(requested).toEqual(['user-42', 'anon-7', 'anon-7'])
  })

  test('another token (another account) is not taken for one that was accepted', async () => {
    const requested: string[] = []
    nock(API_ORIGIN)
      .post(SAR_PATH)
      .times(2)
      .reply((_uri, body) => {
        requested.push((body as { identifier: string }).identifier)
        return [202, '{}']
      })
    await testDestination.onDelete!({ type: 'delete', userId: 'user-42' }, settingsWith({ accessToken: TOKEN }) as never)
    await testDestination.onDelete!({ type: 'delete', userId: 'user-42' }, settingsWith({ accessToken: 'pat-2:anotherAccount' }) as never)
    expect(requested).toEqual(['user-42', 'user-42'])
  })
})
