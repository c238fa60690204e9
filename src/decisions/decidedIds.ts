/**
 * The visitor IDs that received an experiment decision in this browser, for the visitor-ID guard:
 * a conversion counts in Optimizely only for the ID that was bucketed. Small and bounded (the
 * most recent IDs, each forgotten after a while) in its own localStorage entry, so a decision made
 * on an earlier page or in another tab still counts; in memory when storage is unavailable.
 */
import { createNamespacedStore } from '../client/namespacedStorage'

export const MAX_DECIDED_IDS = 50
export const DECIDED_ID_TTL_MS = 30 * 24 * 60 * 60 * 1000
/** A decision for the newest ID within this time is not written again (render loops decide constantly). */
const REWRITE_AFTER_MS = 60 * 1000

const ENTRY = 'list'

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

export function createDecidedIds(now: () => number = Date.now): DecidedIds {
  const store = createNamespacedStore('decided-ids')
  let inMemory: DecidedId[] = []

  /** Stored and in-memory entries together (another tab may have added some), newest last, expired ones gone. */
  const current = (): DecidedId[] => {
    const newest = new Map<string, number>()
    for (const { id, at } of [...readEntries(store.get(ENTRY)), ...inMemory]) newest.set(id, Math.max(at, newest.get(id) ?? 0))
    const oldest = now() - DECIDED_ID_TTL_MS
    return [...newest]
      .filter(([, at]) => at > oldest)
      .sort((a, b) => a[1] - b[1])
      .map(([id, at]) => ({ id, at }))
  }

  return {
    remember(visitorId) {
      const last = inMemory[inMemory.length - 1]
      if (last?.id === visitorId && now() - last.at < REWRITE_AFTER_MS) return
      inMemory = [...current().filter((entry) => entry.id !== visitorId), { id: visitorId, at: now() }].slice(-MAX_DECIDED_IDS)
      store.set(ENTRY, JSON.stringify(inMemory))
    },
    has(visitorId) {
      return current().some((entry) => entry.id === visitorId)
    }
  }
}
