/**
 * Starts the datafile download while the SDK chunk is still on its way, so a first visit waits
 * for the two together instead of one after the other. A returning visitor's client starts from
 * the cached datafile (datafileCache.ts) and refreshes it in the background, so nothing is
 * preloaded then: the chunk has the network to itself.
 *
 * The SDK fetches the datafile itself (XMLHttpRequest, no credentials, no extra headers on its
 * first request) as soon as its client is created, which is only after its chunk has arrived. A
 * `<link rel="preload" as="fetch" crossorigin>` for the same URL makes the browser fetch it now and
 * hand that response to the SDK's request when it comes: still one download, fetched and
 * processed by the SDK as before, only earlier. The SDK, its cache and its refreshes are
 * untouched. A browser without preload support simply lets the SDK fetch it.
 */
import { createNamespacedStore } from './namespacedStorage'
import { DATAFILE_CACHE_NAMESPACE } from './datafileCache'

export function preloadDatafile(url: string): void {
  // The SDK would substitute a `%s` in the URL, so the preload could not match its request.
  if (url.includes('%')) return
  // The SDK keys its cache entry by the URL (its SDK key here); any entry for it means a cached copy.
  if (
    createNamespacedStore(DATAFILE_CACHE_NAMESPACE)
      .getKeys()
      .some((key) => key.endsWith(url))
  )
    return
  try {
    const link = document.createElement('link')
    link.rel = 'preload'
    link.as = 'fetch'
    link.crossOrigin = 'anonymous'
    link.href = url
    document.head.appendChild(link)
  } catch {
    // No document head to hint from (an unusual host page): the SDK fetches the datafile itself.
  }
}
