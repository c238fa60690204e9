/**
 * Shows the destination's console output on the page as well (the store's "Destination console"
 * card), so a demo audience sees the warnings for malformed calls and the error a wrong setting
 * causes without opening the developer tools. Loaded before analytics.js: it wraps console.warn
 * and console.error once, and every message still reaches the console unchanged.
 */
;(() => {
  /** The prefix the destination puts on every console message (src/client/consoleLog.ts). */
  const PREFIX = '[Optimizely Feature Experimentation]'
  const messages = []

  for (const level of ['warn', 'error']) {
    const original = console[level]
    console[level] = function (...args) {
      original.apply(console, args)
      const text = args.map(String).join(' ')
      if (!text.startsWith(PREFIX)) return
      const message = { level, text: text.slice(PREFIX.length).trim() }
      messages.push(message)
      window.dispatchEvent(new CustomEvent('demo:destination-console', { detail: message }))
    }
  }

  /** What the destination has printed so far, oldest first (the card shows later ones as they come). */
  window.demoDestinationConsole = messages
})()
