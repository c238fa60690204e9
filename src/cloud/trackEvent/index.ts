/**
 * Track Event (cloud): sends conversions straight to Optimizely's Event API, one request per
 * event or one per batch, with the datafile telling which events and attributes exist.
 */
import {
  ErrorCodes,
  MultiStatusResponse,
  PayloadValidationError,
  getErrorCodeFromHttpStatus,
  type ActionDefinition,
  type DynamicFieldResponse,
  type JSONLikeObject,
  type Logger,
  type RequestClient
} from '@segment/actions-core'
import type { Finding } from '../../shared/valueRules'
import { revenueOptionsFrom } from '../../shared/revenueRules'
import { getDatafile } from '../datafileCache'
import { sendVisitors, splitVisitors, type Visitor } from '../eventApi'
import type { Settings } from '../generated-types'
import { prepareVisitor } from './conversion'
import { fields } from './fields'
import type { Payload } from './generated-types'
import { tooLargeForEventApi, trackEventFinding } from '../../messages/cloud'

/** Dropped attributes, tags or revenue do not stop a conversion; they are worth a log line. */
function logFindings(logger: Logger | undefined, findings: Finding[]): void {
  for (const finding of findings) logger?.warn?.(trackEventFinding(finding.message))
}

const TOO_LARGE = tooLargeForEventApi

async function eventKeyChoices(request: RequestClient, settings: Settings): Promise<DynamicFieldResponse> {
  try {
    const datafile = await getDatafile(request, settings)
    const keys = datafile.events.map((event) => event.key).sort((a, b) => a.localeCompare(b))
    return { choices: keys.map((key) => ({ label: key, value: key })) }
  } catch (error) {
    return { choices: [], error: { code: 'DATAFILE_UNAVAILABLE', message: (error as Error).message } }
  }
}

/** The multi-status error type for a failure: actions-core's code when it has one, else from the status. */
function errorType(error: { code?: unknown; status?: number }): keyof typeof ErrorCodes {
  // An own key only: `in` would take `toString` or `constructor` for error codes.
  return typeof error.code === 'string' && Object.prototype.hasOwnProperty.call(ErrorCodes, error.code)
    ? (error.code as keyof typeof ErrorCodes)
    : getErrorCodeFromHttpStatus(error.status ?? 500)
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Track Event',
  description:
    "Send a Segment track event to Optimizely as a conversion, through Optimizely's Event API. The event key must exist in the datafile.",
  defaultSubscription: 'type = "track"',
  fields,
  dynamicFields: {
    eventKey: async (request, { settings }) => eventKeyChoices(request, settings)
  },
  perform: async (request, { settings, payload, logger }) => {
    const datafile = await getDatafile(request, settings)
    const prepared = prepareVisitor(datafile, payload, revenueOptionsFrom(settings))
    if (!prepared.ok) throw new PayloadValidationError(prepared.message)
    if (splitVisitors(datafile, [prepared.visitor]).oversized.length > 0) throw new PayloadValidationError(TOO_LARGE)
    logFindings(logger, prepared.findings)
    return sendVisitors(request, datafile, [prepared.visitor], [settings.accessToken])
  },
  performBatch: async (request, { settings, payload, logger }) => {
    // Without the datafile nothing can be sent: the whole batch fails (and is retried if that helps).
    const datafile = await getDatafile(request, settings)
    const results = new MultiStatusResponse()
    const visitors: Visitor[] = []
    /** What a multi-status entry reports as sent for an event: its visitor. */
    const sentFor = (visitorIndex: number) => visitors[visitorIndex] as unknown as JSONLikeObject
    /** For each visitor, the index of its event in the batch. */
    const positions: number[] = []
    const revenueOptions = revenueOptionsFrom(settings)

    payload.forEach((item, index) => {
      const prepared = prepareVisitor(datafile, item, revenueOptions)
      if (!prepared.ok) {
        results.setErrorResponseAtIndex(index, { status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', errormessage: prepared.message })
        return
      }
      logFindings(logger, prepared.findings)
      visitors.push(prepared.visitor)
      positions.push(index)
    })

    const { chunks, oversized } = splitVisitors(datafile, visitors)
    for (const visitorIndex of oversized) {
      results.setErrorResponseAtIndex(positions[visitorIndex], {
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: TOO_LARGE
      })
    }
    for (const chunk of chunks) {
      const sent = chunk.map((visitorIndex) => visitors[visitorIndex])
      try {
        const response = await sendVisitors(request, datafile, sent, [settings.accessToken])
        chunk.forEach((visitorIndex) => {
          results.setSuccessResponseAtIndex(positions[visitorIndex], {
            status: response.status,
            sent: sentFor(visitorIndex),
            body: response.content ?? ''
          })
        })
      } catch (caught) {
        const error = caught as Error & { code?: unknown; status?: number }
        chunk.forEach((visitorIndex) => {
          results.setErrorResponseAtIndex(positions[visitorIndex], {
            status: error.status ?? 500,
            errortype: errorType(error),
            errormessage: error.message,
            sent: sentFor(visitorIndex)
          })
        })
      }
    }
    return results
  }
}

export default action
