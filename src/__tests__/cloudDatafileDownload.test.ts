/**
 * @jest-environment node
 *
 * The cloud datafile download against a real HTTPS server, through actions-core's request client
 * (no nock: a body that stalls behind a real socket is what nock cannot show). Real-sized
 * datafiles load, one over the byte cap fails naming the cap, and a body that stalls after its
 * headers fails at the end of the time budget without wedging the next load.
 */
import fs from 'fs'
import path from 'path'
import type http from 'http'
import { createTestIntegration } from '@segment/actions-core'
import destination from '../cloud'
import { datafileCache } from '../cloud/datafileCache'
import { MAX_DATAFILE_BYTES } from '../cloud/datafileFetch'
import { startDatafileServers, type DatafileServers } from './helpers/datafileServers'

const testDestination = createTestIntegration(destination)
const ACCOUNT_ID = '12003456780'
const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'datafile.json'), 'utf8')) as {
  events: unknown[]
}

let servers: DatafileServers

beforeAll(async () => {
  servers = await startDatafileServers()
})
beforeEach(() => datafileCache.useFetchOptions({ network: servers.network }))
afterAll(async () => {
  datafileCache.useFetchOptions()
  await servers.close()
})

function settingsFor(pathname: string) {
  return { accountId: ACCOUNT_ID, dataFileUrl: `https://cdn.optimizely.com:${servers.internet.port}${pathname}` }
}

/** The fixture datafile grown with events (as large projects have) to at least `bytes`. */
function datafileOfSize(bytes: number): string {
  const perEvent = 100
  const count = Math.ceil(bytes / perEvent)
  const events = Array.from({ length: count }, (_, index) => ({
    id: `9${index}`,
    key: `event_${String(index).padStart(7, '0')}_${'x'.repeat(60)}`,
    experimentIds: []
  }))
  const text = JSON.stringify({ ...FIXTURE, events: [...FIXTURE.events, ...events] })
  expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(bytes)
  return text
}

function serve(body: string): void {
  servers.internet.handle = (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body)
  }
}

async function eventKeys(pathname: string): Promise<string[]> {
  const response = await testDestination.testDynamicField('trackEvent', 'eventKey', { settings: settingsFor(pathname), payload: {} })
  if (Array.isArray(response)) throw new Error('expected a choices object')
  if (response.error) throw new Error(response.error.message)
  return response.choices.map((choice) => String(choice.value))
}

describe.each([
  ['1 MB', 1_000_000],
  ['5 MB', 5_000_000]
])('a %s datafile', (_label, bytes) => {
  const body = datafileOfSize(bytes)
  const lastKey = `event_${String(Math.ceil(bytes / 100) - 1).padStart(7, '0')}_${'x'.repeat(60)}`

  test('is accepted when the settings are saved', async () => {
    serve(body)
    await expect(testDestination.testAuthentication(settingsFor('/datafiles/large.json'))).resolves.toBeUndefined()
  })

  test('is read by Track Event, single and batched (an unknown key shows the datafile was read)', async () => {
    serve(body)
    const event = { type: 'track' as const, event: 'Not In The Datafile', userId: 'user-1', timestamp: '2024-05-01T12:00:00.000Z' }
    const settings = settingsFor('/datafiles/large.json')
    await expect(testDestination.testAction('trackEvent', { event, settings, useDefaultMappings: true })).rejects.toThrow(
      'conversion "Not In The Datafile" not sent: the datafile has no event with this key'
    )
    datafileCache.clear()
    await testDestination.testBatchAction('trackEvent', { events: [event, event], settings, useDefaultMappings: true })
    const results = (testDestination.results.at(-1)?.multistatus ?? []) as { status?: number; errormessage?: string }[]
    expect(results.map((result) => result.status)).toEqual([400, 400])
    expect(results[0].errormessage).toContain('the datafile has no event with this key')
  })

  test('lists all its event keys in the mapping editor', async () => {
    serve(body)
    const keys = await eventKeys('/datafiles/large.json')
    expect(keys).toContain('purchase')
    expect(keys).toContain(lastKey)
  })
})

test('a datafile over the byte cap fails, naming the cap, and stops being read', async () => {
  serve(datafileOfSize(MAX_DATAFILE_BYTES + 1))
  await expect(testDestination.testAuthentication(settingsFor('/datafiles/huge.json'))).rejects.toThrow(
    `The datafile at https://cdn.optimizely.com:${servers.internet.port}/datafiles/huge.json is larger than 6 MB (6,000,000 bytes), the most the cloud destination downloads.`
  )
})

test('an endless body fails on the byte cap, long before the time budget', async () => {
  datafileCache.useFetchOptions({ network: servers.network, budgetMs: 60_000 })
  const chunk = Buffer.alloc(1_000_000, 'x')
  servers.internet.handle = (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' })
    const more = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', more)
    }
    more()
  }
  await expect(testDestination.testAuthentication(settingsFor('/datafiles/endless.json'))).rejects.toThrow(/is larger than 6 MB/)
  await waitUntil(() => servers.internet.open.size === 0)
})

describe('a body that stalls after its headers', () => {
  const BUDGET_MS = 1500
  let stalled: http.ServerResponse[] = []

  beforeEach(() => {
    datafileCache.useFetchOptions({ network: servers.network, budgetMs: BUDGET_MS })
    stalled = []
    // Headers and the first 100 KB, then nothing: the connection stays open.
    servers.internet.handle = (_request, response) => {
      stalled.push(response)
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 400_000 })
      response.write(' '.repeat(100_000))
    }
  })
  afterEach(() => stalled.forEach((response) => response.destroy()))

  test('fails at the end of the time budget, and the next load starts afresh and succeeds', async () => {
    const settings = settingsFor('/datafiles/stalls.json')
    const first = testDestination.testAuthentication(settings)
    // A concurrent load shares the stalled one, and ends with it.
    const second = eventKeys('/datafiles/stalls.json')
    await expect(first).rejects.toThrow(
      `Fetching the datafile at ${settings.dataFileUrl} took longer than 1.5 s, the time allowed for the whole download (connection, headers and body)`
    )
    await expect(second).rejects.toThrow(/took longer than 1\.5 s/)
    // The stalled socket was closed by the client.
    await waitUntil(() => servers.internet.open.size === 0)

    serve(datafileOfSize(300_000))
    await expect(testDestination.testAuthentication(settings)).resolves.toBeUndefined()
    expect(await eventKeys('/datafiles/stalls.json')).toContain('purchase')
  })

  test('a stalled revalidation ends at the budget, and the cached copy stays in use', async () => {
    serve(datafileOfSize(300_000))
    const settings = settingsFor('/datafiles/cached.json')
    expect(await eventKeys('/datafiles/cached.json')).toContain('purchase')
    servers.internet.handle = (_request, response) => {
      stalled.push(response)
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 400_000 })
      response.write(' '.repeat(100_000))
    }
    // Saving the settings revalidates; the CDN stalls, which counts as an outage: the last good copy serves.
    await expect(testDestination.testAuthentication(settings)).resolves.toBeUndefined()
    expect(stalled).toHaveLength(1)
    await waitUntil(() => servers.internet.open.size === 0)
    expect(await eventKeys('/datafiles/cached.json')).toContain('purchase')
  })
})

async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20))
}
