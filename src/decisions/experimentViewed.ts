/**
 * The Experiment Viewed track event (Segment's A/B Testing spec) for one exposure, sent through
 * analytics.js so every other destination receives it, and kept from this destination: it must
 * never come back as a conversion or as an "unknown event key" warning.
 */
import type { Analytics } from '@segment/analytics-next'
import { KEEP_FROM_DESTINATION } from './keptFromDestination'

/** A flag decision that put a visitor into a variation of a rule, with the datafile's IDs. */
export interface Exposure {
  visitorId: string
  flagKey: string
  ruleKey: string
  ruleId: string
  variationKey: string
  variationId: string
  enabled: boolean
}

export interface ExperimentViewedOptions {
  eventName: string
  nonInteraction: boolean
}

function experimentViewedProperties(exposure: Exposure, nonInteraction: boolean): Record<string, string | number | boolean> {
  const properties: Record<string, string | number | boolean> = {
    experiment_id: exposure.ruleId,
    experiment_name: exposure.ruleKey,
    variation_id: exposure.variationId,
    variation_name: exposure.variationKey,
    flag_key: exposure.flagKey,
    rule_key: exposure.ruleKey,
    variation_key: exposure.variationKey,
    enabled: exposure.enabled,
    optimizely_user_id: exposure.visitorId
  }
  if (nonInteraction) properties.nonInteraction = 1
  return properties
}

/** Sends the event; resolves when analytics.js has taken it, never rejects. */
export async function sendExperimentViewed(analytics: Analytics, exposure: Exposure, options: ExperimentViewedOptions): Promise<void> {
  try {
    await analytics.track(options.eventName, experimentViewedProperties(exposure, options.nonInteraction), KEEP_FROM_DESTINATION)
  } catch {
    // analytics.js reports its own delivery failures; nothing of ours may reach the page.
  }
}
