/**
 * Conversion Audience `bucketed`: which visitors this browser saw bucketed into which running
 * experiments (bucketedVisitors.ts), and which experiments use an event as a metric
 * (eventExperiments.ts). Its own lazy chunk in the web bundle, fetched beside the decisions chunk
 * only with that setting. It imports nothing the decisions chunk holds (the ID hash is passed in),
 * so no module is in both.
 */
import type { OptimizelyConfig } from '../client/optimizelySdk'
import { createBucketedVisitors } from './bucketedVisitors'
import { createEventExperimentsReader } from './eventExperiments'

export interface BucketedAudience {
  /** A decision bucketed `visitorId` into the experiment `experimentId`. */
  remember: (visitorId: string, experimentId: string) => void
  /** Whether this browser saw `visitorId` bucketed into a running experiment that uses `eventKey`. */
  bucketed: (visitorId: string, eventKey: string) => boolean
}

export type CreateBucketedAudience = typeof createBucketedAudience

/** `currentConfig`: the datafile of the client the destination converts through, now. */
export function createBucketedAudience(
  currentConfig: () => OptimizelyConfig | null | undefined,
  hashVisitorId: (id: string) => string
): BucketedAudience {
  const visitors = createBucketedVisitors(hashVisitorId)
  const experimentsOf = createEventExperimentsReader(currentConfig)
  return {
    remember: (visitorId, experimentId) => visitors.remember(visitorId, experimentId),
    bucketed: (visitorId, eventKey) => visitors.bucketedInto(visitorId, experimentsOf(eventKey))
  }
}
