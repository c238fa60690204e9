/**
 * The SDK internal the Datafile Refresh setting relies on (src/client/datafilePolling.ts): the
 * polling datafile manager inside the opaque wrapper `createPollingProjectConfigManager()` returns,
 * its repeater and its request in flight. These tests run the SDK version installed; when an
 * upgrade changes that shape, the first test fails and says so, instead of hidden tabs quietly
 * polling again and conversions of a new event key no longer waiting for the fresh datafile.
 */
import { createInstance, createPollingProjectConfigManager, createStaticProjectConfigManager } from '@optimizely/optimizely-sdk'
import { datafileWith, resetNetwork, serveDatafile, waitFor } from './helpers/optimizelyNetwork'
import { datafilePolling } from '../client/datafilePolling'
import { DATAFILE_URL } from './helpers/optimizelyNetwork'
import { settle, useFakeClock } from './helpers/testClock'

// The datafile's 300 ms delay runs on the fake clock waitFor and settle move on.
useFakeClock()

beforeEach(() => {
  resetNetwork()
  localStorage.clear()
})

test('the SDK’s polling config manager still exposes its repeater and its request in flight', () => {
  const polling = datafilePolling(createPollingProjectConfigManager({ sdkKey: DATAFILE_URL, urlTemplate: DATAFILE_URL, autoUpdate: true }))
  if (!polling) {
    throw new Error(
      'the polling datafile manager inside createPollingProjectConfigManager()’s wrapper no longer has repeater.start/stop/isRunning ' +
        'and isDone(); hidden pages now poll and conversions are not held for a datafile in flight. Update src/client/datafilePolling.ts.'
    )
  }
})

test('anything else gets nothing: a static config manager, or objects that are not the SDK’s', () => {
  expect(datafilePolling(createStaticProjectConfigManager({ datafile: JSON.stringify(datafileWith()) }))).toBeUndefined()
  expect(datafilePolling({} as never)).toBeUndefined()
})

test('a request in flight is seen, and settles once its datafile is in use', async () => {
  serveDatafile({ body: datafileWith({ revision: '77' }), delayMs: 300 })
  const configManager = createPollingProjectConfigManager({ sdkKey: DATAFILE_URL, urlTemplate: DATAFILE_URL })
  const polling = datafilePolling(configManager)
  const client = createInstance({ projectConfigManager: configManager })
  await waitFor(() => polling?.inFlight() !== undefined, 2000, 'the datafile request')

  await settle(polling?.inFlight())

  expect(client.getOptimizelyConfig()?.revision).toBe('77')
  expect(polling?.inFlight()).toBeUndefined()
  await settle(client.close().catch(() => undefined))
})
