/**
 * What Segment's CDN answers at `/v1/projects/<writeKey>/settings` for a source with this
 * destination connected, with every URL pointing back at the demo server:
 *
 * - `remotePlugins`: analytics.js loads the built bundle from `url` and calls
 *   `window[libraryName](settings)`, exactly as it would from cdn.segment.com.
 * - `settings.subscriptions`: the Track Event preset as the Segment app stores it once the
 *   destination is connected (trigger `type = "track"`, the preset's default mapping).
 * - `integrations['Segment.io']`: analytics.js' own Tracking API calls go to a local stand-in
 *   (segmentApi.js), and `metrics.sampleRate: 0` keeps its usage metrics at home, so nothing
 *   leaves the machine.
 * - Decisions flow back: the destination turns the decisions of the client the page decides with
 *   (the page's own at `window.optimizelyClientInstance`, or the destination's when shared) into
 *   Experiment Viewed events.
 * - The scenario (scenarios.js) changes a few settings: Share the Destination's Client for the
 *   destination's own client, a wrong Datafile URL for the wrong setting.
 */

/** The remote plugin's names as Segment's CDN settings carry them for this destination. */
const DESTINATION_NAME = 'Optimizely Feature Experimentation Web (Actions)'
const LIBRARY_NAME = 'optimizely-feature-experimentationDestination'

/**
 * @param {object} options
 * @param {string} options.origin        the demo server as the browser reaches it, e.g. http://localhost:8080
 * @param {string} options.writeKey      the source's write key (the page's snippet names it)
 * @param {string} options.accountId     the datafile's account: the destination refuses any other
 * @param {object} options.trackEventPreset the destination's Track Event preset
 * @param {object} [options.scenarioSettings] the scenario's changes to the destination's settings
 */
function cdnSettings({ origin, writeKey, accountId, trackEventPreset, scenarioSettings = {} }) {
  // apiHost is host[/path] without a scheme; analytics.js adds `protocol`.
  const segmentApi = `${new URL(origin).host}/segment/v1`
  return {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        apiHost: segmentApi,
        protocol: 'http',
        unbundledIntegrations: [],
        addBundledMetadata: true,
        maybeBundledConfigIds: {}
      }
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } }
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0, host: segmentApi },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [
      {
        name: DESTINATION_NAME,
        creationName: DESTINATION_NAME,
        libraryName: LIBRARY_NAME,
        url: `${origin}/dist/web/optimizely-feature-experimentation.js`,
        settings: {
          accountId,
          dataFileUrl: `${origin}/datafile.json`,
          // The destination's Event Endpoint setting: its conversions (unload beacons included)
          // go to the demo's collector instead of logx.optimizely.com. `via` only labels the
          // sender for the inspector.
          eventEndpoint: `${origin}/v1/events?via=destination`,
          logLevel: 'warn',
          // Each decision the page's client makes (the store's Decide button) becomes one
          // Experiment Viewed track per visitor and variation per browser session, which the
          // inspector's "Sent to Segment" panel shows. nonInteraction and the event name keep
          // their defaults; targeted deliveries are not experiments, so they stay off.
          sendExperimentViewed: true,
          // The store decides for whoever is signed in at the time. A visitor who decides
          // anonymously and then signs in would convert under a user ID that Optimizely never
          // bucketed; with use-decided-id those orders are sent for the anonymous ID that got the
          // decision, so they count (the default, warn, only says so in the console).
          visitorIdGuard: 'use-decided-id',
          subscriptions: [
            {
              id: 'demoTrackEvent',
              partnerAction: trackEventPreset.partnerAction,
              name: trackEventPreset.name,
              enabled: true,
              subscribe: trackEventPreset.subscribe,
              mapping: trackEventPreset.mapping
            }
          ],
          ...scenarioSettings
        }
      }
    ]
  }
}

module.exports = { cdnSettings, DESTINATION_NAME, LIBRARY_NAME }
