/**
 * The visitor IDs that received an experiment decision in this browser, for the visitor-ID guard:
 * a conversion counts in Optimizely only for the ID that was bucketed. Small and bounded (the
 * most recent IDs, each forgotten after a while) in its own localStorage entry, so a decision made
 * on an earlier page or in another tab still counts; in memory when storage is unavailable.
 * Stored as hashes: user IDs are often e-mail addresses, and the guard only compares them.
 */
import { createNamespacedStore, STORAGE_PREFIX } from '../client/namespacedStorage'

export const MAX_DECIDED_IDS = 50
export const DECIDED_ID_TTL_MS = 30 * 24 * 60 * 60 * 1000
/** A decision for the newest ID within this time is not written again (render loops decide constantly). */
const REWRITE_AFTER_MS = 60 * 1000

const ENTRY = 'list'
/** The entry's full localStorage key, as `storage` events name it. */
const STORED_KEY = `${STORAGE_PREFIX}decided-ids:${ENTRY}`

interface DecidedId {
  id: string
  at: number
}

export interface DecidedIds {
  remember(visitorId: string): void
  has(visitorId: string): boolean
}

function readEntries(text: string | undefined): DecidedId[] {
  if (text === undefined) return []
  try {
    const entries: unknown = JSON.parse(text)
    if (!Array.isArray(entries)) return []
    return entries.filter(
      (entry): entry is DecidedId => typeof (entry as DecidedId)?.id === 'string' && Number.isFinite((entry as DecidedId)?.at)
    )
  } catch {
    return []
  }
}

/** FNV-1a over the UTF-16 code units, twice with different offsets: 64 bits, as hex (the exposure memory stores its keys so too). */
export function hashId(visitorId: string): string {
  let low = 0x811c9dc5
  let high = 0x01000193 ^ visitorId.length
  for (let index = 0; index < visitorId.length; index++) {
    const unit = visitorId.charCodeAt(index)
    low = Math.imul(low ^ unit, 0x01000193) >>> 0
    high = Math.imul(high ^ unit, 0x01000193) >>> 0
  }
  return low.toString(16).padStart(8, '0') + high.toString(16).padStart(8, '0')
}

export function createDecidedIds(now: () => number = Date.now): DecidedIds {
  const store = createNamespacedStore('decided-ids')
  let inMemory: DecidedId[] = []
  // Read once; another tab's writes arrive as `storage` events, so a conversion reads no storage.
  let storedEntries = readEntries(store.get(ENTRY))
  const stored = (): DecidedId[] => storedEntries
  try {
    window.addEventListener('storage', (event) => {
      // A null key means the other tab cleared its storage.
      if (event.key === STORED_KEY || event.key === null) storedEntries = readEntries(event.newValue ?? undefined)
    })
  } catch {
    // No events to listen to: this page's own decisions still count.
  }

  /** Stored and in-memory entries together, newest last, expired ones gone. */
  const current = (): DecidedId[] => {
    const newest = new Map<string, number>()
    for (const { id, at } of [...stored(), ...inMemory]) newest.set(id, Math.max(at, newest.get(id) ?? 0))
    const oldest = now() - DECIDED_ID_TTL_MS
    return [...newest]
      .filter(([, at]) => at > oldest)
      .sort((a, b) => a[1] - b[1])
      .map(([id, at]) => ({ id, at }))
  }

  return {
    remember(visitorId) {
      const id = hashId(visitorId)
      const last = inMemory[inMemory.length - 1]
      if (last?.id === id && now() - last.at < REWRITE_AFTER_MS) return
      inMemory = [...current().filter((entry) => entry.id !== id), { id, at: now() }].slice(-MAX_DECIDED_IDS)
      store.set(ENTRY, JSON.stringify(inMemory))
    },
    has(visitorId) {
      const id = hashId(visitorId)
      const oldest = now() - DECIDED_ID_TTL_MS
      const fresh = (entry: DecidedId) => entry.id === id && entry.at > oldest
      return inMemory.some(fresh) || stored().some(fresh)
    }
  }
}
