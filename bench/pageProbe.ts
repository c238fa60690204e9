/**
 * Runs in the page before any of its scripts (an init script): notes the page's own timestamp
 * (performance.now()) of every Event API request as it leaves, whether the SDK sends it by XHR,
 * fetch or sendBeacon, and counts XHRs that finished. Requests pass through unchanged; nothing is
 * intercepted, so the SDK's behaviour and timing are its own.
 */

export const PROBE_KEY = '__benchEventApi'

export interface EventApiSend {
  /** performance.now() when the request was handed to the browser. */
  at: number
  via: 'xhr' | 'fetch' | 'beacon'
  /** The request body, or the Blob a beacon carried (read as text by readSends). */
  body: unknown
}

export interface ProbeState {
  sends: EventApiSend[]
  /** Event API XHRs that completed (loaded, failed or aborted). */
  finished: number
}

/** The init script. Self-contained: Playwright serialises it into the page. */
export function installEventApiProbe(key: string): void {
  const state: ProbeState = { sends: [], finished: 0 }
  ;(window as unknown as Record<string, ProbeState>)[key] = state
  const isEventApi = (url: unknown) => /\/v1\/events(\?|$)/.test(String(url))
  const urls = new WeakMap<XMLHttpRequest, string>()

  // The originals, read off the prototype as plain functions: the wrappers call them with the request as `this`.
  const original = (name: 'open' | 'send') =>
    Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, name)?.value as (this: XMLHttpRequest, ...args: unknown[]) => void
  const open = original('open')
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    urls.set(this, String(args[1]))
    return open.apply(this, args)
  }
  const send = original('send')
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    if (isEventApi(urls.get(this))) {
      state.sends.push({ at: performance.now(), via: 'xhr', body })
      this.addEventListener('loadend', () => (state.finished += 1))
    }
    return send.call(this, body)
  }

  const originalFetch = window.fetch.bind(window)
  window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
    const url = typeof input === 'string' || input instanceof URL ? input : input.url
    if (isEventApi(url)) state.sends.push({ at: performance.now(), via: 'fetch', body: init?.body })
    return originalFetch(input, init)
  }

  if (typeof navigator.sendBeacon === 'function') {
    const beacon = navigator.sendBeacon.bind(navigator)
    navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
      if (isEventApi(url)) state.sends.push({ at: performance.now(), via: 'beacon', body: data })
      return beacon(url, data)
    }
  }
}

/** Everything the probe noted in the current document, bodies as text. */
export async function readSends(key: string): Promise<Array<{ at: number; via: string; body: string }>> {
  const state = (window as unknown as Record<string, ProbeState>)[key]
  return Promise.all(
    state.sends.map(async (send) => ({
      at: send.at,
      via: send.via,
      body: typeof send.body === 'string' ? send.body : send.body instanceof Blob ? await send.body.text() : ''
    }))
  )
}
