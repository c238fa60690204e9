/**
 * Turns one mapped Track Event payload into an Event API visitor, applying the shared value
 * rules. A conversion Optimizely could never count (unknown event key, no user ID, no valid
 * timestamp) is refused; what the rules merely drop (attributes, tags, revenue) is reported and
 * the conversion still goes out.
 */
import { randomUUID } from 'crypto'
import { prepareConversion, type Finding } from '../../shared/valueRules'
import { DEFAULT_REVENUE_OPTIONS, type RevenueOptions } from '../../shared/revenueRules'
import type { ProjectDatafile } from '../datafile'
import { buildVisitor, type Visitor } from '../eventApi'
import type { Payload } from './generated-types'
import { timestampNotDate } from '../../messages/cloud'

export type PreparedVisitor = { ok: true; visitor: Visitor; findings: Finding[] } | { ok: false; message: string }

/** actions-core hands datetimes over as ISO strings (or epoch numbers, which the mapping allows). */
function epochMillis(input: string | number): number | undefined {
  const millis = typeof input === 'number' ? input : Date.parse(input)
  return Number.isFinite(millis) ? millis : undefined
}

export function prepareVisitor(
  datafile: ProjectDatafile,
  payload: Payload,
  revenueOptions: RevenueOptions = DEFAULT_REVENUE_OPTIONS
): PreparedVisitor {
  const result = prepareConversion(payload, datafile.catalog, revenueOptions)
  if (!result.ok) return { ok: false, message: result.skip.message }
  const timestamp = epochMillis(payload.timestamp)
  if (timestamp === undefined) {
    return {
      ok: false,
      message: timestampNotDate(result.conversion.eventKey, payload.timestamp)
    }
  }
  // The Event API needs a unique ID per event; events without a messageId get a fresh one.
  const uuid = typeof payload.uuid === 'string' && payload.uuid !== '' ? payload.uuid : randomUUID()
  // Bot filtering needs the visitor's user agent; anything but non-empty text is simply not sent.
  const userAgent = typeof payload.userAgent === 'string' && payload.userAgent.trim() !== '' ? payload.userAgent : undefined
  return { ok: true, visitor: buildVisitor(datafile, result.conversion, { timestamp, uuid, userAgent }), findings: result.findings }
}
