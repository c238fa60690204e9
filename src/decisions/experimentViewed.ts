/**
 * The Experiment Viewed track event (Segment's A/B Testing spec) for one exposure, sent through
 * analytics.js so every other destination receives it, and kept from this destination: it must
 * never come back as a conversion or as an "unknown event key" warning.
 */
import type { Analytics } from '@segment/analytics-next'
import { KEEP_FROM_DESTINATION } from './keptFromDestination'
import type { RuleType } from './ruleKinds'

/** A flag decision that put a visitor into a variation of a rule, with the datafile's IDs. */
export interface Exposure {
  visitorId: string
  flagKey: string
  ruleKey: string
  ruleId: string
  variationKey: string
  variationId: string
  enabled: boolean
  ruleType: RuleType
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
    optimizely_user_id: exposure.visitorId,
    rule_type: exposure.ruleType
  }
  if (nonInteraction) properties.nonInteraction = 1
  return properties
}

/**
 * Sends the event; resolves when analytics.js has taken it, never rejects. A decision captured
 * before analytics.js loaded carries its own time (`decidedAt`) as the event's timestamp.
 */
export async function sendExperimentViewed(
  analytics: Analytics,
  exposure: Exposure,
  options: ExperimentViewedOptions,
  decidedAt?: number
): Promise<void> {
  try {
    const eventOptions = decidedAt === undefined ? KEEP_FROM_DESTINATION : { ...KEEP_FROM_DESTINATION, timestamp: new Date(decidedAt) }
    await analytics.track(options.eventName, experimentViewedProperties(exposure, options.nonInteraction), eventOptions)
  } catch {
    // analytics.js reports its own delivery failures; nothing of ours may reach the page.
  }
}
