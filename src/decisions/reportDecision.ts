/**
 * What one DECISION notification means for Segment and the visitor-ID guard, the same whether it
 * arrives live or from the early-capture queue: which rule made it, whether it is an exposure
 * (Experiment Viewed, once per visitor + rule + variation per session) and whether it bucketed the
 * visitor (the decided-ID memory).
 */
import type { Settings } from '../generated-types'
import type { BucketedAudience } from './bucketedAudience'
import type { DecidedIds } from './decidedIds'
import type { Exposure } from './experimentViewed'
import type { Exposures } from './exposures'
import { ruleTypeOf, type RuleKind } from './ruleKinds'

/** The parts of a DECISION notification this module reads (SDK v6 `DecisionListenerPayload`). */
export interface DecisionNotification {
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
type Decision = Omit<Exposure, 'ruleType'> & { impressionSent: boolean }

/** A flag decision that put the visitor into a variation of a rule; undefined for anything else (flag off, no rule). */
function decisionOf(notification: DecisionNotification): Decision | undefined {
  const { type, userId, decisionInfo: info } = notification
  if (type !== 'flag' || typeof userId !== 'string' || typeof info !== 'object' || info === null) return undefined
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
 * Rules whose decisions Optimizely counts as impressions: experiments (A/B, bandits), feature
 * rollouts and holdouts. The SDK sends their decision event unless the site decided with
 * DISABLE_DECISION_EVENT (to preload flags, say): then the variation was not shown, and Optimizely
 * does not count it either.
 */
function countsAsImpression(kind: RuleKind | undefined, decision: Decision): boolean {
  return (kind === 'experiment' || kind === 'feature-rollout' || kind === 'holdout') && decision.impressionSent
}

/**
 * Targeted deliveries have no results in Optimizely (their decision events, sent only when the
 * project sends flag decisions, are not impressions of an experiment): with Include Targeted
 * Deliveries every delivery decision is reported. The Everyone Else default never is.
 */
function isExposure(kind: RuleKind | undefined, decision: Decision, includeTargetedDeliveries: boolean): boolean {
  return countsAsImpression(kind, decision) || (kind === 'delivery' && includeTargetedDeliveries)
}

export interface DecisionReporter {
  /**
   * Handles one notification, with the rule kinds of the client that made it; `decidedAt` is set
   * for a captured one (its Experiment Viewed timestamp).
   */
  (notification: DecisionNotification, ruleKind: (ruleId: string) => RuleKind | undefined, decidedAt?: number): void
}

export interface ReporterParts {
  decidedIds: DecidedIds
  /** With Conversion Audience `bucketed`: the experiments each visitor was bucketed into. */
  bucketedAudience?: BucketedAudience
  /** With Send Experiment Viewed (src/decisions/exposures.ts, its own chunk). */
  exposures?: Exposures
  guardOn: boolean
}

export function createDecisionReporter(settings: Settings, parts: ReporterParts): DecisionReporter {
  const includeTargetedDeliveries = settings.includeTargetedDeliveries === true
  return (notification, ruleKind, decidedAt) => {
    const decision = decisionOf(notification)
    if (!decision) return
    const kind = ruleKind(decision.ruleId)
    // Bucketed, for Optimizely's results: a decision whose impression counts (holdouts too).
    if (parts.guardOn && countsAsImpression(kind, decision)) parts.decidedIds.remember(decision.visitorId)
    // Conversion Audience `bucketed` asks about experiments, whose metrics name the event.
    if (kind === 'experiment' && decision.impressionSent) parts.bucketedAudience?.remember(decision.visitorId, decision.ruleId)
    if (!parts.exposures || !kind || !isExposure(kind, decision, includeTargetedDeliveries)) return
    const exposure: Exposure = { ...decision, ruleType: ruleTypeOf(kind) }
    parts.exposures.report(exposure, decidedAt)
  }
}
