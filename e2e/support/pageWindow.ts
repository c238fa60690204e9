/**
 * What the tests call in the page, typed for the functions passed to page.evaluate (they run in
 * Chromium, so only these types cross over, never values from this module).
 */
export interface PageAnalytics {
  track(event?: unknown, properties?: unknown, options?: unknown): Promise<unknown>
  identify(userId?: unknown, traits?: unknown): Promise<unknown>
  page(category?: unknown, name?: unknown, properties?: unknown): Promise<unknown>
  user(): { id(): string | null; anonymousId(): string | null; traits(): Record<string, unknown> }
}

/** A client of the Optimizely SDK, as the site uses it for its own decisions. */
export interface PageOptimizelyClient {
  onReady(options?: { timeout?: number }): Promise<unknown>
  createUserContext(
    userId: string,
    attributes?: Record<string, unknown>
  ): { decide(flagKey: string): { variationKey: string | null; enabled: boolean } } | null
  close(): Promise<unknown>
}

/** The Optimizely SDK's UMD build (`window.optimizelySdk`). */
export interface PageOptimizelySdk {
  createInstance(config: Record<string, unknown>): PageOptimizelyClient
  createStaticProjectConfigManager(config: { datafile: string }): unknown
  createForwardingEventProcessor(): unknown
  /** The SDK's default browser processor: batches, and keeps pending events in localStorage. */
  createBatchEventProcessor(options?: Record<string, unknown>): unknown
}

export type PageWindow = Window & {
  analytics: PageAnalytics
  optimizelySdk: PageOptimizelySdk
  /** Where a site publishes its client for Segment (the classic integration's convention). */
  optimizelyClientInstance?: PageOptimizelyClient
}
