/**
 * The few kinds of answer the demo server gives (JSON, text, a filled-in page, and files from a fixed
 * directory), and the one kind of request body it reads (JSON). Nothing is cached, so a rebuilt bundle or
 * an edited page shows up on the next reload.
 */
const fs = require('fs')
const path = require('path')

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml'
}

/** What the demo receives (Event API batches, Segment events) is a few kilobytes; anything far larger is not one. */
const MAX_BODY_BYTES = 1024 * 1024

/**
 * Reads a POST body as JSON whatever its Content-Type (analytics.js sends text/plain to avoid a
 * CORS preflight; a beacon's Blob type varies by browser) and hands it to `onBody`, which answers.
 * A body that is too large or not JSON is answered here, 413 or 400.
 */
function readJsonBody(request, response, onBody) {
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
    onBody(body)
  })
}

function sendJson(response, status, body) {
  response.writeHead(status, { 'Content-Type': CONTENT_TYPES['.json'], 'Cache-Control': 'no-store' })
  response.end(JSON.stringify(body))
}

function sendText(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(text)
}

/** A page the server fills in itself (the store page for one scenario). */
function sendHtml(response, html) {
  response.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html'], 'Cache-Control': 'no-store' })
  response.end(html)
}

function sendFile(response, file) {
  fs.readFile(file, (error, content) => {
    if (error) return sendText(response, 404, 'not found')
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] || 'application/octet-stream',
      'Cache-Control': 'no-store'
    })
    response.end(content)
  })
}

/** Serves `relative` from inside `directory` only: `..` or an absolute path cannot climb out. */
function sendFileFrom(response, directory, relative) {
  let decoded
  try {
    decoded = decodeURIComponent(relative)
  } catch {
    return sendText(response, 400, 'bad path')
  }
  const file = path.resolve(directory, decoded)
  if (!file.startsWith(directory + path.sep)) return sendText(response, 404, 'not found')
  sendFile(response, file)
}

module.exports = { readJsonBody, sendJson, sendText, sendHtml, sendFile, sendFileFrom }
