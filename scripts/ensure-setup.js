#!/usr/bin/env node
/**
 * Set-up shared by `npm start` and `npm test` on a fresh clone: installs the npm packages from
 * the lock file when they are missing or stale, and Debian's Chromium for the browser tests and
 * the demo. Plain Node (no dependencies) because it runs before anything is installed.
 *
 *   node scripts/ensure-setup.js            npm packages and Chromium
 *   node scripts/ensure-setup.js --no-browser   npm packages only
 */
const { execSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '..')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

function run(command) {
  console.log(`$ ${command}`)
  execSync(command, { cwd: root, stdio: 'inherit' })
}

/** npm writes node_modules/.package-lock.json on install; older than the lock file means stale. */
function packagesInstalled() {
  const installed = path.join(root, 'node_modules', '.package-lock.json')
  if (!fs.existsSync(installed)) return false
  return fs.statSync(installed).mtimeMs >= fs.statSync(path.join(root, 'package-lock.json')).mtimeMs
}

function ensurePackages() {
  if (packagesInstalled()) return
  run('npm ci --no-audit --no-fund')
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return
  if (process.getuid && process.getuid() !== 0) {
    console.error(`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`)
    process.exit(1)
  }
  run('apt-get update -qq')
  run('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium')
}

ensurePackages()
if (!process.argv.includes('--no-browser')) ensureChromium()
