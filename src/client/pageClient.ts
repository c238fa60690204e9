/**
 * The site's own Optimizely client, when it publishes one on `window` (Segment's classic
 * integration read `window.optimizelyClientInstance`). Reusing it means one SDK, one datafile
 * request and one event batch per page, and conversions that share the decisions' user context.
 */
import type { SdkClient } from './optimizelySdk'
import { pageClientNotAClient, pageClientNotReady, propertyNotSettable, propertyTaken } from '../messages/page'

export const DEFAULT_PAGE_CLIENT_PROPERTY = 'optimizelyClientInstance'

export function looksLikeClient(candidate: unknown): candidate is SdkClient {
  const client = candidate as Partial<Record<keyof SdkClient, unknown>> | null | undefined
  return (
    typeof client === 'object' &&
    client !== null &&
    typeof client.track === 'function' &&
    typeof client.onReady === 'function' &&
    typeof client.getOptimizelyConfig === 'function'
  )
}

export function propertyName(property: string | undefined): string {
  return property?.trim() || DEFAULT_PAGE_CLIENT_PROPERTY
}

/** What the page holds at the property now (undefined when it cannot be read). */
export function publishedValue(property: string | undefined): unknown {
  try {
    return (window as unknown as Record<string, unknown>)[propertyName(property)]
  } catch {
    return undefined
  }
}

/**
 * Whether a client was closed (or failed for good): a closed client drops conversions, and its
 * event processor rejects each one where the page sees it. The SDK's client has `isDone()` (its
 * service state: stopping, terminated or failed) though its `Client` type does not name it; a
 * client without it counts as open.
 */
export function isClosed(client: unknown): boolean {
  try {
    const isDone = (client as { isDone?: unknown } | null)?.isDone
    return typeof isDone === 'function' && (isDone as () => unknown).call(client) === true
  } catch {
    return false
  }
}

/**
 * Calls `onPublish` with each value the site assigns to the property from now on, as it is
 * assigned, so a client published later has its decisions heard from its first one. The property
 * becomes an accessor that keeps the value as it was; a property that cannot be redefined (a
 * global `var`, a frozen window) is left alone, and the destination then notices a new client
 * only at the next conversion.
 */
export function watchPublishedClients(property: string | undefined, onPublish: (value: unknown) => void): void {
  const name = propertyName(property)
  try {
    const page = window as unknown as Record<string, unknown>
    const existing = Object.getOwnPropertyDescriptor(page, name)
    if (existing && (!existing.configurable || (existing.get && !existing.set))) return
    let value: unknown = existing && 'value' in existing ? existing.value : undefined
    const read = existing?.get ? (): unknown => existing.get?.call(page) as unknown : () => value
    const write = existing?.set
      ? (next: unknown) => existing.set?.call(page, next)
      : (next: unknown) => {
          value = next
        }
    Object.defineProperty(page, name, {
      configurable: true,
      enumerable: existing?.enumerable ?? true,
      get: read,
      set(next: unknown) {
        write(next)
        try {
          onPublish(next)
        } catch {
          // Publishing the site's client must never fail because of the destination.
        }
      }
    })
  } catch {
    // Left as it was: conversions still look at the property each time.
  }
}

/** The page's client once ready; undefined when there is none or it is not ready within `timeoutMs`. */
export async function readyPageClient(property: string | undefined, timeoutMs: number): Promise<{ client?: SdkClient; problem?: string }> {
  const name = propertyName(property)
  let candidate: unknown
  try {
    candidate = (window as unknown as Record<string, unknown>)[name]
  } catch {
    return {}
  }
  if (candidate === undefined) return {}
  if (!looksLikeClient(candidate)) return { problem: pageClientNotAClient(name) }
  try {
    await candidate.onReady({ timeout: timeoutMs })
    return { client: candidate }
  } catch (error) {
    return { problem: pageClientNotReady(name, (error as Error).message) }
  }
}

/**
 * The Share Client setting: publishes the destination's own ready client where the site looks for
 * one, so the site decides with the SDK Segment loaded (one SDK and one datafile per page). Never
 * replaces a value already there. Returns why it did not publish, if it did not.
 */
export function publishClient(property: string | undefined, client: SdkClient): string | undefined {
  const name = propertyName(property)
  try {
    const page = window as unknown as Record<string, unknown>
    if (page[name] !== undefined) return propertyTaken(name)
    page[name] = client
    return undefined
  } catch (error) {
    return propertyNotSettable(name, (error as Error).message)
  }
}
