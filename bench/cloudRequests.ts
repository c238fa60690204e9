/**
 * Row 5: the cloud destination's traffic per 1,000 events, driven through actions-core's
 * createTestIntegration as Segment's servers drive it (performBatch for batches, perform for
 * single events). nock answers the datafile CDN and the Event API inside this process and refuses
 * every other connection, so nothing leaves the machine.
 */
import fs from 'fs'
import path from 'path'
import nock from 'nock'
import { createTestIntegration, type SegmentEvent } from '@segment/actions-core'
import cloud from '../src/cloud'
import { DATAFILE_TTL_MS, datafileCache } from '../src/cloud/datafileCache'
import { ROOT } from './ensureBuild'
import { atMost, type Row } from './report'

const EVENTS = 1000
const BATCH_SIZE = 100
/** Simulated spacing of the batches in the spread-out run: several TTLs in one quick run. */
const BATCH_SPACING_MS = 30_000
const DATAFILE_ORIGIN = 'https://cdn.optimizely.bench'
const DATAFILE_PATH = '/datafiles/bench.json'
const EVENT_API_ORIGIN = 'https://logx.optimizely.com'

const datafileText = fs.readFileSync(path.join(ROOT, 'fixtures/datafile.json'), 'utf8')
const accountId = String((JSON.parse(datafileText) as { accountId: unknown }).accountId)
const settings = { accountId, dataFileUrl: `${DATAFILE_ORIGIN}${DATAFILE_PATH}` }

interface Traffic {
  datafileFetches: number
  eventApiRequests: number
  conversionsSent: number
}

/** Counts what reaches the (nock) network while `work` runs. */
async function countTraffic(work: () => Promise<void>): Promise<Traffic> {
  const traffic: Traffic = { datafileFetches: 0, eventApiRequests: 0, conversionsSent: 0 }
  nock.cleanAll()
  datafileCache.clear()
  nock(DATAFILE_ORIGIN)
    .persist()
    .get(DATAFILE_PATH)
    .reply(() => {
      traffic.datafileFetches += 1
      return [200, datafileText, { 'Content-Type': 'application/json' }]
    })
  nock(EVENT_API_ORIGIN)
    .persist()
    .post('/v1/events')
    .reply((_uri, body) => {
      traffic.eventApiRequests += 1
      const visitors = (body as { visitors?: unknown[] }).visitors ?? []
      traffic.conversionsSent += visitors.length
      return [204, '']
    })
  await work()
  return traffic
}

function purchase(index: number): SegmentEvent {
  return {
    type: 'track',
    event: 'purchase',
    userId: `bench-cloud-${index}`,
    messageId: `bench-cloud-message-${index}`,
    timestamp: new Date(Date.UTC(2024, 4, 1, 12, 0, 0) + index * 1000).toISOString(),
    context: { traits: { plan: 'pro' } },
    properties: { revenue: 100 + index }
  }
}

const events = Array.from({ length: EVENTS }, (_, index) => purchase(index))
const batches = Array.from({ length: EVENTS / BATCH_SIZE }, (_, index) => events.slice(index * BATCH_SIZE, (index + 1) * BATCH_SIZE))

async function sendBatches(spacingMs: number): Promise<void> {
  const integration = createTestIntegration(cloud)
  // The datafile cache reads Date.now(); moving it forward simulates batches minutes apart.
  const realNow = Date.now
  let offset = 0
  Date.now = () => realNow() + offset
  try {
    for (const batch of batches) {
      await integration.testBatchAction('trackEvent', { events: batch, settings, useDefaultMappings: true })
      offset += spacingMs
    }
  } finally {
    Date.now = realNow
  }
}

async function sendOneByOne(): Promise<void> {
  const integration = createTestIntegration(cloud)
  for (const event of events) await integration.testAction('trackEvent', { event, settings, useDefaultMappings: true })
}

export async function measureCloudRequests(): Promise<Row[]> {
  nock.disableNetConnect()
  try {
    const batched = await countTraffic(() => sendBatches(0))
    const spread = await countTraffic(() => sendBatches(BATCH_SPACING_MS))
    const single = await countTraffic(sendOneByOne)
    const spanMs = (batches.length - 1) * BATCH_SPACING_MS
    const ttlWindows = Math.floor(spanMs / DATAFILE_TTL_MS) + 1
    const published = `Segment's published destination: ${EVENTS.toLocaleString('en')} datafile GETs + ${EVENTS.toLocaleString('en')} POSTs`
    const sent = (traffic: Traffic) => `${traffic.conversionsSent.toLocaleString('en')} conversions sent`
    return [
      {
        measure: `Cloud, ${EVENTS.toLocaleString('en')} events in ${batches.length} batches of ${BATCH_SIZE} within one TTL: datafile fetches`,
        measured: `${batched.datafileFetches} (${sent(batched)})`,
        reference: published,
        target: `≤ 1 per TTL (${DATAFILE_TTL_MS / 1000} s): ≤ 1`,
        verdict: atMost(batched.datafileFetches, 1, String),
        method: `createTestIntegration(cloud).testBatchAction, ${batches.length} batches back to back; nock counts GETs of the datafile URL (in-process, no sockets).`
      },
      {
        measure: `Cloud, same ${batches.length} batches: Event API requests`,
        measured: `${batched.eventApiRequests} (${(batched.eventApiRequests / batches.length).toFixed(1)} per batch)`,
        reference: published,
        target: `≤ 1 per batch: ≤ ${batches.length}`,
        verdict: atMost(batched.eventApiRequests, batches.length, String),
        method: 'Same run; nock counts POSTs to https://logx.optimizely.com/v1/events and the visitors they carry.'
      },
      {
        measure: `Cloud, ${batches.length} batches ${BATCH_SPACING_MS / 1000} s apart (${spanMs / 60_000} simulated minutes): datafile fetches`,
        measured: `${spread.datafileFetches} (${spread.eventApiRequests} Event API requests, ${sent(spread)})`,
        reference: `${ttlWindows} TTL windows started in that span`,
        target: `≤ 1 per TTL: ≤ ${ttlWindows}`,
        verdict: atMost(spread.datafileFetches, ttlWindows, String),
        method: `As above with Date.now() advanced ${BATCH_SPACING_MS / 1000} s after each batch (the datafile cache reads Date.now()), so the ${DATAFILE_TTL_MS / 1000} s TTL expires during the run.`
      },
      {
        measure: `Cloud, ${EVENTS.toLocaleString('en')} single events (perform, no batching)`,
        measured: `${single.datafileFetches} datafile fetch(es) + ${single.eventApiRequests.toLocaleString('en')} Event API requests`,
        reference: `${published} (= ${(2 * EVENTS).toLocaleString('en')} requests)`,
        target: '',
        method: 'createTestIntegration(cloud).testAction once per event, back to back; nock counts both.'
      }
    ]
  } finally {
    nock.cleanAll()
    nock.enableNetConnect()
    nock.restore()
  }
}
