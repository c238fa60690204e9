/**
 * Types for demo/server.js (plain JavaScript so `npm start` needs no compiler), for the e2e test
 * that starts the demo.
 */

/** One POST to the demo's Event API collector. */
export interface ReceivedBatch {
  /** Increases with every batch, across clears. */
  id: number
  /** Date.now() when the collector received it. */
  receivedAt: number
  /** Who sent it: `destination` (the Segment destination), `site` (the page's own client). */
  via: string
  /** The parsed JSON body, as the SDK built it. */
  body: unknown
}

export interface DemoCollector {
  /** Received batches, oldest first. */
  readonly batches: ReceivedBatch[]
  readonly lastId: number
  since(afterId: number): ReceivedBatch[]
  clear(): void
}

/** One event analytics.js delivered to the demo's Segment Tracking API stand-in. */
export interface ReceivedSegmentEvent {
  /** Increases with every event, across clears. */
  id: number
  /** Date.now() when it arrived. */
  receivedAt: number
  /** The endpoint it was posted to: `t` track, `p` page, `i` identify, … (`b` for a batch's events). */
  endpoint: string
  /** The event as analytics.js sent it: type, event, properties, integrations, userId, anonymousId, … */
  body: Record<string, unknown>
}

export interface DemoSegmentApi {
  /** Received events, oldest first. */
  readonly events: ReceivedSegmentEvent[]
  readonly lastId: number
  since(afterId: number): ReceivedSegmentEvent[]
  clear(): void
}

export interface Demo {
  /** http://localhost:<port>/ */
  url: string
  port: number
  collector: DemoCollector
  segmentApi: DemoSegmentApi
  close(): Promise<void>
}

/** Serves the demo; `port: 0` picks a free port. Listens on 127.0.0.1 unless `host` says otherwise. */
export function startDemo(options?: { port?: number; host?: string }): Promise<Demo>

/** The write key of the default scenario's source (the page's client reused); demo/scenarios.js has the others. */
export const WRITE_KEY: string
