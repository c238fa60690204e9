/**
 * The SDK's store of pending events, one per destination instance. Two instances on one page (the
 * web project and the marketing project, say) used to share `segment-optimizely-fx:events:`: after
 * a failed batch each SDK resent every stored event it found, the other project's too, so both
 * projects counted them twice; and two SDKs stamping an event in the same millisecond gave both the
 * same store key, so one entry overwrote the other. Each instance now keeps its events under a key
 * made from its account and Datafile URL (`segment-optimizely-fx:events-<hash>:`), so two projects
 * or two datafile URLs never share a store.
 *
 * Events the previous release stored under the shared key are carried over, once the datafile says
 * which project this instance is: each entry whose account and project match moves to this
 * instance's store under the same SDK key (so two tabs moving it at once still leave one entry),
 * and the SDK then sends it like any other failed event. Entries of other projects stay for their
 * own instance.
 */
import type { SyncStore } from './optimizelySdk'
import { createNamespacedStore } from './namespacedStorage'
import { isPlainObject } from '../shared/valueRules'

/** Pending events kept for retry across page loads: the SDK's own default cap. */
export const MAX_STORED_EVENTS = 500

/** Where the previous release kept every instance's pending events. */
export const SHARED_EVENTS_NAMESPACE = 'events'

/** FNV-1a (32 bits) as 8 hex digits: short, stable keys; not a secret. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0
  return hash.toString(16).padStart(8, '0')
}

/** The namespace of one instance's pending events: `events-<hash of account and Datafile URL>`. */
export function eventStoreNamespace(accountId: string, dataFileUrl: string): string {
  return `${SHARED_EVENTS_NAMESPACE}-${shortHash(`${accountId.trim()}\u0000${dataFileUrl.trim()}`)}`
}

export function createEventStore(accountId: string, dataFileUrl: string): SyncStore<string> {
  return createNamespacedStore(eventStoreNamespace(accountId, dataFileUrl), { maxEntries: MAX_STORED_EVENTS })
}

/** The account and project a stored SDK entry (`{ id, event: { context } }`) was built for. */
function projectOf(text: string): { accountId: string; projectId: string } | undefined {
  try {
    const entry: unknown = JSON.parse(text)
    const context: unknown = isPlainObject(entry) && isPlainObject(entry.event) ? entry.event.context : undefined
    if (!isPlainObject(context)) return undefined
    return { accountId: String(context.accountId), projectId: String(context.projectId) }
  } catch {
    return undefined
  }
}

/**
 * Moves the entries the previous release stored for this account and project into `store`.
 * Returns how many moved. Each is written to its new key before it leaves the old one, so an
 * interrupted move leaves it in one store or both, never in none; both holds only until the next
 * page load moves it again under the same key.
 */
export function carryOverSharedEvents(store: SyncStore<string>, accountId: string, projectId: string): number {
  const shared = createNamespacedStore(SHARED_EVENTS_NAMESPACE)
  let moved = 0
  for (const key of shared.getKeys()) {
    const text = shared.get(key)
    if (text === undefined) continue
    const project = projectOf(text)
    if (project?.accountId !== accountId.trim() || project.projectId !== projectId) continue
    store.set(key, text)
    if (store.get(key) !== text) continue
    shared.remove(key)
    moved += 1
  }
  return moved
}
