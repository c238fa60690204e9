/**
 * A website that bundles analytics.js and this package from npm instead of embedding the snippet.
 * Built at test time by support/npmPage.ts with webpack's defaults for the web, as a site's own
 * bundler would, so the package is consumed through its `exports` (dist/esm, browser SDK build).
 *
 * Two documented ways:
 * - `remote-plugin`: the factory is passed as a plugin source; analytics.js pairs it by name with
 *   the `remotePlugins` entry of the CDN settings (settings and mappings from Segment, code from
 *   the site's bundle: the CDN file is never fetched).
 * - `plugins`: the site calls the factory with its own settings and subscriptions.
 */
import { AnalyticsBrowser } from '@segment/analytics-next'
import optimizelyFeatureExperimentation, { destination } from 'optimizely-feature-experimentation-segment'

export interface NpmStoreOptions {
  mode: 'remote-plugin' | 'plugins'
  writeKey: string
  /** Where Segment's CDN settings come from (the test site). */
  cdnURL: string
  /** analytics.js' own Tracking API (host and path, no protocol). */
  apiHost: string
  settings: Record<string, unknown>
}

async function startStore(options: NpmStoreOptions): Promise<void> {
  let analytics
  if (options.mode === 'remote-plugin') {
    ;[analytics] = await AnalyticsBrowser.load({
      writeKey: options.writeKey,
      cdnURL: options.cdnURL,
      plugins: [optimizelyFeatureExperimentation]
    })
  } else {
    const preset = destination.presets?.[0]
    if (!preset || !('subscribe' in preset)) throw new Error('no Track Event preset')
    const plugins = await optimizelyFeatureExperimentation({
      ...options.settings,
      subscriptions: [
        { name: preset.name, partnerAction: preset.partnerAction, enabled: true, subscribe: preset.subscribe, mapping: preset.mapping }
      ]
    } as Parameters<typeof optimizelyFeatureExperimentation>[0])
    ;[analytics] = await AnalyticsBrowser.load({
      writeKey: options.writeKey,
      cdnSettings: {
        integrations: { 'Segment.io': { apiKey: options.writeKey, apiHost: options.apiHost, protocol: 'http' } },
        metrics: { sampleRate: 0 }
      },
      // The factory's type allows one plugin or several.
      plugins: [plugins].flat()
    })
  }
  // The tests talk to the page through window.analytics, as on snippet pages.
  ;(window as unknown as { analytics: unknown }).analytics = analytics
}

;(window as unknown as { startStore: typeof startStore }).startStore = startStore
