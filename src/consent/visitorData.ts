/**
 * Removes what the destination stored about the visitor when they revoke consent: every
 * localStorage and sessionStorage entry under the destination's prefix (pending conversions in
 * the SDK's event store, decided IDs, exposure memory, and whatever later features keep there),
 * except the datafile cache, which holds the project's configuration and no personal data.
 *
 * By prefix, not by a list of names: a new store under the prefix is covered without changes here.
 * Storage that throws (blocked, Safari private mode) holds nothing of ours to remove.
 */
import { STORAGE_PREFIX } from '../client/namespacedStorage'
import { DATAFILE_CACHE_NAMESPACE } from '../client/datafileCache'

const KEPT_PREFIX = `${STORAGE_PREFIX}${DATAFILE_CACHE_NAMESPACE}:`

function forgetIn(area: 'localStorage' | 'sessionStorage'): number {
  try {
    const store = window[area]
    const ours: string[] = []
    for (let index = 0; index < store.length; index++) {
      const key = store.key(index)
      if (key !== null && key.startsWith(STORAGE_PREFIX) && !key.startsWith(KEPT_PREFIX)) ours.push(key)
    }
    // Collected first: removing while walking the indexes would skip entries.
    for (const key of ours) store.removeItem(key)
    return ours.length
  } catch {
    return 0
  }
}

/** Removes the visitor's entries from both storage areas of this tab; returns how many were removed. */
export function forgetVisitorData(): number {
  return forgetIn('localStorage') + forgetIn('sessionStorage')
}
