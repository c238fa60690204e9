/**
 * A local stand-in for Optimizely's Event API. Chromium resolves logx.optimizely.com,
 * eu.logx.optimizely.com (and a proxy host for the Event Endpoint setting) to this HTTPS server,
 * so the SDK's real XHR and sendBeacon requests land here unaltered: no request interception,
 * which would lose the keepalive beacons a page sends while it unloads. cdn.optimizely.com
 * resolves here too, for the datafiles a test registers with serveDatafile().
 */
import https from 'https'
import type { AddressInfo } from 'net'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'http'
import type { Certificate } from './certificate'

/** One POST as the collector saw it, with what it answered. */
export interface ReceivedRequest {
  /** The Host header without the port: tells the US endpoint from the EU one or a proxy. */
  host: string
  path: string
  headers: IncomingHttpHeaders
  /** The collector's answer: 200, 500 while failures were requested, or the status it refuses with. */
  status: number
  /** The parsed JSON body (undefined when the body was not JSON). */
  body: EventBatch | undefined
  rawBody: string
}

/** The Event API body, as far as the tests read it. */
export interface EventBatch {
  account_id: string
  project_id: string
  revision: string
  client_name: string
  client_version: string
  anonymize_ip: boolean
  enrich_decisions: boolean
  visitors: Array<{
    visitor_id: string
    attributes: Array<{ entity_id: string; key: string; type: string; value: unknown }>
    snapshots: Array<{
      decisions: Array<{ campaign_id: string; experiment_id: string; variation_id: string; metadata?: Record<string, unknown> }>
      events: Array<{
        entity_id: string
        key: string
        timestamp: number
        uuid: string
        revenue?: number
        value?: number
        tags?: Record<string, unknown>
      }>
    }>
  }>
}

export class Collector {
  readonly requests: ReceivedRequest[] = []
  private failuresLeft = 0
  private refusalStatus: number | undefined
  /** Datafiles served on GET, by path (Optimizely's datafile CDN resolves here too). */
  private readonly datafiles = new Map<string, string>()
  /** Paths of the datafiles fetched since the last reset(). */
  readonly datafileFetches: string[] = []

  private constructor(private readonly server: https.Server) {}

  static async start(certificate: Certificate): Promise<Collector> {
    const server = https.createServer({ key: certificate.key, cert: certificate.cert })
    const collector = new Collector(server)
    server.on('request', (request, response) => collector.handle(request, response))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return collector
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port
  }

  /** Answer the next `count` POSTs with 500, as an Event API outage would. */
  failNext(count: number): void {
    this.failuresLeft = count
  }

  /** Answer every POST from now on with `status` (a 4xx: Optimizely refusing the batches for good). */
  refuse(status: number): void {
    this.refusalStatus = status
  }

  /**
   * Answer GET `path` (e.g. `/datafiles/<SDK key>.json` on cdn.optimizely.com) with `datafile`,
   * for pages whose datafile URL is Optimizely's CDN. Kept across reset().
   */
  serveDatafile(path: string, datafile: Record<string, unknown>): void {
    this.datafiles.set(path, JSON.stringify(datafile))
  }

  /** Forget what was received (between tests; each test also uses its own visitor IDs). */
  reset(): void {
    this.requests.length = 0
    this.datafileFetches.length = 0
    this.failuresLeft = 0
    this.refusalStatus = undefined
  }

  /** Requests the collector answered with 200: what Optimizely would have counted. */
  accepted(): ReceivedRequest[] {
    return this.requests.filter((request) => request.status === 200)
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    // The page is on another origin, and the SDK's XHR and beacon (a credentialed JSON Blob) both
    // need a CORS preflight; echoing the origin is what allows credentials.
    const origin = request.headers.origin
    response.setHeader('Access-Control-Allow-Origin', origin ?? '*')
    if (origin) response.setHeader('Access-Control-Allow-Credentials', 'true')
    response.setHeader('Vary', 'Origin')

    if (request.method === 'OPTIONS') {
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
      response.setHeader('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? 'content-type')
      response.setHeader('Access-Control-Max-Age', '600')
      response.writeHead(204).end()
      return
    }
    if (request.method === 'GET') {
      const datafile = this.datafiles.get(request.url ?? '')
      if (datafile === undefined) return void response.writeHead(404).end()
      this.datafileFetches.push(request.url ?? '')
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(datafile)
      return
    }
    if (request.method !== 'POST') {
      response.writeHead(405).end()
      return
    }

    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8')
      const status = this.refusalStatus ?? (this.failuresLeft > 0 ? 500 : 200)
      if (status === 500 && this.refusalStatus === undefined) this.failuresLeft -= 1
      this.requests.push({
        host: (request.headers.host ?? '').replace(/:\d+$/, ''),
        path: request.url ?? '',
        headers: request.headers,
        status,
        body: parseJson(rawBody),
        rawBody
      })
      const answer = status === 200 ? '{}' : this.refusalStatus === undefined ? '{"error":"simulated outage"}' : '{"error":"refused"}'
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(answer)
    })
  }
}

function parseJson(text: string): EventBatch | undefined {
  try {
    return JSON.parse(text) as EventBatch
  } catch {
    return undefined
  }
}
