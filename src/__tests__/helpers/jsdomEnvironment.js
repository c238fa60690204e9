/**
 * jsdom as jest sets it up, plus the WHATWG fetch classes Node has and jsdom lacks. nock's
 * interceptors build Request/Response objects for every intercepted XMLHttpRequest; the page's
 * own globals (XMLHttpRequest, navigator, localStorage) stay jsdom's. The console of passing
 * tests is held back (quietConsole.js).
 */
const { TestEnvironment } = require('jest-environment-jsdom')
const { holdConsoleBack } = require('./quietConsole')

const FROM_NODE = [
  'Request',
  'Response',
  'Headers',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'TextEncoder',
  'TextDecoder',
  'BroadcastChannel'
]

class JsdomWithFetchClasses extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    for (const name of FROM_NODE) {
      if (this.global[name] === undefined) this.global[name] = globalThis[name]
    }
    this.handleTestEvent = holdConsoleBack(this)
  }
}

module.exports = JsdomWithFetchClasses
