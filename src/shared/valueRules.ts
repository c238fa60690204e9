/**
 * src/shared: what both modes use (value rules, datafile reading, the Datafile URL rule, Track
 * Event fields and preset). It imports nothing from the rest of src/.
 *
 * The value rules shared by the device-mode and cloud Track Event actions.
 *
 * Pure functions only (no SDK, no actions-core import) so the same rules run in the browser
 * bundle and on Segment's servers. Every rule returns what it dropped as data; the caller decides
 * whether a finding is logged (device mode) or becomes an error (cloud mode).
 */

import { carriesRevenue, currencyToCents, DEFAULT_REVENUE_OPTIONS, type RevenueOptions, type RevenueUnit } from './revenueRules'
import {
  noEventKey,
  noUserId,
  revenueNotCents,
  revenueNotCurrency,
  unknownEventKey,
  userIdNotText,
  valueDropped,
  valueNotNumber
} from '../messages/shared'

/** Attribute and tag values Optimizely accepts. */
export type Primitive = string | number | boolean

export type PrimitiveMap = Record<string, Primitive>

/** Something a rule dropped or refused, with a message a developer can act on. */
export interface Finding {
  code:
    | 'missing-event-key'
    | 'unknown-event-key'
    | 'missing-user-id'
    | 'invalid-user-id'
    | 'attribute-dropped'
    | 'tag-dropped'
    | 'invalid-revenue'
    | 'invalid-value'
  message: string
}

/** What the datafile says is valid: conversions need a known event, attributes a known key. */
export interface DatafileCatalog {
  hasEvent(eventKey: string): boolean
  hasAttribute(attributeKey: string): boolean
}

/** The raw Track Event payload as mapped by actions-core (nothing validated yet). */
export interface RawConversion {
  eventKey?: unknown
  userId?: unknown
  attributes?: unknown
  revenue?: unknown
  value?: unknown
  eventTags?: unknown
}

/** A conversion that passed the rules: ready for the SDK's `track()` or the Event API. */
export interface Conversion {
  eventKey: string
  userId: string
  attributes: PrimitiveMap
  /** Includes `revenue` (integer cents) and `value` (float) when they are valid. */
  tags: PrimitiveMap
  revenue?: number
  value?: number
}

export type ConversionResult = { ok: true; conversion: Conversion; findings: Finding[] } | { ok: false; skip: Finding; findings: Finding[] }

/** Keys that would reach an object's prototype when assigned; never copied anywhere. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Optimizely's reserved tags: `revenue` is integer cents, `value` a float metric. */
const RESERVED_TAGS = new Set(['revenue', 'value'])

/** Optimizely's own attribute prefix (`$opt_bucketing_id`, `$opt_user_agent`): the SDK handles them. */
const OPTIMIZELY_RESERVED_ATTRIBUTE_PREFIX = '$opt_'

// Each pattern splits its input one way only, so it runs in linear time: a value is
// attacker-controlled (browser write keys are public), and an ambiguous pattern such as
// `\d+\.?\d*` backtracks quadratically over a long run of digits.
const INTEGER_TEXT = /^-?\d+(\.0*)?$/
const DECIMAL_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/

/**
 * A key-value object. The prototype is not checked: a payload cloned from JSON that carried a
 * `__proto__` key arrives with a foreign prototype, and its own keys are still good data. Only
 * own keys are ever read, so nothing from the prototype chain leaks in.
 */
export function isPlainObject(input: unknown): input is Record<string, unknown> {
  return input !== null && typeof input === 'object' && !Array.isArray(input)
}

/** Optimizely's Event API only takes values a JSON number can hold exactly (|n| ≤ 2^53). */
function isSafeNumber(input: unknown): input is number {
  return typeof input === 'number' && Number.isFinite(input) && Math.abs(input) <= 2 ** 53
}

function isPrimitive(input: unknown): input is Primitive {
  return typeof input === 'string' || typeof input === 'boolean' || isSafeNumber(input)
}

/** Copies the primitive entries of a map; everything else is reported, never thrown. */
function keepPrimitives(
  input: unknown,
  code: 'attribute-dropped' | 'tag-dropped',
  accept: (key: string) => boolean
): { values: PrimitiveMap; findings: Finding[] } {
  const values: PrimitiveMap = {}
  const findings: Finding[] = []
  if (!isPlainObject(input)) return { values, findings }
  const noun = code === 'attribute-dropped' ? 'attribute' : 'tag'
  for (const key of Object.keys(input)) {
    if (FORBIDDEN_KEYS.has(key) || !accept(key)) continue
    const value = input[key]
    if (isPrimitive(value)) {
      values[key] = value
    } else {
      findings.push({ code, message: valueDropped(noun, key, value) })
    }
  }
  return { values, findings }
}

/**
 * Attributes: only keys the datafile defines are sent (Optimizely prunes the rest anyway, with a
 * warning per key); values must be string, boolean or finite number. `undefined` would make the
 * SDK refuse the whole conversion, so it is dropped here.
 */
export function sanitizeAttributes(input: unknown, catalog: Pick<DatafileCatalog, 'hasAttribute'>) {
  return keepPrimitives(
    input,
    'attribute-dropped',
    (key) => key.startsWith(OPTIMIZELY_RESERVED_ATTRIBUTE_PREFIX) || catalog.hasAttribute(key)
  )
}

/** Event tags: any key, primitive values only. `revenue`/`value` come from their own fields. */
export function sanitizeTags(input: unknown) {
  return keepPrimitives(input, 'tag-dropped', (key) => !RESERVED_TAGS.has(key))
}

function isAbsent(input: unknown): boolean {
  return input === undefined || input === null || input === ''
}

/**
 * Revenue is integer cents: 1500 or "1500" mean $15.00; 19.99 is refused rather than truncated.
 * With the Revenue Unit `currency`, the input is currency units: 19.99 or "19.99" become 1999.
 */
export function parseRevenue(input: unknown, unit: RevenueUnit = 'cents'): { revenue?: number; finding?: Finding } {
  if (isAbsent(input)) return {}
  if (unit === 'currency') return parseCurrencyRevenue(input)
  let cents: number | undefined
  if (typeof input === 'number') cents = input
  else if (typeof input === 'string' && INTEGER_TEXT.test(input.trim())) cents = Number(input.trim())
  if (cents !== undefined && Number.isSafeInteger(cents)) return { revenue: cents }
  return {
    finding: {
      code: 'invalid-revenue',
      message: revenueNotCents(input)
    }
  }
}

function parseCurrencyRevenue(input: unknown): { revenue?: number; finding?: Finding } {
  let amount: number | undefined
  if (typeof input === 'number') amount = input
  else if (typeof input === 'string' && DECIMAL_TEXT.test(input.trim())) amount = Number(input.trim())
  const cents = amount === undefined ? undefined : currencyToCents(amount)
  if (cents !== undefined) return { revenue: cents }
  return {
    finding: {
      code: 'invalid-revenue',
      message: revenueNotCurrency(input)
    }
  }
}

/** Value is a float metric; numeric strings are accepted. */
export function parseValue(input: unknown): { value?: number; finding?: Finding } {
  if (isAbsent(input)) return {}
  let value: number | undefined
  if (typeof input === 'number') value = input
  else if (typeof input === 'string' && DECIMAL_TEXT.test(input.trim())) value = Number(input.trim())
  if (isSafeNumber(value)) return { value }
  return { finding: { code: 'invalid-value', message: valueNotNumber(input) } }
}

/** Visitor IDs are strings; numeric IDs are stringified so they match what the site bucketed. */
export function normalizeUserId(input: unknown): { userId?: string; finding?: Finding } {
  if (typeof input === 'string' && input.trim() !== '') return { userId: input }
  if (isSafeNumber(input)) return { userId: String(input) }
  if (isAbsent(input) || typeof input === 'string') {
    return { finding: { code: 'missing-user-id', message: noUserId } }
  }
  return { finding: { code: 'invalid-user-id', message: userIdNotText(input) } }
}

/** Checks the event key against the datafile: Optimizely only counts exact matches. */
export function checkEventKey(input: unknown, catalog: Pick<DatafileCatalog, 'hasEvent'>): { eventKey?: string; finding?: Finding } {
  if (typeof input !== 'string' || input === '') {
    return { finding: { code: 'missing-event-key', message: noEventKey } }
  }
  if (!catalog.hasEvent(input)) {
    return {
      finding: {
        code: 'unknown-event-key',
        message: unknownEventKey(input)
      }
    }
  }
  return { eventKey: input }
}

/** Applies every rule to one mapped payload; `revenue` holds the Revenue Unit and Revenue Events settings. */
export function prepareConversion(
  raw: RawConversion,
  catalog: DatafileCatalog,
  revenueOptions: RevenueOptions = DEFAULT_REVENUE_OPTIONS
): ConversionResult {
  const event = checkEventKey(raw.eventKey, catalog)
  if (event.finding) return { ok: false, skip: event.finding, findings: [] }
  const user = normalizeUserId(raw.userId)
  if (user.finding) return { ok: false, skip: user.finding, findings: [] }

  const attributes = sanitizeAttributes(raw.attributes, catalog)
  const tags = sanitizeTags(raw.eventTags)
  // An event the Revenue Events setting leaves out carries no revenue, as the team chose: nothing to report.
  const revenue = carriesRevenue(event.eventKey as string, revenueOptions) ? parseRevenue(raw.revenue, revenueOptions.revenueUnit) : {}
  const value = parseValue(raw.value)
  const findings = [...attributes.findings, ...tags.findings]
  if (revenue.finding) findings.push(revenue.finding)
  if (value.finding) findings.push(value.finding)

  const conversion: Conversion = {
    eventKey: event.eventKey as string,
    userId: user.userId as string,
    attributes: attributes.values,
    tags: tags.values
  }
  if (revenue.revenue !== undefined) conversion.tags.revenue = conversion.revenue = revenue.revenue
  if (value.value !== undefined) conversion.tags.value = conversion.value = value.value
  return { ok: true, conversion, findings }
}

/** Builds a catalog from a parsed datafile's `events` and `attributes` lists. */
export function catalogFromDatafile(datafile: { events?: unknown; attributes?: unknown }): DatafileCatalog {
  const keysOf = (list: unknown) =>
    new Set(
      Array.isArray(list)
        ? list.map((item) => (isPlainObject(item) ? item.key : undefined)).filter((key): key is string => typeof key === 'string')
        : []
    )
  const events = keysOf(datafile.events)
  const attributes = keysOf(datafile.attributes)
  return { hasEvent: (key) => events.has(key), hasAttribute: (key) => attributes.has(key) }
}
