/**
 * The `npm start` demo: one plain Node HTTP server on the loopback interface that plays every
 * remote party a website talks to, so the real components run unchanged and nothing leaves the
 * machine:
 *
 *   GET  /?scenario=<name>                  the demo store page for one scenario (see scenarios.js, storePage.js)
 *   GET  /assets/*                          its scripts and styles
 *   GET  /v1/projects/<writeKey>/settings   Segment's CDN settings of one scenario's source (see cdnSettings.js)
 *   GET  /analytics-next/bundles/*          analytics.js' standalone build and its lazy chunks
 *   GET  /dist/web/*                        the destination bundle from `npm run build`
 *   GET  /vendor/optimizely-sdk.js          the Optimizely SDK's UMD build, for the page's own client
 *   GET  /datafile.json                     fixtures/datafile.json, the demo project's datafile
 *   POST /v1/events                         the Optimizely Event API stand-in (see collector.js)
 *   GET  /api/batches?after=<id>            what the collector received, for the inspector
 *   POST /segment/v1/*                      analytics.js' own Tracking API calls (see segmentApi.js)
 *   GET  /api/segment?after=<id>            what the Tracking API stand-in received, for the inspector
 */
const fs = require('fs')
const http = require('http')
const path = require('path')
const { Collector } = require('./collector')
const { cdnSettings } = require('./cdnSettings')
const { SegmentApi } = require('./segmentApi')
const { SCENARIOS, DEFAULT_SCENARIO, scenarioForWriteKey, scenarioNamed } = require('./scenarios')
const { storePage } = require('./storePage')
const { sendJson, sendText, sendHtml, sendFile, sendFileFrom } = require('./replies')

const ROOT = path.resolve(__dirname, '..')
const PUBLIC = path.join(__dirname, 'public')
const ANALYTICS_BUNDLES = path.join(ROOT, 'node_modules/@segment/analytics-next/dist/umd')
const WEB_BUNDLE = path.join(ROOT, 'dist/web')
const LIBRARY_BUILD = path.join(ROOT, 'dist/cjs/index.js')
const OPTIMIZELY_UMD = path.join(ROOT, 'node_modules/@optimizely/optimizely-sdk/dist/optimizely.browser.umd.min.js')
const DATAFILE = path.join(ROOT, 'fixtures/datafile.json')

/** The default scenario's write key (the page's own client reused); scenarios.js has the others. */
const WRITE_KEY = SCENARIOS[DEFAULT_SCENARIO].writeKey

/**
 * The browser must reach the server by a loopback name: the destination accepts an http://
 * datafile only from localhost or 127.0.0.1, and refusing other Host headers keeps a DNS
 * rebinding page from reading the collector.
 */
const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Starts the demo server.
 *
 * @param {object} [options]
 * @param {number} [options.port=8080] 0 picks a free port
 * @param {string} [options.host='127.0.0.1'] the interface to listen on
 * @returns {Promise<{url: string, port: number, collector: Collector, segmentApi: SegmentApi, close: () => Promise<void>}>}
 */
async function startDemo({ port = 8080, host = '127.0.0.1' } = {}) {
  const trackEventPreset = loadTrackEventPreset()
  const accountId = String(JSON.parse(fs.readFileSync(DATAFILE, 'utf8')).accountId)
  const collector = new Collector()
  const segmentApi = new SegmentApi()

  const server = http.createServer((request, response) => {
    try {
      route(request, response, { collector, segmentApi, trackEventPreset, accountId })
    } catch (error) {
      // One bad request must not take the demo down.
      console.error('demo server:', error)
      if (!response.headersSent) sendText(response, 500, 'internal error')
      else response.end()
    }
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const actualPort = server.address().port
  return {
    url: `http://localhost:${actualPort}/`,
    port: actualPort,
    collector,
    segmentApi,
    close: () =>
      new Promise((resolve) => {
        // Keep-alive connections from a browser would otherwise hold close() open.
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/**
 * The Track Event preset (name, trigger, default mapping) is the destination's own, read from the
 * library build so the demo's subscription can never drift from what the Segment app would store.
 */
function loadTrackEventPreset() {
  if (!fs.existsSync(LIBRARY_BUILD) || !fs.existsSync(path.join(WEB_BUNDLE, 'optimizely-feature-experimentation.js'))) {
    throw new Error('The demo needs the build (dist/web and dist/cjs): run `npm run build`, or `npm start`, which builds when needed.')
  }
  const { destination } = require(LIBRARY_BUILD)
  const preset = (destination.presets || []).find((candidate) => candidate.partnerAction === 'trackEvent')
  if (!preset) throw new Error('The destination build has no Track Event preset.')
  return preset
}

function route(request, response, { collector, segmentApi, trackEventPreset, accountId }) {
  const hostHeader = request.headers.host || ''
  const origin = `http://${hostHeader}`
  let url
  try {
    url = new URL(request.url || '/', origin)
  } catch {
    return sendText(response, 400, 'bad request')
  }
  if (!LOOPBACK_HOSTNAMES.has(url.hostname)) {
    return sendText(response, 421, 'Open the demo at http://localhost:<port>/')
  }
  const { pathname } = url
  const method = request.method

  if (method === 'POST' && pathname === '/v1/events') {
    return collector.receive(request, response, url.searchParams.get('via') || 'unknown')
  }
  if (method === 'POST' && pathname.startsWith('/segment/v1/')) {
    return segmentApi.receive(request, response, pathname.slice('/segment/v1/'.length))
  }
  if (method !== 'GET') return sendText(response, 405, 'method not allowed')
  if (pathname === '/api/batches') return inboxApi(url, response, collector, 'batches')
  if (pathname === '/api/segment') return inboxApi(url, response, segmentApi, 'events')

  if (pathname === '/' || pathname === '/index.html') {
    return sendHtml(response, storePage(scenarioNamed(url.searchParams.get('scenario'))))
  }
  if (pathname.startsWith('/assets/')) return sendFileFrom(response, PUBLIC, pathname.slice('/assets/'.length))
  const settingsFor = /^\/v1\/projects\/([^/]+)\/settings$/.exec(pathname)
  const scenario = settingsFor && scenarioForWriteKey(settingsFor[1])
  if (scenario) {
    const options = { origin: url.origin, writeKey: scenario.writeKey, accountId, trackEventPreset, scenarioSettings: scenario.settings }
    return sendJson(response, 200, cdnSettings(options))
  }
  if (pathname.startsWith('/analytics-next/bundles/')) {
    return sendFileFrom(response, ANALYTICS_BUNDLES, pathname.slice('/analytics-next/bundles/'.length))
  }
  if (pathname.startsWith('/dist/web/')) return sendFileFrom(response, WEB_BUNDLE, pathname.slice('/dist/web/'.length))
  if (pathname === '/vendor/optimizely-sdk.js') return sendFile(response, OPTIMIZELY_UMD)
  if (pathname === '/datafile.json') return sendFile(response, DATAFILE)
  return sendText(response, 404, 'not found')
}

/**
 * What the inspector reads from the collector or the Segment API stand-in: what arrived after
 * `?after=<id>` (ids keep rising, so polling never misses or repeats one), and the last id.
 * Every browser's events are listed; the inspector shows only its own visitors' rows.
 */
function inboxApi(url, response, inbox, listName) {
  const after = Number(url.searchParams.get('after')) || 0
  return sendJson(response, 200, { lastId: inbox.lastId, [listName]: inbox.since(after) })
}

module.exports = { startDemo, WRITE_KEY }
