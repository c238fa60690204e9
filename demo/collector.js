/**
 * The demo's stand-in for Optimizely's Event API (`POST /v1/events`). It keeps every batch it
 * accepts in memory so the inspector panel can show what Optimizely would have received; nothing
 * is forwarded anywhere.
 *
 * Bodies are parsed as JSON whatever their Content-Type: the SDK's XHR sends application/json,
 * and the beacon it sends while the page unloads is a Blob whose type the browser may report
 * differently.
 */

const { readJsonBody, sendJson } = require('./replies')

/** A long-running demo should not grow without bound; the inspector only needs recent batches. */
const MAX_BATCHES = 500

class Collector {
  constructor() {
    this.batches = []
    /** Ids keep increasing across clears, so an inspector polling with `after` never misses one. */
    this.lastId = 0
  }

  /** Reads one POST: 200 for a JSON body (the SDK only checks for a 2xx), 400 for anything else. */
  receive(request, response, via) {
    readJsonBody(request, response, (body) => {
      this.add(body, via)
      sendJson(response, 200, {})
    })
  }

  add(body, via) {
    this.lastId += 1
    this.batches.push({ id: this.lastId, receivedAt: Date.now(), via, body })
    if (this.batches.length > MAX_BATCHES) this.batches.shift()
  }

  /** Batches with an id above `afterId` (all of them for 0), oldest first. */
  since(afterId) {
    return this.batches.filter((batch) => batch.id > afterId)
  }

  clear() {
    this.batches = []
  }
}

module.exports = { Collector }
