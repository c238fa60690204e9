/**
 * src/decisions: Optimizely decisions flowing back. The DECISION notifications of each client the
 * site decides with (the page's client, at load or published later, or ours when shared) become
 * Experiment Viewed events in Segment, and tell the visitor-ID guard and Conversion Audience
 * `bucketed` which IDs were bucketed; so do the decisions the page captured before the destination
 * loaded (src/capture). Imports src/client, src/capture's queue format and src/shared; nothing
 * below imports it. A lazy chunk in the web bundle: a page where nobody else decides with the
 * destination's client never downloads it.
 */
import type { Analytics } from '@segment/analytics-next'
import type { ConversionClient } from '../client'
import type { SdkClient } from '../client/optimizelySdk'
import type { Settings } from '../generated-types'
import type { CreateBucketedAudience } from './bucketedAudience'
import { takeOverCaptures } from './capturedDecisions'
import type { Consent } from '../consent'
import { createDecidedIds } from './decidedIds'
import { hashVisitorId } from './visitorIdHash'
import { createDecisionReporter, type DecisionNotification } from './reportDecision'
import { createRuleKindReader, type RuleKind } from './ruleKinds'
import type { CreateExposures } from './exposures'
import type { audienceRefusal } from './conversionAudience'
import { guardVisitorId, toVisitorIdGuardMode, type GuardOutcome, type SegmentIdentity } from './visitorIdGuard'
import { capturedNotReported, decisionNotReported } from '../messages/decisions'

/** The Segment visitor now: de-duplication starts afresh for a new one. */
function segmentVisitor(analytics: Analytics): () => string {
  return () => {
    try {
      return String(analytics.user().anonymousId() ?? '')
    } catch {
      return ''
    }
  }
}

/** What the decisions seen so far tell the Track Event action. */
export interface Decisions {
  /** The visitor-ID guard: which ID a conversion mapped to `mapped` is sent for, and what to tell the developer. */
  visitorIdFor(mapped: string, identity: SegmentIdentity): GuardOutcome
  /** Reports one DECISION notification of `optimizely` (the page's client, or ours when shared). */
  report(optimizely: SdkClient, notification: unknown): void
  /** With Conversion Audience `bucketed`: whether this browser saw the visitor bucketed into a running experiment using the event. */
  bucketed?: (visitorId: string, eventKey: string) => boolean
}

/**
 * The loaded client, with its decisions when the site decides with it, and the Conversion Audience
 * rules (src/decisions/conversionAudience.ts, a lazy chunk) when the setting is not `everyone`:
 * loaded with the client, so a conversion never waits for them.
 */
export type ClientWithDecisions = ConversionClient & { decisions?: Decisions; audienceRefusal?: typeof audienceRefusal }

/**
 * What the decisions seen tell the destination; the caller feeds it each client's DECISION
 * notifications. Creating it takes over the page's early captures: their queue is drained through
 * the same rules, and their clients are listened to from then on. With a consent gate, a decision
 * is neither remembered nor reported while the visitor refuses, and a revocation forgets the
 * memories (their stored entries are already removed; src/consent). Experiment Viewed comes with
 * `createExposures` (src/decisions/exposures.ts) and Conversion Audience `bucketed` with
 * `createBucketedAudience` (src/decisions/bucketedAudience.ts): the caller loads each when it is on.
 */
export function createDecisions(
  client: ConversionClient,
  settings: Settings,
  analytics: Analytics,
  consent?: Consent,
  { createExposures, createBucketedAudience }: { createExposures?: CreateExposures; createBucketedAudience?: CreateBucketedAudience } = {}
): Decisions {
  const guardMode = toVisitorIdGuardMode(settings.visitorIdGuard)
  const bucketedAudience = createBucketedAudience?.(() => client.optimizely.getOptimizelyConfig(), hashVisitorId)
  // Per client: the site may publish a new one (log-in, an app rebuilding its client).
  const ruleKinds = new WeakMap<SdkClient, (ruleId: string) => RuleKind | undefined>()
  const ruleKindReader = (optimizely: SdkClient) => {
    let reader = ruleKinds.get(optimizely)
    if (!reader) ruleKinds.set(optimizely, (reader = createRuleKindReader(() => optimizely.getOptimizelyConfig())))
    return reader
  }
  const parts = {
    decidedIds: createDecidedIds(),
    bucketedAudience,
    exposures: createExposures?.(settings, analytics, segmentVisitor(analytics), hashVisitorId),
    guardOn: guardMode !== 'off'
  }
  consent?.onRevoke(() => {
    parts.decidedIds = createDecidedIds()
    parts.exposures?.forget()
  })
  const report = createDecisionReporter(settings, parts)
  // One bad notification (live or captured) costs only itself.
  const onDecision = (optimizely: SdkClient, notification: unknown, decidedAt?: number) => {
    try {
      const kinds = ruleKindReader(optimizely)
      const reportIt = () => report(notification as DecisionNotification, kinds, decidedAt)
      if (consent) consent.whenAllowed(reportIt)
      else reportIt()
    } catch (error) {
      client.log.log('error', decisionNotReported(error instanceof Error ? error.message : String(error)))
    }
  }

  // Decisions captured before the destination loaded (src/capture), then the captured clients live.
  // Their rules are read from the client the destination converts through: the same project.
  try {
    takeOverCaptures(
      client.optimizely,
      (captured) =>
        (captured as SdkClient).notificationCenter.addNotificationListener('DECISION', (notification) =>
          onDecision(captured as SdkClient, notification)
        ),
      (notification, decidedAt) => onDecision(client.optimizely, notification, decidedAt)
    )
  } catch (error) {
    client.log.log('error', capturedNotReported(error instanceof Error ? error.message : String(error)))
  }

  return {
    visitorIdFor: (mapped, identity) => guardVisitorId(guardMode, mapped, identity, (id) => parts.decidedIds.has(id)),
    report: (optimizely, notification) => onDecision(optimizely, notification),
    bucketed: bucketedAudience?.bucketed
  }
}
