/**
 * The experiments each visitor was bucketed into in this browser, for the Conversion Audience
 * `bucketed`: a conversion is worth sending (and paying a monthly active user for) only when
 * Optimizely can attribute it to an experiment that uses the event as a metric.
 *
 * Small and bounded in its own localStorage entry (the most recent pairs of visitor and
 * experiment, each forgotten after a while), so a decision made on an earlier page or in another
 * tab still counts; in memory when storage is unavailable. Visitor IDs are stored hashed.
 */
import { createNamespacedStore, STORAGE_PREFIX } from '../client/namespacedStorage'

export const MAX_BUCKETED_PAIRS = 200
/** Experiments run for weeks; a visitor bucketed early in one still converts for it. */
export const BUCKETED_TTL_MS = 90 * 24 * 60 * 60 * 1000
/** A pair seen again within this time is not written again (render loops decide constantly). */
const REWRITE_AFTER_MS = 60 * 60 * 1000

const ENTRY = 'list'
const STORED_KEY = `${STORAGE_PREFIX}bucketed:${ENTRY}`

/** Stored as [hashed visitor ID, experiment ID, when]. */
type Pair = [string, string, number]

export interface BucketedVisitors {
  remember(visitorId: string, experimentId: string): void
  /** Whether the visitor was bucketed into any of these experiments. */
  bucketedInto(visitorId: string, experimentIds: ReadonlySet<string>): boolean
}

function readPairs(text: string | null | undefined): Pair[] {
  if (typeof text !== 'string') return []
  try {
    const pairs: unknown = JSON.parse(text)
    if (!Array.isArray(pairs)) return []
    return pairs.filter(
      (pair): pair is Pair => Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string' && Number.isFinite(pair[2])
    )
  } catch {
    return []
  }
}

/**
 * `hashVisitorId`: src/decisions/visitorIdHash.ts, passed in because this module is in the bucketed
 * audience chunk and that one in the decisions chunk.
 */
export function createBucketedVisitors(hashVisitorId: (id: string) => string, now: () => number = Date.now): BucketedVisitors {
  const store = createNamespacedStore('bucketed')
  /** "hash experimentId" → when, newest last; merged with what other tabs write. */
  const pairs = new Map<string, number>()
  const merge = (incoming: Pair[]) => {
    for (const [visitor, experiment, at] of incoming) {
      const key = `${visitor} ${experiment}`
      pairs.set(key, Math.max(at, pairs.get(key) ?? 0))
    }
  }
  merge(readPairs(store.get(ENTRY)))
  try {
    window.addEventListener('storage', (event) => {
      if (event.key === STORED_KEY) merge(readPairs(event.newValue))
    })
  } catch {
    // No events to listen to: this page's own decisions still count.
  }

  const fresh = (at: number | undefined) => at !== undefined && at > now() - BUCKETED_TTL_MS

  return {
    remember(visitorId, experimentId) {
      const key = `${hashVisitorId(visitorId)} ${experimentId}`
      const seen = pairs.get(key)
      if (seen !== undefined && now() - seen < REWRITE_AFTER_MS) return
      pairs.delete(key)
      pairs.set(key, now())
      const kept = [...pairs].filter(([, at]) => fresh(at)).sort((a, b) => a[1] - b[1])
      const stored = kept.slice(-MAX_BUCKETED_PAIRS).map(([pair, at]): Pair => {
        const [visitor, experiment] = pair.split(' ')
        return [visitor, experiment, at]
      })
      pairs.clear()
      merge(stored)
      store.set(ENTRY, JSON.stringify(stored))
    },
    bucketedInto(visitorId, experimentIds) {
      if (experimentIds.size === 0) return false
      const visitor = hashVisitorId(visitorId)
      for (const experimentId of experimentIds) {
        if (fresh(pairs.get(`${visitor} ${experimentId}`))) return true
      }
      return false
    }
  }
}
