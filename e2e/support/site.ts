/**
 * The website under test and everything it loads, on one plain-HTTP origin (127.0.0.1):
 *
 * - `/store?writeKey=…`: a page with the Segment snippet, as a website embeds it (or, for the npm
 *   tests, the site's own bundle from `/npm/`).
 * - `/v1/projects/<writeKey>/settings`: Segment's CDN settings for that write key, whose
 *   `remotePlugins` entry points at the built bundle. Each test registers its own write key, so a
 *   test's settings (datafile, Event Endpoint, …) are the CDN's answer for that page only.
 * - `/analytics-next/bundles/*`: analytics.js' standalone build and its lazy chunks, from
 *   node_modules (the standalone build loads its chunks from `<_cdn>/analytics-next/bundles/`).
 * - `/dist/web/*`: the destination bundle as built by `npm run build`.
 * - `/datafiles/<variant>.json`: the fixture datafile and its failure variants.
 * - `/segment/v1/*`: accepts analytics.js' own Tracking API calls, so they stay on this machine.
 * - `/consent/*`: for consent scenarios, Segment's consent wrapper bundled with a stand-in consent
 *   manager (support/consentPage.ts), which wraps the snippet before analytics.js loads.
 */
import fs from 'fs'
import http from 'http'
import path from 'path'
import type { AddressInfo } from 'net'
import { destination } from '../../src'
import { withHoldouts, withTargetedDelivery } from '../../src/__tests__/helpers/datafileVariants'
import { readmeCaptureScript } from '../../src/__tests__/helpers/readmeCapture'

const ROOT = path.resolve(__dirname, '../..')
const ANALYTICS_BUNDLES = path.join(ROOT, 'node_modules/@segment/analytics-next/dist/umd')
const WEB_BUNDLE = path.join(ROOT, 'dist/web')
const OPTIMIZELY_UMD = path.join(ROOT, 'node_modules/@optimizely/optimizely-sdk/dist/optimizely.browser.umd.min.js')
export const FIXTURE_DATAFILE = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures/datafile.json'), 'utf8')) as Record<string, unknown>

/** The remote plugin's names, as Segment's CDN settings carry them for this destination. */
export const DESTINATION_NAME = 'Optimizely Feature Experimentation Web (Actions)'
export const LIBRARY_NAME = 'optimizely-feature-experimentationDestination'

/** How long the `late` datafile keeps the destination waiting (within its load bound). */
export const LATE_DATAFILE_DELAY_MS = 2000

export type DatafileVariant = 'fixture' | 'eu' | 'other-account' | 'missing' | 'text' | 'late' | 'delivery' | 'classic' | 'holdout'

/** The fixture plus the event keys Segment's classic Optimizely integration created (page views). */
const CLASSIC_EVENTS = [
  { id: '8101', key: 'Viewed Home Page', experimentIds: ['2001'] },
  { id: '8102', key: 'Viewed Docs Setup Page', experimentIds: ['2001'] }
]

/** An event analytics.js delivered to Segment's Tracking API (here: this server). */
export interface SegmentApiEvent {
  type: string
  event?: string
  userId?: string | null
  anonymousId?: string
  properties?: Record<string, unknown>
  integrations?: Record<string, unknown>
  /** With a consent manager: `consent.categoryPreferences`, the visitor's choice the event was stamped with. */
  context?: { consent?: { categoryPreferences?: Record<string, boolean> } }
}

export interface ScenarioOptions {
  datafile?: DatafileVariant
  /** Device-mode settings that differ from the defaults (account and datafile of the fixture). */
  settings?: Record<string, unknown>
  /**
   * The page creates its own Optimizely client before the snippet and publishes it where
   * Segment's classic integration looked for it, `window.optimizelyClientInstance`.
   */
  publishPageClient?: boolean
  /**
   * How the page gets analytics.js: the Segment snippet (default), or a site bundle built from
   * npm (see e2e/npmPage/entry.ts) that passes the factory as a plugin source or calls it itself.
   */
  loader?: PageLoader
  /** For `npm-module`: the ES module under `npmPageDir` the page loads (`<script type="module">`). */
  npmModule?: string
  /** The page's write key (default: a fresh one per scenario), when the site's code names its own. */
  writeKey?: string
  /**
   * Whether the CDN settings list this destination as a remote plugin (default true). A site that
   * calls the factory with its own settings has not connected it in Segment: false.
   */
  remotePlugin?: boolean
  /** The names of the destination's presets the CDN settings subscribe it with (default: Track Event). */
  presets?: string[]
  /**
   * Settings of more instances of this destination on the same source (the web and the
   * marketing project, say): each another `remotePlugins` entry with its own name, settings and
   * the Track Event subscription, as Segment serves a destination connected twice.
   */
  moreInstances?: Array<Record<string, unknown>>
  /** The page pastes the README's capture snippet and captures its client right after creating it. */
  capture?: boolean
  /** The page decides this flag for this visitor as soon as its client is ready (the result at `window.earlyDecision`). */
  decideEarly?: { userId: string; flagKey: string }
  /**
   * The destination's script is not answered on this page until `site.releaseDestination(writeKey)`
   * (never, without it): analytics.js has not loaded the destination yet (a slow CDN, a page left early).
   */
  holdDestination?: boolean
  /**
   * A consent manager on the page (Segment's consent wrapper, see e2e/consentPage/entry.ts), and
   * the consent categories the Segment app maps this destination to in the CDN settings.
   */
  consent?: ConsentScenario
}

export interface ConsentScenario {
  model: 'opt-in' | 'opt-out'
  /** The destination's consent categories, e.g. ['C0002']. */
  categories: string[]
  /** The visitor's choice until they make one. */
  initial: Record<string, boolean>
}

/**
 * `npm-module`: a site bundle that starts analytics.js itself, loaded as an ES module (the
 * consumer test's esbuild output; see support/consumerApp.ts).
 */
export type PageLoader = 'snippet' | 'npm-remote-plugin' | 'npm-plugins' | 'npm-module'

export interface Scenario {
  writeKey: string
  pageUrl: string
  datafileUrl: string
  settings: Record<string, unknown>
  publishPageClient: boolean
  loader: PageLoader
  npmModule: string | undefined
  remotePlugin: boolean
  presets: string[]
  moreInstances: Array<Record<string, unknown>>
  capture: boolean
  decideEarly: { userId: string; flagKey: string } | undefined
  holdDestination: boolean
  consent: ConsentScenario | undefined
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8'
}

/** A preset (the Track Event preset by default) as the Segment app turns it into a subscription of the destination. */
function presetSubscription(name = 'Track Event') {
  const preset = destination.presets?.find((candidate) => candidate.name === name)
  if (!preset || !('subscribe' in preset)) throw new Error(`the destination has no preset "${name}" with a subscription`)
  return {
    id: `e2e ${name}`,
    name: preset.name,
    enabled: true,
    partnerAction: preset.partnerAction,
    subscribe: preset.subscribe,
    mapping: preset.mapping
  }
}

export class Site {
  private readonly scenarios = new Map<string, Scenario>()
  private scenarioCount = 0
  /** Datafile requests by variant: received, and answered so far. */
  readonly datafileRequests: Record<string, { received: number; answered: number }> = {}
  /** Calls analytics.js made to its own Tracking API (kept local by the CDN settings). */
  readonly segmentApiCalls: string[] = []
  /** What those calls carried: every event that reached Segment from the page. */
  readonly segmentApiEvents: SegmentApiEvent[] = []
  /** Files of dist/web that were fetched (a page bundling the package from npm fetches none). */
  readonly webBundleRequests: string[] = []
  /** The site bundle built from npm, once a test file has built it (support/npmPage.ts). */
  npmPageDir: string | undefined
  /** Destination script requests held per write key, and the write keys released. */
  private readonly heldDestinations = new Map<string, Array<() => void>>()
  private readonly releasedDestinations = new Set<string>()
  /** The consent wrapper's page script, once a test file has built it (support/consentPage.ts). */
  consentPageDir: string | undefined
  /** Extra wait before answering, per variant: the same datafile URL can be prompt, then late. */
  private readonly datafileDelays = new Map<DatafileVariant, number>()
  /** Lazy chunks of dist/web answered 404 (by chunk name), as a CDN that lost them would. */
  private readonly missingChunks = new Set<string>()

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<Site> {
    const server = http.createServer()
    const site = new Site(server)
    server.on('request', (request, response) => site.handle(request, response))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return site
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  datafileUrl(variant: DatafileVariant): string {
    return `${this.origin}/datafiles/${variant}.json`
  }

  addScenario(options: ScenarioOptions = {}): Scenario {
    this.scenarioCount += 1
    const writeKey = options.writeKey ?? `e2eWriteKey${this.scenarioCount}`
    const datafileUrl = this.datafileUrl(options.datafile ?? 'fixture')
    const settings = { accountId: String(FIXTURE_DATAFILE.accountId), dataFileUrl: datafileUrl, logLevel: 'warn', ...options.settings }
    const scenario = {
      writeKey,
      pageUrl: `${this.origin}/store?writeKey=${writeKey}`,
      datafileUrl,
      settings,
      publishPageClient: options.publishPageClient ?? false,
      loader: options.loader ?? 'snippet',
      npmModule: options.npmModule,
      remotePlugin: options.remotePlugin ?? true,
      presets: options.presets ?? ['Track Event'],
      moreInstances: (options.moreInstances ?? []).map((instance) => ({ accountId: settings.accountId, logLevel: 'warn', ...instance })),
      capture: options.capture ?? false,
      decideEarly: options.decideEarly,
      holdDestination: options.holdDestination ?? false,
      consent: options.consent
    }
    this.scenarios.set(writeKey, scenario)
    return scenario
  }

  /**
   * From now on, answer `variant` `delayMs` late. A returning visitor's cached datafile is keyed by
   * its URL, so the slow second visit must ask the URL that answered promptly on the first.
   */
  delayDatafile(variant: DatafileVariant, delayMs: number): void {
    this.datafileDelays.set(variant, delayMs)
  }

  /** From now on, answer 404 for the lazy chunk `name` of dist/web (e.g. `optimizely-sdk`). */
  loseChunk(name: string): void {
    this.missingChunks.add(name)
  }

  /** Answers the held destination script of `writeKey`'s page, now and from now on. */
  releaseDestination(writeKey: string): void {
    this.releasedDestinations.add(writeKey)
    for (const answer of this.heldDestinations.get(writeKey) ?? []) answer()
    this.heldDestinations.delete(writeKey)
  }

  /** Forget the request counts and datafile delays (between tests). */
  reset(): void {
    this.heldDestinations.clear()
    this.releasedDestinations.clear()
    for (const variant of Object.keys(this.datafileRequests)) delete this.datafileRequests[variant]
    this.datafileDelays.clear()
    this.missingChunks.clear()
    this.segmentApiCalls.length = 0
    this.segmentApiEvents.length = 0
    this.webBundleRequests.length = 0
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', this.origin)
    const route = url.pathname

    if (request.method === 'POST' && route.startsWith('/segment/v1/')) {
      this.segmentApiCalls.push(route)
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        try {
          this.segmentApiEvents.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SegmentApiEvent)
        } catch {
          // Not an event (analytics.js' metrics are off); the route is still counted.
        }
        sendJson(response, 200, { success: true })
      })
      return
    }
    if (request.method !== 'GET') return void response.writeHead(405).end()

    // Chromium asks every origin for one; a 404 would be a console error in every test.
    if (route === '/favicon.ico') return void response.writeHead(204).end()
    if (route === '/store') return this.sendStorePage(url.searchParams.get('writeKey') ?? '', response)
    if (route === '/elsewhere')
      return void response
        .writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'] })
        .end('<!doctype html><title>Elsewhere</title><p>Another page.</p>')
    const settingsMatch = /^\/v1\/projects\/([^/]+)\/settings$/.exec(route)
    if (settingsMatch) return this.sendCdnSettings(settingsMatch[1], response)
    const datafileMatch = /^\/datafiles\/([a-z-]+)\.json$/.exec(route)
    if (datafileMatch) return this.sendDatafile(datafileMatch[1] as DatafileVariant, response)
    if (route.startsWith('/analytics-next/bundles/'))
      return sendFileFrom(ANALYTICS_BUNDLES, route.slice('/analytics-next/bundles/'.length), response)
    if (route.startsWith('/dist/web/')) {
      this.webBundleRequests.push(route)
      const chunk = /^\/dist\/web\/([a-z-]+)\.[0-9a-f]{8}\.js$/.exec(route)?.[1]
      if (chunk && this.missingChunks.has(chunk)) {
        response.writeHead(404, { 'Content-Type': 'text/plain' })
        return void response.end('not found')
      }
      const held = url.searchParams.get('held')
      if (held !== null && !this.releasedDestinations.has(held)) {
        // Answered on release, if the page is still there.
        const pending = this.heldDestinations.get(held) ?? []
        pending.push(() => sendFileFrom(WEB_BUNDLE, route.slice('/dist/web/'.length), response))
        this.heldDestinations.set(held, pending)
        return
      }
      return sendFileFrom(WEB_BUNDLE, route.slice('/dist/web/'.length), response)
    }
    if (route.startsWith('/npm/') && this.npmPageDir) return sendFileFrom(this.npmPageDir, route.slice('/npm/'.length), response)
    if (route.startsWith('/consent/') && this.consentPageDir)
      return sendFileFrom(this.consentPageDir, route.slice('/consent/'.length), response)
    if (route === '/vendor/optimizely.browser.umd.min.js') return sendFile(OPTIMIZELY_UMD, response)
    response.writeHead(404).end()
  }

  private sendStorePage(writeKey: string, response: http.ServerResponse): void {
    const scenario = this.scenarios.get(writeKey)
    if (!scenario) return void response.writeHead(404).end('unknown write key')
    const early = scenario.decideEarly
    const pageClient = scenario.publishPageClient
      ? `<script src="/vendor/optimizely.browser.umd.min.js"></script>
${scenario.capture ? `<script>${readmeCaptureScript()}</script>` : ''}
<script>
window.optimizelyClientInstance = optimizelySdk.createInstance({
  projectConfigManager: optimizelySdk.createPollingProjectConfigManager({ sdkKey: 'store', urlTemplate: ${JSON.stringify(scenario.datafileUrl)} }),
  eventProcessor: optimizelySdk.createBatchEventProcessor()
})
${scenario.capture ? 'captureOptimizelyDecisions(window.optimizelyClientInstance)' : ''}
${
  early
    ? `window.optimizelyClientInstance.onReady().then(function () {
  window.earlyDecision = window.optimizelyClientInstance.createUserContext(${JSON.stringify(early.userId)}).decide(${JSON.stringify(early.flagKey)})
})`
    : ''
}
</script>
`
      : ''
    const loader = scenario.consent
      ? this.consentSnippet(writeKey, scenario.consent)
      : scenario.loader === 'snippet'
        ? this.snippet(writeKey)
        : scenario.loader === 'npm-module'
          ? `<script type="module" src="/npm/${scenario.npmModule ?? 'npmModule missing'}"></script>`
          : this.npmBundle(scenario)
    const html = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>Store</title>
${pageClient}${loader}
</head>
<body><h1>Store</h1></body>
</html>`
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'], 'Cache-Control': 'no-store' }).end(html)
  }

  /**
   * The Segment snippet's contract with the standalone build: a `window.analytics` array that
   * buffers calls as [method, ...args] until analytics.js replaces it, plus `_writeKey` and
   * `_cdn` (where the settings and the lazy chunks come from).
   */
  private snippet(writeKey: string): string {
    return `<script>
(function () {
  var analytics = (window.analytics = window.analytics || [])
  if (analytics.initialize || analytics.invoked) return
  analytics.invoked = true
  var methods = ['track', 'identify', 'page', 'group', 'alias', 'ready', 'reset', 'debug', 'on', 'once', 'off', 'addSourceMiddleware', 'addIntegrationMiddleware', 'setAnonymousId', 'addDestinationMiddleware', 'register']
  methods.forEach(function (method) {
    analytics[method] = function () {
      var call = Array.prototype.slice.call(arguments)
      call.unshift(method)
      analytics.push(call)
      return analytics
    }
  })
  analytics._writeKey = ${JSON.stringify(writeKey)}
  analytics._cdn = ${JSON.stringify(this.origin)}
  var script = document.createElement('script')
  script.async = true
  script.src = ${JSON.stringify(`${this.origin}/analytics-next/bundles/standalone.js`)}
  document.head.appendChild(script)
  analytics.page()
})()
</script>`
  }

  /**
   * The snippet as Segment's consent integrations expect it: a stub with `load()` (which injects
   * analytics.js and hands it the options the wrapper adds), wrapped by the consent wrapper before
   * anything loads; the wrapper's page script then calls `load` and `page`.
   */
  private consentSnippet(writeKey: string, consent: ConsentScenario): string {
    return `<script>
(function () {
  var analytics = (window.analytics = window.analytics || [])
  if (analytics.initialize || analytics.invoked) return
  analytics.invoked = true
  var methods = ['track', 'identify', 'page', 'group', 'alias', 'ready', 'reset', 'debug', 'on', 'once', 'off', 'addSourceMiddleware', 'addIntegrationMiddleware', 'setAnonymousId', 'addDestinationMiddleware', 'register']
  methods.forEach(function (method) {
    analytics[method] = function () {
      var call = Array.prototype.slice.call(arguments)
      call.unshift(method)
      analytics.push(call)
      return analytics
    }
  })
  analytics.load = function (key, options) {
    var script = document.createElement('script')
    script.async = true
    script.src = ${JSON.stringify(`${this.origin}/analytics-next/bundles/standalone.js`)}
    document.head.appendChild(script)
    analytics._loadOptions = options
  }
  analytics._writeKey = ${JSON.stringify(writeKey)}
  analytics._cdn = ${JSON.stringify(this.origin)}
})()
</script>
<script src="/consent/consent.js"></script>
<script>window.startConsentWrapper(${JSON.stringify({ model: consent.model, initial: consent.initial })})</script>`
  }

  /** The site's own bundle (analytics.js and this package from npm), started with the scenario. */
  private npmBundle(scenario: Scenario): string {
    const options = {
      mode: scenario.loader === 'npm-remote-plugin' ? 'remote-plugin' : 'plugins',
      writeKey: scenario.writeKey,
      cdnURL: this.origin,
      apiHost: `${new URL(this.origin).host}/segment/v1`,
      settings: scenario.settings
    }
    return `<script src="/npm/page.js"></script>
<script>window.startStore(${JSON.stringify(options)})</script>`
  }

  private sendCdnSettings(writeKey: string, response: http.ServerResponse): void {
    const scenario = this.scenarios.get(writeKey)
    if (!scenario) return sendJson(response, 404, { error: 'unknown write key' })
    const localApi = `${new URL(this.origin).host}/segment/v1`
    sendJson(response, 200, {
      integrations: {
        // analytics.js' own delivery, pointed at this server instead of api.segment.io.
        'Segment.io': {
          apiKey: writeKey,
          apiHost: localApi,
          protocol: 'http',
          unbundledIntegrations: [],
          addBundledMetadata: true,
          maybeBundledConfigIds: {}
        },
        ...(scenario.consent ? this.consentIntegration(scenario.settings, scenario.consent) : {})
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
      // No sampling: analytics.js' own metrics would otherwise go to Segment.
      metrics: { sampleRate: 0, host: localApi },
      legacyVideoPluginsEnabled: false,
      ...(scenario.consent ? { consentSettings: { allCategories: scenario.consent.categories, hasUnmappedDestinations: true } } : {}),
      remotePlugins: scenario.remotePlugin
        ? [scenario.settings, ...scenario.moreInstances].map((settings, index) => ({
            name: index === 0 ? DESTINATION_NAME : `${DESTINATION_NAME} ${index + 1}`,
            creationName: DESTINATION_NAME,
            libraryName: LIBRARY_NAME,
            url: `${this.origin}/dist/web/optimizely-feature-experimentation.js${scenario.holdDestination ? `?held=${writeKey}` : ''}`,
            settings: {
              ...settings,
              subscriptions: (index === 0 ? scenario.presets : ['Track Event']).map((name) => presetSubscription(name))
            }
          }))
        : []
    })
  }

  /**
   * Consent in the CDN settings as the Segment app writes it: the destination's categories on its
   * `integrations` entry (beside its settings, without the subscriptions), which analytics.js
   * merges into the settings it calls the plugin factory with. The top-level `consentSettings`
   * lists the source's categories; Segment itself is mapped to none, so it always loads.
   */
  private consentIntegration(settings: Record<string, unknown>, consent: ConsentScenario) {
    return { [DESTINATION_NAME]: { ...settings, consentSettings: { categories: consent.categories } } }
  }

  private sendDatafile(variant: DatafileVariant, response: http.ServerResponse): void {
    const counts = (this.datafileRequests[variant] ??= { received: 0, answered: 0 })
    counts.received += 1
    const delayMs = this.datafileDelays.get(variant) ?? 0
    const answer = (status: number, contentType: string, body: string) => {
      const send = () => {
        counts.answered += 1
        response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(body)
      }
      if (delayMs <= 0) return send()
      const timer = setTimeout(send, delayMs)
      response.on('close', () => clearTimeout(timer))
    }
    const json = (datafile: Record<string, unknown>) => answer(200, CONTENT_TYPES['.json'], JSON.stringify(datafile))
    switch (variant) {
      case 'fixture':
        return json(FIXTURE_DATAFILE)
      case 'eu':
        return json({ ...FIXTURE_DATAFILE, region: 'EU' })
      case 'delivery':
        return json(withTargetedDelivery(FIXTURE_DATAFILE))
      case 'classic':
        return json({ ...FIXTURE_DATAFILE, events: [...(FIXTURE_DATAFILE.events as unknown[]), ...CLASSIC_EVENTS] })
      case 'holdout':
        // A global holdout of every visitor: each decision of every flag is the holdout's.
        return json(withHoldouts(FIXTURE_DATAFILE, { global: 100 }))
      case 'other-account':
        return json({ ...FIXTURE_DATAFILE, accountId: '99999999999' })
      case 'missing':
        return answer(404, 'application/xml', '<Error><Code>NoSuchKey</Code></Error>')
      case 'text':
        // What a deactivated or archived project's datafile URL answers: not JSON.
        return answer(200, 'text/plain', 'This project is no longer active.')
      case 'late': {
        const timer = setTimeout(() => json(FIXTURE_DATAFILE), LATE_DATAFILE_DELAY_MS)
        response.on('close', () => clearTimeout(timer))
        return
      }
      default:
        counts.received -= 1
        return void response.writeHead(404).end()
    }
  }
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': CONTENT_TYPES['.json'], 'Cache-Control': 'no-store' }).end(JSON.stringify(body))
}

/** Serves a file below `directory`, refusing paths that climb out of it. */
function sendFileFrom(directory: string, relative: string, response: http.ServerResponse): void {
  const file = path.resolve(directory, decodeURIComponent(relative))
  if (!file.startsWith(directory + path.sep)) return void response.writeHead(404).end()
  sendFile(file, response)
}

function sendFile(file: string, response: http.ServerResponse): void {
  fs.readFile(file, (error, content) => {
    if (error) return void response.writeHead(404).end()
    response
      .writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' })
      .end(content)
  })
}
