/**
 * The store page (demo/public/index.html) for one scenario. The server fills in two markers
 * before the page's first script runs, so every script finds them in place, in order:
 *
 * - `<!-- demo:scenario -->`: `window.demoScenario` (the chosen scenario: the write key the
 *   snippet names, whether the page runs its own client, what it shows) and `window.demoScenarios`
 *   (the switch's choices);
 * - `<!-- demo:page-client-sdk -->`: the Optimizely SDK's UMD build for the page's own client, or
 *   nothing in the scenario without one (the destination then downloads its own SDK chunk).
 */
const fs = require('fs')
const path = require('path')
const { SCENARIOS } = require('./scenarios')

const PAGE = path.join(__dirname, 'public', 'index.html')

/** JSON that is safe inside a <script> element: no `</script>` or `<!--` can end it early. */
const scriptJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c')

function storePage(scenario) {
  // The page needs no settings: analytics.js fetches them from the CDN settings route.
  const { name, label, writeKey, pageClient, summary } = scenario
  const forPage = { name, label, writeKey, pageClient, summary }
  const choices = Object.entries(SCENARIOS).map(([name, { label }]) => ({ name, label }))
  const scenarioScript = `<script>
      window.demoScenario = ${scriptJson(forPage)}
      window.demoScenarios = ${scriptJson(choices)}
    </script>`
  const sdkScript = scenario.pageClient
    ? '<script src="/vendor/optimizely-sdk.js"></script>'
    : '<!-- No Optimizely SDK for the page in this scenario: the destination loads its own. -->'
  return fs.readFileSync(PAGE, 'utf8').replace('<!-- demo:scenario -->', scenarioScript).replace('<!-- demo:page-client-sdk -->', sdkScript)
}

module.exports = { storePage }
