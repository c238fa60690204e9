/**
 * Keeps the destination's own client from storing or sending events the caller holds back (the
 * visitor refused consent, see src/consent), with no SDK code changed. While the hold is closed:
 *
 * - its event store takes no new entry: a decision's impression is not written to storage;
 * - its dispatcher does not send a batch and answers it as done, so the SDK deletes the batch's
 *   events from its store instead of keeping them for a retry.
 *
 * Once it opens again, a batch is sent without the events created before that moment: those were
 * created while the hold was closed, or were pending when it closed, and the SDK's queue may still
 * hold them (it sends a batch up to half a second after its first event). They are dropped, never
 * sent later. The SDK's queue, timers and retries work as always.
 */
import type { EventDispatcher, LogEvent, SyncStore } from './optimizelySdk'

export interface EventHold {
  /** True while the client may store and send nothing. */
  closed(): boolean
  /** When the hold last opened (ms since the epoch, the clock the SDK stamps events with); 0 if it never closed. */
  openedAt(): number
}

/** The batch without the events created before `since`; undefined when none is left. */
function eventsSince(event: LogEvent, since: number): LogEvent | undefined {
  const visitors = event.params.visitors
    .map((visitor) => ({
      ...visitor,
      snapshots: visitor.snapshots
        .map((snapshot) => ({ ...snapshot, events: snapshot.events.filter((sent) => sent.timestamp >= since) }))
        .filter((snapshot) => snapshot.events.length > 0)
    }))
    .filter((visitor) => visitor.snapshots.length > 0)
  if (visitors.length === 0) return undefined
  return { ...event, params: { ...event.params, visitors } }
}

/**
 * The hold applied to the own client's event store and dispatchers. Only src/consent (the lazy
 * consent chunk) makes one, so a page without consent categories never downloads this module.
 */
export interface EventGate {
  store(store: SyncStore<string>): SyncStore<string>
  dispatcher(dispatcher: EventDispatcher): EventDispatcher
}

export function createEventGate(hold: EventHold): EventGate {
  return { store: (store) => gateStore(store, hold), dispatcher: (dispatcher) => gateDispatcher(dispatcher, hold) }
}

function gateDispatcher(dispatcher: EventDispatcher, hold: EventHold): EventDispatcher {
  return {
    dispatchEvent(event) {
      // A response without a status is one the SDK counts as sent.
      if (hold.closed()) return Promise.resolve({})
      const since = hold.openedAt()
      if (since === 0) return dispatcher.dispatchEvent(event)
      const kept = eventsSince(event, since)
      return kept ? dispatcher.dispatchEvent(kept) : Promise.resolve({})
    }
  }
}

function gateStore(store: SyncStore<string>, hold: EventHold): SyncStore<string> {
  return {
    ...store,
    set: (key, value) => {
      if (!hold.closed()) store.set(key, value)
    }
  }
}
