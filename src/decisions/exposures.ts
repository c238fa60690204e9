/**
 * Experiment Viewed for the exposures src/decisions/reportDecision.ts finds: each sent once per
 * visitor + rule + variation per session, across tabs (sessionExposures.ts). Its own lazy chunk in
 * the web bundle, fetched beside the decisions chunk only when Send Experiment Viewed is on, so a
 * page that only wants the visitor-ID guard does not download it. It imports nothing the decisions
 * chunk holds (the ID hash is passed in), so no module is in both.
 */
import type { Analytics } from '@segment/analytics-next'
import type { Settings } from '../generated-types'
import { sendExperimentViewed, type Exposure } from './experimentViewed'
import { createSessionExposures } from './sessionExposures'

export interface Exposures {
  /** Sends Experiment Viewed for `exposure` unless this session already did; `decidedAt` for a captured decision. */
  report(exposure: Exposure, decidedAt?: number): void
  /** Forgets the session's exposures (after a consent revocation removed their stored entry). */
  forget(): void
}

export type CreateExposures = typeof createExposures

export function createExposures(
  settings: Settings,
  analytics: Analytics,
  currentVisitor: () => string,
  hashId: (id: string) => string
): Exposures {
  const eventName = settings.experimentViewedEvent?.trim() || 'Experiment Viewed'
  const nonInteraction = settings.nonInteraction !== false
  let session = createSessionExposures(currentVisitor, hashId)
  return {
    report(exposure, decidedAt) {
      session.claim(`${exposure.visitorId}\u0000${exposure.ruleId}\u0000${exposure.variationId}`, () => {
        void sendExperimentViewed(analytics, exposure, { eventName, nonInteraction }, decidedAt)
      })
    },
    forget() {
      session = createSessionExposures(currentVisitor, hashId)
    }
  }
}
