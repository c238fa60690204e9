/**
 * localStorage stores for the SDK (its `Store<string>` shape), each under a prefix of our own.
 *
 * Why a prefix: the site's own Optimizely client keeps its pending events in localStorage under
 * `optly_event:` and resends every such entry it finds; with a shared namespace each client would
 * resend the other's impressions and conversions, and Optimizely would count them twice.
 * Storage that throws (Safari private mode, a full quota, blocked cookies) behaves as empty.
 */
import type { SyncStore } from './optimizelySdk'

export const STORAGE_PREFIX = 'segment-optimizely-fx:'

interface Options {
  /** sessionStorage for what lasts one browser session (per tab, across reloads); localStorage by default. */
  area?: 'localStorage' | 'sessionStorage'
  /** Entries failing this check are deleted instead of returned. */
  accept?: (text: string) => boolean
  /** New entries are refused beyond this many, so an offline visitor cannot fill the quota. */
  maxEntries?: number
}

export function createNamespacedStore(
  namespace: string,
  { area = 'localStorage', accept = () => true, maxEntries = Infinity }: Options = {}
): SyncStore<string> {
  const attempt = <T>(action: (store: Storage) => T): T | undefined => {
    try {
      return action(window[area])
    } catch {
      return undefined
    }
  }
  const prefix = `${STORAGE_PREFIX}${namespace}:`
  const getKeys = () =>
    attempt((store) =>
      Object.keys(store)
        .filter((key) => key.startsWith(prefix))
        .map((key) => key.slice(prefix.length))
    ) ?? []
  const remove = (key: string) => attempt((store) => store.removeItem(prefix + key))
  return {
    operation: 'sync',
    getKeys,
    remove,
    set: (key, value) =>
      attempt((store) => {
        if (store.getItem(prefix + key) === null && getKeys().length >= maxEntries) return
        store.setItem(prefix + key, value)
      }),
    get: (key) => {
      const text = attempt((store) => store.getItem(prefix + key))
      if (typeof text !== 'string') return undefined
      if (accept(text)) return text
      remove(key)
      return undefined
    }
  }
}
