/**
 * The one SDK internal the destination relies on (src/client/storedEventRetry.ts): the processor
 * inside the opaque wrapper `createBatchEventProcessor()` returns, and its `retryFailedEvents()`.
 * These tests run the SDK version installed; when an upgrade changes that shape, the first test
 * fails and says so, instead of the immediate retry quietly switching itself off.
 */
import {
  createBatchEventProcessor,
  createForwardingEventProcessor,
  createInstance,
  createStaticProjectConfigManager,
  eventDispatcher
} from '@optimizely/optimizely-sdk'
import fs from 'fs'
import path from 'path'
import { captureEventApi, datafileWith, dropEventApiRequests, resetNetwork, waitFor } from './helpers/optimizelyNetwork'
import { storedEventRetry } from '../client/storedEventRetry'
import { settle, useFakeClock } from './helpers/testClock'

/** Named in the failure message (the package's `exports` do not include its package.json). */
const sdkVersion = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../node_modules/@optimizely/optimizely-sdk/package.json'), 'utf8')) as {
    version: string
  }
).version

// The processor's flush interval runs on the fake clock waitFor and settle move on.
useFakeClock()

beforeEach(() => {
  resetNetwork()
  localStorage.clear()
})

test('the SDK’s batch event processor still exposes the retry of its stored failed events', () => {
  const retry = storedEventRetry(createBatchEventProcessor({ batchSize: 10, flushInterval: 500 }))
  if (!retry) {
    throw new Error(
      `@optimizely/optimizely-sdk ${sdkVersion}: the processor inside createBatchEventProcessor()'s wrapper no longer has ` +
        'retryFailedEvents() and isRunning(); conversions that failed offline now wait for the SDK’s own retry timer. ' +
        'Find the new way in and update src/client/storedEventRetry.ts.'
    )
  }
  expect(retry).toEqual(expect.any(Function))
})

test('anything else gets no retry: a processor without a store, or objects that are not the SDK’s', () => {
  expect(storedEventRetry(createForwardingEventProcessor(eventDispatcher))).toBeUndefined()
  expect(storedEventRetry({} as never)).toBeUndefined()
  expect(storedEventRetry({ [Symbol('a')]: {}, [Symbol('b')]: {} } as never)).toBeUndefined()
})

test('once the client is closed, the retry sends nothing, even with events left in the store', async () => {
  const offline = dropEventApiRequests('closing-shopper')
  const events = captureEventApi()
  const processor = createBatchEventProcessor({ batchSize: 10, flushInterval: 500 })
  const retry = storedEventRetry(processor)
  const client = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(datafileWith()) }),
    eventProcessor: processor
  })
  await settle(client.onReady())
  client.createUserContext('closing-shopper')?.trackEvent('purchase', { revenue: 800 })
  await waitFor(() => offline.dropped.length > 0, 8000, 'the first attempt')
  await settle(client.close().catch(() => undefined))
  expect(Object.keys(localStorage).filter((key) => key.startsWith('optly_event:'))).toHaveLength(1)

  await expect(settle(retry?.())).resolves.toBe(false)
  expect(events.received).toEqual([])
})
