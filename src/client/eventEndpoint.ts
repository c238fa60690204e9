/**
 * The Event Endpoint setting: the SDK builds each Event API request for Optimizely's host (or
 * the EU host); these wrappers only change where it goes, so batching, retries and the unload
 * beacon stay the SDK's.
 */
import { eventDispatcher, getSendBeaconEventDispatcher, type EventDispatcher } from './optimizelySdk'

function redirect(dispatcher: EventDispatcher, url: string): EventDispatcher {
  return { dispatchEvent: (event) => dispatcher.dispatchEvent({ ...event, url }) }
}

/**
 * Dispatchers for the SDK's batch event processor: with no endpoint, the SDK's own defaults (XHR
 * while the page lives, sendBeacon when it unloads), named here so the caller can watch the live
 * one (see deliveryOutcomes.ts).
 */
export function eventDispatchers(endpoint: string | undefined): {
  eventDispatcher: EventDispatcher
  closingEventDispatcher?: EventDispatcher
} {
  const beacon = getSendBeaconEventDispatcher()
  if (!endpoint) return { eventDispatcher, closingEventDispatcher: beacon }
  return {
    eventDispatcher: redirect(eventDispatcher, endpoint),
    closingEventDispatcher: beacon ? redirect(beacon, endpoint) : undefined
  }
}
