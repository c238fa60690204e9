#!/usr/bin/env node
/**
 * `npm start` (after scripts/ensure-setup.js has installed the packages and Chromium): builds the
 * destination when the build is missing or older than its sources, then serves the demo store at
 * http://localhost:8080 (`PORT` overrides; `PORT=0` picks a free port).
 */
const { execSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '..')
const DEFAULT_PORT = 8080

/** What the demo serves or reads: the web bundle analytics.js loads, and the library build. */
const BUILD_OUTPUTS = ['dist/web/optimizely-feature-experimentation.js', 'dist/cjs/index.js'].map((file) => path.join(root, file))
/** What the build is made from; unit tests are not part of it. */
const BUILD_INPUTS = [path.join(root, 'src'), path.join(root, 'webpack.config.js')]

function newestModification(entry) {
  const stats = fs.statSync(entry)
  if (!stats.isDirectory()) return stats.mtimeMs
  let newest = 0
  for (const child of fs.readdirSync(entry)) {
    if (child === '__tests__') continue
    newest = Math.max(newest, newestModification(path.join(entry, child)))
  }
  return newest
}

function buildIsCurrent() {
  if (!BUILD_OUTPUTS.every((file) => fs.existsSync(file))) return false
  const built = Math.min(...BUILD_OUTPUTS.map((file) => fs.statSync(file).mtimeMs))
  const sources = Math.max(...BUILD_INPUTS.filter((entry) => fs.existsSync(entry)).map(newestModification))
  return built >= sources
}

function portFromEnvironment() {
  const raw = process.env.PORT
  if (raw === undefined || raw === '') return DEFAULT_PORT
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a whole number from 0 to 65535, not ${JSON.stringify(raw)}.`)
    process.exit(1)
  }
  return port
}

async function main() {
  const port = portFromEnvironment()
  if (!buildIsCurrent()) {
    console.log('$ npm run build')
    execSync('npm run build', { cwd: root, stdio: 'inherit' })
  }

  // Required only now: the server reads the build when it starts.
  const { startDemo } = require('../demo/server')
  let demo
  try {
    demo = await startDemo({ port })
  } catch (error) {
    if (error && error.code === 'EADDRINUSE') {
      console.error(`Port ${port} is already in use. Start the demo on another one, e.g. PORT=8081 npm start`)
      process.exit(1)
    }
    throw error
  }

  console.log(`\nDemo store: ${demo.url}\n`)
  console.log('Everything it loads, and every event it sends, stays on this machine. Ctrl+C stops it.')

  const stop = () => demo.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
