/**
 * The browser tests load the built bundle, the way analytics.js does from a CDN; testing a stale
 * or missing build would prove nothing, so the suite refuses to start without one.
 */
const fs = require('fs')
const path = require('path')

module.exports = async function requireBuild() {
  const bundle = path.resolve(__dirname, '../../dist/web/optimizely-feature-experimentation.js')
  if (!fs.existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run \`npm run build\` before \`npm run test:e2e\` (\`npm test\` does both).`)
  }
}
