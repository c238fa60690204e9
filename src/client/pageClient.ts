/**
 * The site's own Optimizely client, when it publishes one on `window` (Segment's classic
 * integration read `window.optimizelyClientInstance`). Reusing it means one SDK, one datafile
 * request and one event batch per page, and conversions that share the decisions' user context.
 */
import type { Client } from './optimizelySdk'

export const DEFAULT_PAGE_CLIENT_PROPERTY = 'optimizelyClientInstance'

function looksLikeClient(candidate: unknown): candidate is Client {
  const client = candidate as Partial<Record<keyof Client, unknown>> | null | undefined
  return (
    typeof client === 'object' &&
    client !== null &&
    typeof client.track === 'function' &&
    typeof client.onReady === 'function' &&
    typeof client.getOptimizelyConfig === 'function'
  )
}

/** The page's client once ready; undefined when there is none or it is not ready within `timeoutMs`. */
function propertyName(property: string | undefined): string {
  return property?.trim() || DEFAULT_PAGE_CLIENT_PROPERTY
}

export async function readyPageClient(property: string | undefined, timeoutMs: number): Promise<{ client?: Client; problem?: string }> {
  const name = propertyName(property)
  let candidate: unknown
  try {
    candidate = (window as unknown as Record<string, unknown>)[name]
  } catch {
    return {}
  }
  if (candidate === undefined) return {}
  if (!looksLikeClient(candidate)) return { problem: `window.${name} is not an Optimizely client` }
  try {
    await candidate.onReady({ timeout: timeoutMs })
    return { client: candidate }
  } catch (error) {
    return { problem: `the page's Optimizely client (window.${name}) is not ready: ${(error as Error).message}` }
  }
}

/**
 * The Share Client setting: publishes the destination's own ready client where the site looks for
 * one, so the site decides with the SDK Segment loaded (one SDK and one datafile per page). Never
 * replaces a value already there. Returns why it did not publish, if it did not.
 */
export function publishClient(property: string | undefined, client: Client): string | undefined {
  const name = propertyName(property)
  try {
    const page = window as unknown as Record<string, unknown>
    if (page[name] !== undefined) return `window.${name} already holds a value`
    page[name] = client
    return undefined
  } catch (error) {
    return `window.${name} cannot be set: ${(error as Error).message}`
  }
}
