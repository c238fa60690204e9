/**
 * The consent gate as the rest of the destination reaches it: started at initialize when the
 * destination has consent categories, and a lazy chunk (`consent`) in the web bundle, so a page
 * without a consent manager never downloads it. src/consent/index.ts is the gate itself.
 *
 * It loads beside the client (src/index.ts waits for both), so a consent page costs no extra round
 * trip before its first conversion. Until it has loaded no event can have been judged: the action
 * waits for it before anything else, and the destination's own client, which is created only
 * after both have loaded, is held by it from the start.
 */
import type { Analytics } from '@segment/analytics-next'
import type { Consent } from '.'
import { consentCategories } from './stamp'
import { consentObserver } from './observer'
import { LOG_PREFIX } from '../client/consoleLog'
import { consentCodeMissing } from '../messages/page'

const loading = new WeakMap<object, Promise<Consent>>()

/** Events seen before the gate loaded, at most this many (a page sends a few in one round trip). */
const MAX_EARLY_EVENTS = 100

/**
 * Starts loading the gate for these settings; undefined when the destination has no consent
 * categories (then nothing changes). Its observer is registered at once, so the page's first
 * events (its `page()` call, a consent change) are kept and shown to the gate when it arrives.
 */
export function startConsent(settings: object & { logLevel?: unknown }, analytics: Analytics): Promise<Consent> | undefined {
  if (consentCategories(settings).length === 0) return undefined
  let gate: Consent | undefined
  const early: unknown[] = []
  const watcher = {
    admits(event: unknown) {
      if (gate) return gate.admits(event)
      // The newest are kept: the latest stamp is the visitor's choice.
      if (early.push(event) > MAX_EARLY_EVENTS) early.shift()
      return true
    }
  }
  try {
    // Not awaited: registering must not hold up the destination's own load.
    analytics.register(consentObserver(watcher)).catch(() => undefined)
  } catch {
    // A host without register(): the action still reads each event's stamp as it arrives.
  }
  const started = import(/* webpackChunkName: "consent" */ '.').then(({ watchConsent }) => {
    const consent = watchConsent(settings)
    for (const event of early.splice(0)) consent.admits(event)
    return (gate = consent)
  })
  // Its failure fails the load too (src/index.ts): without the gate the destination sends nothing.
  started.catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error)
    console.error(`${LOG_PREFIX} ${consentCodeMissing(reason)}`)
  })
  loading.set(settings, started)
  return started
}

/** The gate startConsent began for these settings (the runtime hands every perform the same object); undefined without consent categories. */
export function consentFor(settings: object): Promise<Consent> | undefined {
  return loading.get(settings)
}
