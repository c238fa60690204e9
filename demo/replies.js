/**
 * The few kinds of answer the demo server gives: JSON, and files from a fixed directory. Nothing is
 * cached, so a rebuilt bundle or an edited page shows up on the next reload.
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

function sendJson(response, status, body) {
  response.writeHead(status, { 'Content-Type': CONTENT_TYPES['.json'], 'Cache-Control': 'no-store' })
  response.end(JSON.stringify(body))
}

function sendText(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(text)
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

module.exports = { sendJson, sendText, sendFile, sendFileFrom }
