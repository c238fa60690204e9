/**
 * src/decisions: Optimizely decisions flowing back. The DECISION notifications of the client the
 * destination converts through (the page's client, or its own when shared) become Experiment
 * Viewed events in Segment, and tell the visitor-ID guard which IDs were bucketed. Imports
 * src/client and src/shared; nothing below imports it. A lazy chunk in the web bundle: a page
 * where nobody else decides with the destination's client never downloads it.
 */
import type { Analytics } from '@segment/analytics-next'
import type { OptimizelyDestinationClient } from '../client'
import type { Settings } from '../generated-types'
import { createDecidedIds } from './decidedIds'
import { sendExperimentViewed, type Exposure } from './experimentViewed'
import { createRuleKindReader, type RuleKind } from './ruleKinds'
import { createSessionExposures } from './sessionExposures'
import { guardVisitorId, toVisitorIdGuardMode, type GuardOutcome, type SegmentIdentity } from './visitorIdGuard'

/** The parts of a DECISION notification this module reads (SDK v6 `DecisionListenerPayload`). */
interface DecisionNotification {
  type: string
  userId: string
  decisionInfo: {
    flagKey?: unknown
    enabled?: unknown
    ruleKey?: unknown
    variationKey?: unknown
    experimentId?: unknown
    variationId?: unknown
  }
}

/** A flag decision that put the visitor into a variation of a rule; undefined for anything else (flag off, no rule). */
function exposureOf(notification: DecisionNotification): Exposure | undefined {
  const { type, userId, decisionInfo: info } = notification
  if (type !== 'flag' || typeof userId !== 'string') return undefined
  const texts = [info.flagKey, info.ruleKey, info.variationKey, info.experimentId, info.variationId]
  if (!texts.every((text) => typeof text === 'string' && text !== '')) return undefined
  return {
    visitorId: userId,
    flagKey: info.flagKey as string,
    ruleKey: info.ruleKey as string,
    ruleId: info.experimentId as string,
    variationKey: info.variationKey as string,
    variationId: info.variationId as string,
    enabled: info.enabled === true
  }
}

function reported(kind: RuleKind | undefined, includeTargetedDeliveries: boolean): boolean {
  return kind === 'experiment' || (kind === 'delivery' && includeTargetedDeliveries)
}

/** What the decisions seen so far tell the Track Event action. */
export interface Decisions {
  /** The visitor-ID guard: which ID a conversion mapped to `mapped` is sent for, and what to tell the developer. */
  visitorIdFor(mapped: string, identity: SegmentIdentity): GuardOutcome
}

/** The loaded client, with its decisions when the site decides with it. */
export type DecidingClient = OptimizelyDestinationClient & { decisions?: Decisions }

/** Listens to the client's decisions for the life of the page. */
export function listenToDecisions(client: OptimizelyDestinationClient, settings: Settings, analytics: Analytics): Decisions {
  const decidedIds = createDecidedIds()
  const sessionExposures = createSessionExposures()
  const ruleKind = createRuleKindReader(() => client.optimizely.getOptimizelyConfig()?.getDatafile())
  const eventName = settings.experimentViewedEvent?.trim() || 'Experiment Viewed'
  const nonInteraction = settings.nonInteraction !== false
  const guardMode = toVisitorIdGuardMode(settings.visitorIdGuard)

  client.optimizely.notificationCenter.addNotificationListener('DECISION', (notification) => {
    try {
      const exposure = exposureOf(notification as DecisionNotification)
      if (!exposure) return
      const kind = ruleKind(exposure.ruleId)
      if (kind === 'experiment' && guardMode !== 'off') decidedIds.remember(exposure.visitorId)
      if (!settings.sendExperimentViewed || !reported(kind, settings.includeTargetedDeliveries === true)) return
      if (!sessionExposures.firstTime(`${exposure.visitorId}\u0000${exposure.ruleId}\u0000${exposure.variationId}`)) return
      void sendExperimentViewed(analytics, exposure, { eventName, nonInteraction })
    } catch (error) {
      client.log.log('error', `decision not reported: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
  return {
    visitorIdFor: (mapped, identity) => guardVisitorId(guardMode, mapped, identity, (id) => decidedIds.has(id))
  }
}
