/**
 * How the destination's own events stay out of it: analytics.js skips a destination that a track
 * call's `integrations` option turns off by name. Experiment Viewed is sent that way, and the
 * Track Event action also ignores any event so marked, in case a host does not honour the option.
 * Its own module because the main bundle needs it while the rest of src/decisions loads lazily.
 */

/** The name analytics.js knows this destination by. */
export const DESTINATION_NAME = 'Optimizely Feature Experimentation Web (Actions)'

/** The cloud companion's name: on the same source it would take the event for an unknown conversion too. */
export const CLOUD_DESTINATION_NAME = 'Optimizely Feature Experimentation (Actions)'

export const KEEP_FROM_DESTINATION = { integrations: { [DESTINATION_NAME]: false, [CLOUD_DESTINATION_NAME]: false } }

export function isKeptFromDestination(event: { integrations?: Record<string, unknown> } | undefined): boolean {
  return event?.integrations?.[DESTINATION_NAME] === false
}
