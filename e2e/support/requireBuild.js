/**
 * The browser tests load the built bundle the way analytics.js does from a CDN, and the npm page
 * imports the library build through the package's `exports`. Testing a missing build would
 * prove nothing, so the suite refuses to start without one.
 */
const fs = require('fs')
const path = require('path')

const ROOT = path.resolve(__dirname, '../..')
const REQUIRED = ['dist/web/optimizely-feature-experimentation.js', 'dist/esm/index.js']

module.exports = async function requireBuild() {
  const missing = REQUIRED.filter((file) => !fs.existsSync(path.join(ROOT, file)))
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} missing: run \`npm run build\` before \`npm run test:e2e\` (\`npm test\` does both).`)
  }
}
