/**
 * The demo's stand-in for Segment's Tracking API (`POST /segment/v1/<endpoint>`, where the CDN
 * settings point analytics.js). It answers as Segment does and keeps every event in memory, so the
 * inspector can show what Segment, and every cloud destination behind it, would have received:
 * the store's page, identify and track calls, and the Experiment Viewed events the destination
 * sends for Optimizely decisions. Nothing is forwarded anywhere.
 *
 * analytics.js posts one event per request, to an endpoint named after its type (`t` track, `p`
 * page, `i` identify, `g` group, `a` alias); with the batching delivery strategy it posts
 * `{ batch: [...] }` to `b` instead, and each event in it is kept on its own.
 */

const { readJsonBody, sendJson } = require('./replies')

/** A long-running demo should not grow without bound; the inspector only needs recent events. */
const MAX_EVENTS = 500

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

class SegmentApi {
  constructor() {
    this.events = []
    /** Ids keep increasing across clears, so an inspector polling with `after` never misses one. */
    this.lastId = 0
  }

  /** Reads one POST: 200 with Segment's `{ success: true }` for a JSON body, 400 for anything else. */
  receive(request, response, endpoint) {
    readJsonBody(request, response, (body) => {
      const events = endpoint === 'b' && isObject(body) && Array.isArray(body.batch) ? body.batch : [body]
      for (const event of events) if (isObject(event)) this.add(event, endpoint)
      sendJson(response, 200, { success: true })
    })
  }

  add(body, endpoint) {
    this.lastId += 1
    this.events.push({ id: this.lastId, receivedAt: Date.now(), endpoint, body })
    if (this.events.length > MAX_EVENTS) this.events.shift()
  }

  /** Events with an id above `afterId` (all of them for 0), oldest first. */
  since(afterId) {
    return this.events.filter((event) => event.id > afterId)
  }

  clear() {
    this.events = []
  }
}

module.exports = { SegmentApi }
