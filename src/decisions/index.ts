/**
 * src/decisions: Optimizely decisions flowing back. The DECISION notifications of the client the
 * destination converts through (the page's client, or its own when shared) become Experiment
 * Viewed events in Segment, and tell the visitor-ID guard which IDs were bucketed. Imports
 * src/client and src/shared; nothing below imports it. A lazy chunk in the web bundle: a page
 * where nobody else decides with the destination's client never downloads it.
 */
import type { Analytics } from '@segment/analytics-next'
import type { OptimizelyDestinationClient } from '../client'
import type { Client } from '../client/optimizelySdk'
import type { Settings } from '../generated-types'
import { createBucketedVisitors } from './bucketedVisitors'
import { toConversionAudience } from './conversionAudience'
import { createDecidedIds } from './decidedIds'
import { createEventExperimentsReader } from './eventExperiments'
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
  /** Reports one DECISION notification of `optimizely` (the page's client, or ours when shared). */
  report(optimizely: Client, notification: unknown): void
  /** With Conversion Audience `bucketed`: whether this browser saw the visitor bucketed into a running experiment using the event. */
  bucketed?: (visitorId: string, eventKey: string) => boolean
}

/** The loaded client, with its decisions when the site decides with it. */
export type DecidingClient = OptimizelyDestinationClient & { decisions?: Decisions }

/** What the decisions seen tell the destination; the caller feeds it each client's DECISION notifications. */
export function createDecisions(client: OptimizelyDestinationClient, settings: Settings, analytics: Analytics): Decisions {
  const decidedIds = createDecidedIds()
  const sessionExposures = createSessionExposures()
  // Per client: the site may publish a new one (log-in, an app rebuilding its client).
  const ruleKinds = new WeakMap<Client, (ruleId: string) => RuleKind | undefined>()
  const ruleKindReader = (optimizely: Client) => {
    let reader = ruleKinds.get(optimizely)
    if (!reader) ruleKinds.set(optimizely, (reader = createRuleKindReader(() => optimizely.getOptimizelyConfig())))
    return reader
  }
  const eventName = settings.experimentViewedEvent?.trim() || 'Experiment Viewed'
  const nonInteraction = settings.nonInteraction !== false
  const guardMode = toVisitorIdGuardMode(settings.visitorIdGuard)
  const bucketedVisitors = toConversionAudience(settings.conversionAudience) === 'bucketed' ? createBucketedVisitors() : undefined
  const eventExperiments = bucketedVisitors && createEventExperimentsReader(() => client.optimizely.getOptimizelyConfig())

  return {
    visitorIdFor: (mapped, identity) => guardVisitorId(guardMode, mapped, identity, (id) => decidedIds.has(id)),
    report(optimizely, notification) {
      try {
        const decision = decisionOf(notification as DecisionNotification)
        if (!decision) return
        const kind = ruleKindReader(optimizely)(decision.ruleId)
        // Bucketed, for Optimizely's results: an experiment decision whose impression was sent.
        if (kind === 'experiment' && decision.impressionSent && guardMode !== 'off') decidedIds.remember(decision.visitorId)
        if (kind === 'experiment' && decision.impressionSent) bucketedVisitors?.remember(decision.visitorId, decision.ruleId)
        if (!settings.sendExperimentViewed || !isExposure(kind, decision, settings.includeTargetedDeliveries === true)) return
        if (!sessionExposures.firstTime(`${decision.visitorId}\u0000${decision.ruleId}\u0000${decision.variationId}`)) return
        void sendExperimentViewed(analytics, decision, { eventName, nonInteraction })
      } catch (error) {
        client.log.log('error', `decision not reported: ${error instanceof Error ? error.message : String(error)}`)
      }
    },
    bucketed:
      bucketedVisitors &&
      eventExperiments &&
      ((visitorId, eventKey) => bucketedVisitors.bucketedInto(visitorId, eventExperiments(eventKey)))
  }
}

/** Listens to the client's decisions for the life of the page. */
export function listenToDecisions(client: OptimizelyDestinationClient, settings: Settings, analytics: Analytics): Decisions {
  const decisions = createDecisions(client, settings, analytics)
  const { optimizely } = client
  optimizely.notificationCenter.addNotificationListener('DECISION', (notification) => decisions.report(optimizely, notification))
  return decisions
}
