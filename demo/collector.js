/**
 * The demo's stand-in for Optimizely's Event API (`POST /v1/events`). It keeps every batch it
 * accepts in memory so the inspector panel can show what Optimizely would have received; nothing
 * is forwarded anywhere.
 *
 * Bodies are parsed as JSON whatever their Content-Type: the SDK's XHR sends application/json,
 * and the beacon it sends while the page unloads is a Blob whose type the browser may report
 * differently.
 */

const { sendJson } = require('./replies')

/** A long-running demo should not grow without bound; the inspector only needs recent batches. */
const MAX_BATCHES = 500
/** Event API batches are a few kilobytes; anything far larger is not one. */
const MAX_BODY_BYTES = 1024 * 1024

class Collector {
  constructor() {
    this.batches = []
    /** Ids keep increasing across clears, so an inspector polling with `after` never misses one. */
    this.lastId = 0
  }

  /** Reads one POST: 200 for a JSON body (the SDK only checks for a 2xx), 400 for anything else. */
  receive(request, response, via) {
    const chunks = []
    let size = 0
    let tooLarge = false
    request.on('data', (chunk) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    request.on('end', () => {
      if (tooLarge) return sendJson(response, 413, { error: 'body too large' })
      let body
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return sendJson(response, 400, { error: 'body is not JSON' })
      }
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
