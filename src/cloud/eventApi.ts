/**
 * Optimizely's Event API v1: the request body the SDKs send, built from the datafile, and the
 * request itself. The Event API takes many visitors per request, which is how batches are sent.
 */
import type { ModifiedResponse, RequestClient } from '@segment/actions-core'
import type { Conversion, Primitive } from '../shared/valueRules'
import type { ProjectDatafile } from './datafile'
import { errorForNetworkFailure, errorForResponse, type Secrets } from './httpErrors'
import { CLIENT_NAME, CLIENT_VERSION } from './version'
import { eventWithoutId } from '../messages/cloud'

export const EVENT_API_ENDPOINTS = {
  US: 'https://logx.optimizely.com/v1/events',
  EU: 'https://eu.logx.optimizely.com/v1/events'
} as const

/**
 * Optimizely refuses Event API bodies larger than 3.5 MB (the limit its SDKs' batching respects),
 * and a refused body loses every conversion in it. Batches are split below this size, measured as
 * the exact UTF-8 length of the JSON that is sent.
 */
export const MAX_EVENT_API_BODY_BYTES = 3_500_000

/** The attribute the Event API reads the project's bot filtering setting from. */
export const BOT_FILTERING_ATTRIBUTE = '$opt_bot_filtering'

/** Optimizely's reserved attributes (`$opt_user_agent`, …) use their key as entity ID. */
const RESERVED_ATTRIBUTE_PREFIX = '$opt_'

/**
 * The reserved attribute Optimizely's bot filtering reads. The browser SDK's requests carry the
 * browser's user agent by themselves; a server-to-server sender must pass it in this attribute,
 * or a crawler's conversion counts like a person's.
 */
export const USER_AGENT_ATTRIBUTE = '$opt_user_agent'

export interface VisitorAttribute {
  entity_id: string
  key: string
  type: 'custom'
  value: Primitive
}

export interface ConversionEvent {
  entity_id: string
  key: string
  /** Milliseconds since the epoch. */
  timestamp: number
  uuid: string
  revenue?: number
  value?: number
  tags: Record<string, Primitive>
}

export interface Visitor {
  visitor_id: string
  attributes: VisitorAttribute[]
  snapshots: [{ decisions: []; events: [ConversionEvent] }]
}

export interface EventApiBody {
  account_id: string
  project_id: string
  revision: string
  client_name: string
  client_version: string
  anonymize_ip: boolean
  enrich_decisions: true
  visitors: Visitor[]
}

/**
 * The visitor's attributes as the Event API wants them: only keys the datafile defines (the value
 * rules have already filtered them), each with its entity ID. The datafile decides bot filtering,
 * so a `$opt_bot_filtering` attribute from the event never overrides the project's setting; the
 * User Agent field, when it has a value, is sent as `$opt_user_agent` (over one in the attributes).
 */
export function visitorAttributes(
  datafile: ProjectDatafile,
  attributes: Record<string, Primitive>,
  userAgent?: string
): VisitorAttribute[] {
  const result: VisitorAttribute[] = []
  for (const [key, value] of Object.entries(attributes)) {
    if (key === BOT_FILTERING_ATTRIBUTE || (userAgent !== undefined && key === USER_AGENT_ATTRIBUTE)) continue
    const entityId = datafile.attributeIds.get(key) ?? (key.startsWith(RESERVED_ATTRIBUTE_PREFIX) ? key : undefined)
    if (entityId !== undefined) result.push({ entity_id: entityId, key, type: 'custom', value })
  }
  if (userAgent !== undefined) {
    result.push({ entity_id: USER_AGENT_ATTRIBUTE, key: USER_AGENT_ATTRIBUTE, type: 'custom', value: userAgent })
  }
  if (datafile.botFiltering !== undefined) {
    result.push({ entity_id: BOT_FILTERING_ATTRIBUTE, key: BOT_FILTERING_ATTRIBUTE, type: 'custom', value: datafile.botFiltering })
  }
  return result
}

/**
 * One conversion as a visitor. `decisions` stays empty: the site's own SDK reported the
 * decisions, and `enrich_decisions` lets Optimizely attribute the conversion to them.
 */
export function buildVisitor(
  datafile: ProjectDatafile,
  conversion: Conversion,
  meta: { timestamp: number; uuid: string; userAgent?: string }
): Visitor {
  const entityId = datafile.eventIds.get(conversion.eventKey)
  if (entityId === undefined) throw new Error(eventWithoutId(conversion.eventKey))
  // Reserved tags travel twice, as the SDKs send them: top level for the metric, and in `tags`.
  // Key order follows the SDKs' payloads, which keeps captured bodies easy to compare.
  const event: ConversionEvent = {
    entity_id: entityId,
    key: conversion.eventKey,
    timestamp: meta.timestamp,
    uuid: meta.uuid,
    ...(conversion.revenue !== undefined ? { revenue: conversion.revenue } : {}),
    ...(conversion.value !== undefined ? { value: conversion.value } : {}),
    tags: conversion.tags
  }
  return {
    visitor_id: conversion.userId,
    attributes: visitorAttributes(datafile, conversion.attributes, meta.userAgent),
    snapshots: [{ decisions: [], events: [event] }]
  }
}

export function buildBody(datafile: ProjectDatafile, visitors: Visitor[]): EventApiBody {
  return {
    account_id: datafile.accountId,
    project_id: datafile.projectId,
    revision: datafile.revision,
    client_name: CLIENT_NAME,
    client_version: CLIENT_VERSION,
    anonymize_ip: datafile.anonymizeIP,
    enrich_decisions: true,
    visitors
  }
}

export function endpointFor(datafile: ProjectDatafile): string {
  return EVENT_API_ENDPOINTS[datafile.region]
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8')
}

/**
 * Groups visitors (by index) into as few bodies as fit under `maxBytes`, keeping their order.
 * A visitor too large to fit even alone is returned in `oversized` and never sent.
 */
export function splitVisitors(
  datafile: ProjectDatafile,
  visitors: Visitor[],
  maxBytes: number = MAX_EVENT_API_BODY_BYTES
): { chunks: number[][]; oversized: number[] } {
  const envelope = byteLength(buildBody(datafile, []))
  const chunks: number[][] = []
  const oversized: number[] = []
  let current: number[] = []
  let size = envelope
  visitors.forEach((visitor, index) => {
    const visitorSize = byteLength(visitor)
    if (envelope + visitorSize > maxBytes) {
      oversized.push(index)
      return
    }
    // Every visitor after the first adds a comma.
    if (current.length > 0 && size + 1 + visitorSize > maxBytes) {
      chunks.push(current)
      current = []
      size = envelope
    }
    size += visitorSize + (current.length > 0 ? 1 : 0)
    current.push(index)
  })
  if (current.length > 0) chunks.push(current)
  return { chunks, oversized }
}

/** Posts visitors to the project's Event API endpoint; failures become actions-core errors, `secrets` redacted. */
export async function sendVisitors(
  request: RequestClient,
  datafile: ProjectDatafile,
  visitors: Visitor[],
  secrets: Secrets
): Promise<ModifiedResponse> {
  const what = "Sending conversions to Optimizely's Event API"
  let response: ModifiedResponse
  try {
    response = await request(endpointFor(datafile), { method: 'POST', json: buildBody(datafile, visitors), throwHttpErrors: false })
  } catch (error) {
    throw errorForNetworkFailure(what, error, secrets)
  }
  if (!response.ok) throw errorForResponse(what, { status: response.status, content: response.content }, { secrets })
  return response
}
