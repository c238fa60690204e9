/**
 * src/decisions: Optimizely decisions flowing back. The DECISION notifications of the client the
 * destination converts through (the page's client, or its own when shared) become Experiment
 * Viewed events in Segment, and tell the visitor-ID guard which IDs were bucketed; so do the
 * decisions the page captured before the destination loaded (src/capture). Imports src/client,
 * src/capture's queue format and src/shared; nothing below imports it. A lazy chunk in the web
 * bundle: a page where nobody else decides with the destination's client never downloads it.
 */
import type { Analytics } from '@segment/analytics-next'
import type { OptimizelyDestinationClient } from '../client'
import type { Settings } from '../generated-types'
import { takeOverCaptures } from './capturedDecisions'
import { createDecidedIds } from './decidedIds'
import { createDecisionReporter, type DecisionNotification } from './reportDecision'
import { createRuleKindReader } from './ruleKinds'
import { createSessionExposures } from './sessionExposures'
import { guardVisitorId, toVisitorIdGuardMode, type GuardOutcome, type SegmentIdentity } from './visitorIdGuard'

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
}

/** The loaded client, with its decisions when the site decides with it. */
export type DecidingClient = OptimizelyDestinationClient & { decisions?: Decisions }

/** Listens to the client's decisions for the life of the page. */
export function listenToDecisions(client: OptimizelyDestinationClient, settings: Settings, analytics: Analytics): Decisions {
  const decidedIds = createDecidedIds()
  const guardMode = toVisitorIdGuardMode(settings.visitorIdGuard)
  const report = createDecisionReporter(settings, analytics, {
    ruleKind: createRuleKindReader(() => client.optimizely.getOptimizelyConfig()),
    decidedIds,
    sessionExposures: createSessionExposures(segmentVisitor(analytics)),
    guardOn: guardMode !== 'off'
  })
  // One bad notification (live or captured) costs only itself.
  const onDecision = (notification: unknown, decidedAt?: number) => {
    try {
      report(notification as DecisionNotification, decidedAt)
    } catch (error) {
      client.log.log('error', `decision not reported: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  client.optimizely.notificationCenter.addNotificationListener('DECISION', (notification) => onDecision(notification))
  // Decisions captured before the destination loaded (src/capture), then the captured clients live.
  try {
    takeOverCaptures(
      client.optimizely,
      (captured) =>
        (captured as typeof client.optimizely).notificationCenter.addNotificationListener('DECISION', (notification) =>
          onDecision(notification)
        ),
      onDecision
    )
  } catch (error) {
    client.log.log('error', `captured decisions not reported: ${error instanceof Error ? error.message : String(error)}`)
  }
  return {
    visitorIdFor: (mapped, identity) => guardVisitorId(guardMode, mapped, identity, (id) => decidedIds.has(id))
  }
}
