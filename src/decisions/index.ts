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
import type { Consent } from '../consent'
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
    decisionEventDispatched?: unknown
  }
}

/** A rule decision, and whether the SDK sent (or queued) its impression. */
type Decision = Exposure & { impressionSent: boolean }

/** A flag decision that put the visitor into a variation of a rule; undefined for anything else (flag off, no rule). */
function decisionOf(notification: DecisionNotification): Decision | undefined {
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
    enabled: info.enabled === true,
    impressionSent: info.decisionEventDispatched === true
  }
}

/**
 * An experiment decision is an exposure when its impression was sent: a site that decides with
 * DISABLE_DECISION_EVENT (to preload flags, say) has not shown the variation, and Optimizely does
 * not count it either. Deliveries send impressions only when the project's "send flag decisions"
 * is on, so with Include Targeted Deliveries every delivery decision is reported.
 */
function isExposure(kind: RuleKind | undefined, decision: Decision, includeTargetedDeliveries: boolean): boolean {
  return (kind === 'experiment' && decision.impressionSent) || (kind === 'delivery' && includeTargetedDeliveries)
}

/** What the decisions seen so far tell the Track Event action. */
export interface Decisions {
  /** The visitor-ID guard: which ID a conversion mapped to `mapped` is sent for, and what to tell the developer. */
  visitorIdFor(mapped: string, identity: SegmentIdentity): GuardOutcome
}

/** The loaded client, with its decisions when the site decides with it. */
export type DecidingClient = OptimizelyDestinationClient & { decisions?: Decisions }

/**
 * Listens to the client's decisions for the life of the page. With a consent gate, a decision is
 * neither remembered nor reported while the visitor refuses, and a revocation forgets the memories
 * (their stored entries are already removed; src/consent).
 */
export function listenToDecisions(
  client: OptimizelyDestinationClient,
  settings: Settings,
  analytics: Analytics,
  consent?: Consent
): Decisions {
  let decidedIds = createDecidedIds()
  let sessionExposures = createSessionExposures()
  consent?.onRevoke(() => {
    decidedIds = createDecidedIds()
    sessionExposures = createSessionExposures()
  })
  const ruleKind = createRuleKindReader(() => client.optimizely.getOptimizelyConfig())
  const eventName = settings.experimentViewedEvent?.trim() || 'Experiment Viewed'
  const nonInteraction = settings.nonInteraction !== false
  const guardMode = toVisitorIdGuardMode(settings.visitorIdGuard)

  const report = (decision: Decision) => {
    try {
      const kind = ruleKind(decision.ruleId)
      // Bucketed, for Optimizely's results: an experiment decision whose impression was sent.
      if (kind === 'experiment' && decision.impressionSent && guardMode !== 'off') decidedIds.remember(decision.visitorId)
      if (!settings.sendExperimentViewed || !isExposure(kind, decision, settings.includeTargetedDeliveries === true)) return
      if (!sessionExposures.firstTime(`${decision.visitorId}\u0000${decision.ruleId}\u0000${decision.variationId}`)) return
      void sendExperimentViewed(analytics, decision, { eventName, nonInteraction })
    } catch (error) {
      client.log.log('error', `decision not reported: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  client.optimizely.notificationCenter.addNotificationListener('DECISION', (notification) => {
    try {
      const decision = decisionOf(notification as DecisionNotification)
      if (!decision) return
      if (consent) consent.whenAllowed(() => report(decision))
      else report(decision)
    } catch (error) {
      client.log.log('error', `decision not reported: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
  return {
    visitorIdFor: (mapped, identity) => guardVisitorId(guardMode, mapped, identity, (id) => decidedIds.has(id))
  }
}
