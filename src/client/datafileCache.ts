/**
 * The last good datafile in localStorage, handed to the SDK's polling config manager as its cache:
 * a returning visitor's client is ready at once from it while the SDK refreshes it from the
 * network in the background.
 *
 * The SDK trusts whatever its cache returns, and a datafile it cannot parse during start-up fails
 * the whole client; so an entry is returned only when it parses and belongs to the configured
 * account, and is deleted otherwise.
 */
import type { SyncStore } from './optimizelySdk'
import { createNamespacedStore } from './namespacedStorage'
import { isPlainObject } from '../shared/valueRules'

function belongsTo(accountId: string, text: string): boolean {
  try {
    const datafile: unknown = JSON.parse(text)
    return isPlainObject(datafile) && String(datafile.accountId) === accountId && Array.isArray(datafile.events)
  } catch {
    return false
  }
}

/** The storage namespace of the cached datafile (read early by datafilePreload.ts). */
export const DATAFILE_NAMESPACE = 'datafile'

export function createDatafileCache(accountId: string): SyncStore<string> {
  return createNamespacedStore(DATAFILE_NAMESPACE, { accept: (text) => belongsTo(accountId, text) })
}
