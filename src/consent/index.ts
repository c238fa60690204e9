/**
 * src/consent: the visitor's consent choice, as Segment's consent wrapper stamps it on every
 * event, applied to everything the destination sends or keeps. Imports src/client and src/shared;
 * used by the definition, its action and src/decisions (see docs/consent.md), which reach it
 * through loading.ts: in the web bundle it is the lazy `consent` chunk.
 *
 * - An event whose stamp refuses any of the destination's categories sends no conversion.
 * - While the visitor's latest choice refuses: no Experiment Viewed, no decided ID remembered,
 *   and the destination's own client sends nothing (its pending events are dropped, not kept).
 * - On each change to a refusal (revocation): the destination's stored visitor data is removed.
 * - A later grant lets new events flow again.
 * - For a destination without consent categories, or events without a stamp, nothing changes.
 */
import { createConsoleLog, toLogLevel } from '../client/consoleLog'
import { createEventGate, type EventGate } from '../client/eventGate'
import { consentCategories } from './stamp'
import { readStamp } from './stampVerdict'
import { forgetVisitorData } from './visitorData'
import { consentGranted, consentRefused } from '../messages/consent'

/** Decisions made before the first event tells the visitor's choice, held at most this many. */
const MAX_HELD_REPORTS = 50

/**
 * `unseen`: no event yet; `unstamped`: events carry no stamp (no consent manager on the page);
 * `granted` / `refused`: the latest stamp seen.
 */
type ConsentState = 'unseen' | 'unstamped' | 'granted' | 'refused'

export interface Consent {
  /**
   * Keeps the destination's own client from storing and sending while the visitor refuses, and,
   * once they grant again, from sending what was created before that (src/client/eventGate.ts).
   */
  eventGate: EventGate
  /** Notes the event's stamp; true when this event may become a conversion. */
  admits(event: unknown): boolean
  /** True while the visitor's latest choice refuses the destination's categories. */
  refused(): boolean
  /**
   * Runs `report` now when the visitor's choice allows it, once the first event tells it when no
   * event has been seen yet, and never when it refuses.
   */
  whenAllowed(report: () => void): void
  /** Called after each revocation, once the stored visitor data is removed: forget in memory too. */
  onRevoke(listener: () => void): void
}

function createConsent(categories: string[], logLevel: unknown): Consent {
  const log = createConsoleLog(toLogLevel(logLevel))
  let state: ConsentState = 'unseen'
  /** When the visitor last granted after a refusal; 0 before any refusal. */
  let grantedAt = 0
  let held: Array<() => void> = []
  const revokeListeners: Array<() => void> = []

  const release = (run: boolean) => {
    const reports = held
    held = []
    if (!run) return
    for (const report of reports) {
      try {
        report()
      } catch {
        // A report's failure is its own (decisions log theirs); the others still run.
      }
    }
  }
  const revoke = () => {
    state = 'refused'
    release(false)
    const removed = forgetVisitorData()
    for (const listener of revokeListeners) listener()
    log.log('info', consentRefused(removed))
  }
  const observe = (event: unknown) => {
    const verdict = readStamp(event, categories)
    if (verdict === 'refused') {
      if (state !== 'refused') revoke()
    } else if (verdict === 'granted') {
      if (state === 'refused') {
        grantedAt = Date.now()
        log.log('info', consentGranted)
      }
      state = 'granted'
      release(true)
    } else if (state === 'unseen') {
      // Without a stamp the last stamped choice stands; with none ever seen, nothing changes.
      state = 'unstamped'
      release(true)
    }
    return verdict
  }

  /** Events whose stamp has been noted: the observer shows each event first, the action later. */
  const noted = new WeakSet<object>()
  return {
    eventGate: createEventGate({ closed: () => state === 'refused', openedAt: () => grantedAt }),
    admits(event) {
      // The action's later look at an event must not undo a newer choice the observer saw since
      // (a revocation the wrapper kept from the destination): judged by its stamp, not noted again.
      const seen = typeof event === 'object' && event !== null
      const verdict = seen && noted.has(event) ? readStamp(event, categories) : observe(event)
      if (seen) noted.add(event)
      return verdict === 'granted' || (verdict === 'unstamped' && state !== 'refused')
    },
    refused: () => state === 'refused',
    whenAllowed(report) {
      if (state === 'refused') return
      if (state !== 'unseen') return report()
      if (held.length < MAX_HELD_REPORTS) held.push(report)
    },
    onRevoke(listener) {
      revokeListeners.push(listener)
    }
  }
}

/**
 * The consent gate of a destination instance with consent categories, for the settings
 * analytics.js loads it with (src/consent/loading.ts calls it, and shows it every event of the
 * page, including those the consent wrapper keeps from this destination, so a revocation is seen
 * in both consent models).
 */
export function watchConsent(settings: object & { logLevel?: unknown }): Consent {
  return createConsent(consentCategories(settings), settings.logLevel)
}
