/**
 * The exposures already reported in this browser session, so each visitor + rule + variation
 * gives one Experiment Viewed however often the site decides (a render loop calls `decide` on
 * every render). sessionStorage keeps it across reloads in the same tab and forgets it with the
 * session; when storage is unavailable it lives in memory for the page.
 */
import { createNamespacedStore } from '../client/namespacedStorage'

/** Oldest keys are forgotten past this many, so a long session cannot grow the entry forever. */
export const MAX_SESSION_EXPOSURES = 500

const ENTRY = 'list'

export interface SessionExposures {
  /** True the first time this key is seen in the session, false after. */
  firstTime(key: string): boolean
}

function readKeys(text: string | undefined): string[] {
  if (text === undefined) return []
  try {
    const keys: unknown = JSON.parse(text)
    return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : []
  } catch {
    return []
  }
}

export function createSessionExposures(): SessionExposures {
  const store = createNamespacedStore('exposures', { area: 'sessionStorage' })
  const seen = new Set(readKeys(store.get(ENTRY)))
  return {
    firstTime(key) {
      if (seen.has(key)) return false
      seen.add(key)
      if (seen.size > MAX_SESSION_EXPOSURES) seen.delete(seen.values().next().value as string)
      store.set(ENTRY, JSON.stringify([...seen]))
      return true
    }
  }
}
