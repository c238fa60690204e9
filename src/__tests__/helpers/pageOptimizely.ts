/**
 * The site's own Optimizely client in a unit test: the real SDK with a static datafile, published
 * where the destination looks for it (`window.optimizelyClientInstance`), and closed after the test.
 */
import { createBatchEventProcessor, createInstance, createStaticProjectConfigManager } from '@optimizely/optimizely-sdk'
import type { Client } from '@optimizely/optimizely-sdk'
import { datafileWith, type Datafile } from './optimizelyNetwork'
import { settle } from './testClock'

const pageWindow = window as unknown as Record<string, unknown>
let opened: Client[] = []

/** Creates, publishes and waits for the page's client; its batches flush after 100 ms. */
export async function publishPageClient(datafile: Datafile = datafileWith()): Promise<Client> {
  const client = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(datafile) }),
    eventProcessor: createBatchEventProcessor({ batchSize: 10, flushInterval: 100 })
  })
  opened.push(client)
  pageWindow.optimizelyClientInstance = client
  await settle(client.onReady())
  return client
}

/** For afterEach: unpublishes and closes every page client the test made. */
export async function closePageClients(): Promise<void> {
  delete pageWindow.optimizelyClientInstance
  await settle(Promise.all(opened.map((client) => client.close().catch(() => undefined))))
  opened = []
}
