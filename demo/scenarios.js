/**
 * The demo's scenarios: one store page, three ways a site can have the destination set up. The
 * page picks one with `?scenario=<name>` (the switch at the top of the store). Each scenario is a
 * Segment source of its own (its own write key), so analytics.js fetches that source's CDN
 * settings, as it would on a real site; `settings` is what the scenario changes in the
 * destination's settings (cdnSettings.js has the rest).
 *
 * The server writes the chosen scenario into the store page (storePage.js): whether the page runs
 * its own Optimizely client, the write key its snippet names, and what the page says it shows.
 */

const DEFAULT_SCENARIO = 'page-client'

/**
 * An Optimizely account ID as a site might paste it from another project. (A Datafile URL with
 * plain http would be refused too, but before anything loads; see docs/demo.md for why the demo
 * shows this one.)
 */
const OTHER_ACCOUNT_ID = '99999999999'

const SCENARIOS = {
  'page-client': {
    label: "Page's client reused",
    writeKey: 'optimizelyDemoStore',
    pageClient: true,
    summary:
      "The page runs its own Optimizely client and publishes it at window.optimizelyClientInstance. The destination converts through it: one SDK and one datafile download, its conversions leave through that client, and it sees that client's decisions.",
    settings: {}
  },
  'own-client': {
    label: "Destination's own client",
    writeKey: 'optimizelyDemoStoreOwnClient',
    pageClient: false,
    summary:
      "The page has no Optimizely client. The destination downloads its SDK chunk and the datafile, batches conversions (10 events or 0.5 s) and sends them to its Event Endpoint, the local collector. Share the Destination's Client is on, so the store decides with the destination's client.",
    settings: { shareClient: true }
  },
  'wrong-setting': {
    label: 'Wrong setting',
    writeKey: 'optimizelyDemoStoreWrongSetting',
    pageClient: true,
    summary: `The Optimizely Account Id setting is ${OTHER_ACCOUNT_ID}, another account than the datafile's. The destination warns that it cannot reuse the page's client, tries its own, and refuses to load with one console error; the page, its own Optimizely client and Segment keep working, and Optimizely receives no conversion.`,
    settings: { accountId: OTHER_ACCOUNT_ID }
  }
}

function scenarioForWriteKey(writeKey) {
  return Object.values(SCENARIOS).find((scenario) => scenario.writeKey === writeKey)
}

/** The scenario `?scenario=<name>` asks for; the default one for a missing or unknown name. */
function scenarioNamed(name) {
  const known = typeof name === 'string' && Object.prototype.hasOwnProperty.call(SCENARIOS, name)
  const chosen = known ? name : DEFAULT_SCENARIO
  return { name: chosen, ...SCENARIOS[chosen] }
}

module.exports = { SCENARIOS, DEFAULT_SCENARIO, OTHER_ACCOUNT_ID, scenarioForWriteKey, scenarioNamed }
