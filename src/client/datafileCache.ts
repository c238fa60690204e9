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
import { datafileAccountProblem } from '../shared/datafileAccount'

function belongsTo(accountId: string, text: string): boolean {
  try {
    const datafile: unknown = JSON.parse(text)
    return isPlainObject(datafile) && !datafileAccountProblem(datafile.accountId, accountId) && Array.isArray(datafile.events)
  } catch {
    return false
  }
}

/** Its namespace under the storage prefix: it holds no personal data, so consent revocation keeps it. */
export const DATAFILE_CACHE_NAMESPACE = 'datafile'

export function createDatafileCache(accountId: string): SyncStore<string> {
  return createNamespacedStore(DATAFILE_CACHE_NAMESPACE, { accept: (text) => belongsTo(accountId, text) })
}
