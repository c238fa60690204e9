/**
 * What the tests call in the page, typed for the functions passed to page.evaluate (they run in
 * Chromium, so only these types cross over, never values from this module).
 */
export interface PageAnalytics {
  track(event?: unknown, properties?: unknown, options?: unknown): Promise<unknown>
  identify(userId?: unknown, traits?: unknown): Promise<unknown>
  user(): { id(): string | null; anonymousId(): string | null; traits(): Record<string, unknown> }
}

/** The Optimizely SDK's UMD build, as a site loads it for its own decisions. */
export interface PageOptimizelySdk {
  createInstance(config: Record<string, unknown>): {
    onReady(options?: { timeout?: number }): Promise<unknown>
    createUserContext(userId: string, attributes?: Record<string, unknown>): { decide(flagKey: string): { variationKey: string | null; enabled: boolean } } | null
    close(): Promise<unknown>
  }
  createStaticProjectConfigManager(config: { datafile: string }): unknown
  createForwardingEventProcessor(): unknown
}

export type PageWindow = Window & { analytics: PageAnalytics; optimizelySdk: PageOptimizelySdk }
