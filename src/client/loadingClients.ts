/**
 * The client each destination instance is loading, found from its settings object (the runtime
 * hands `initialize` and every `perform` the same one). analytics.js holds events until a
 * destination has loaded, but a host that does not (a custom pipeline calling the plugin early)
 * must not lose conversions either: `perform` waits here for the client instead of dropping them.
 */
const loading = new WeakMap<object, Promise<unknown>>()

export function rememberLoading<Loaded>(settings: object, client: Promise<Loaded>): Promise<Loaded> {
  loading.set(settings, client)
  return client
}

/**
 * The loaded client; `failed` when its load failed (already reported once, so callers stay
 * quiet); `never-loaded` when no load was started for these settings.
 */
export async function loadedClient<Loaded>(settings: object): Promise<Loaded | 'failed' | 'never-loaded'> {
  const pending = loading.get(settings) as Promise<Loaded> | undefined
  if (!pending) return 'never-loaded'
  return pending.catch(() => 'failed' as const)
}
