/**
 * Deletion requests Optimizely accepted recently, remembered so that a retried deletion does not
 * request them again. Segment retries a deletion whose `onDelete` threw a retryable error, with
 * the same user ID and anonymous ID: with the first accepted and the second failing, each retry
 * would otherwise send Optimizely another request for the first.
 *
 * actions-core gives `onDelete` no partial-success result (it returns one `{ output }` or throws)
 * and no state between attempts; its own in-process retry runs only to refresh OAuth tokens. So
 * this memory lives in the process: it covers the retries that reach the same worker within the
 * time-to-live. The time-to-live is short because a later, separate deletion of the same visitor
 * must reach Optimizely again (data collected in between would otherwise stay). Entries are keyed by a hash of the token (the Optimizely account it acts for) and
 * the identifier; the token itself is never kept.
 */
import { createHash } from 'crypto'
import { BoundedMap } from '../shared/boundedMap'

export const ACCEPTED_DELETION_TTL_MS = 60 * 60 * 1000
export const MAX_ACCEPTED_DELETIONS = 10_000

export class AcceptedDeletions {
  /** Key → when Optimizely accepted it; the oldest acceptance leaves first past the bound. */
  private readonly accepted: BoundedMap<string, number>

  constructor(
    private readonly ttlMs = ACCEPTED_DELETION_TTL_MS,
    maxEntries = MAX_ACCEPTED_DELETIONS,
    private readonly now: () => number = () => Date.now()
  ) {
    this.accepted = new BoundedMap(maxEntries)
  }

  has(token: string, identifier: string): boolean {
    const at = this.accepted.get(key(token, identifier))
    return at !== undefined && this.now() - at < this.ttlMs
  }

  remember(token: string, identifier: string): void {
    this.accepted.set(key(token, identifier), this.now())
  }

  clear(): void {
    this.accepted.clear()
  }
}

function key(token: string, identifier: string): string {
  return createHash('sha256').update(token).update('\u0000').update(identifier).digest('hex')
}

/** One memory per process, shared by every destination instance. */
export const acceptedDeletions = new AcceptedDeletions()
