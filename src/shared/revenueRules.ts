/**
 * How revenue is read, in both modes: the Revenue Unit setting (Optimizely's integer cents, or
 * currency units multiplied by 100 as Segment's classic Optimizely integration did) and the
 * Revenue Events setting (revenue only for the event keys a team names, e.g. Order Completed).
 * Pure functions, like the value rules that use them.
 */

export type RevenueUnit = 'cents' | 'currency'

export interface RevenueOptions {
  revenueUnit: RevenueUnit
  /** Event keys that may carry revenue; undefined means every event. */
  revenueEvents?: ReadonlySet<string>
}

export const DEFAULT_REVENUE_OPTIONS: RevenueOptions = { revenueUnit: 'cents' }

/** The revenue settings of either mode, as the rules use them. Anything unexpected means the default. */
export function revenueOptionsFrom(settings: { revenueUnit?: unknown; revenueEvents?: unknown }): RevenueOptions {
  const revenueUnit: RevenueUnit = settings.revenueUnit === 'currency' ? 'currency' : 'cents'
  const listed = Array.isArray(settings.revenueEvents) ? settings.revenueEvents : [settings.revenueEvents]
  const keys = listed.filter((key): key is string => typeof key === 'string' && key.trim() !== '').map((key) => key.trim())
  return keys.length > 0 ? { revenueUnit, revenueEvents: new Set(keys) } : { revenueUnit }
}

/** Whether a conversion with this event key carries revenue at all. */
export function carriesRevenue(eventKey: string, options: RevenueOptions): boolean {
  return options.revenueEvents === undefined || options.revenueEvents.has(eventKey)
}

/**
 * Currency units as integer cents: ×100, rounded half away from zero on the decimal value as
 * written, so 9.99 → 999, 1.005 → 101 (plain `1.005 * 100` is 100.49999999999999), and
 * 534.3099999999999 → 53431. Undefined when the result is not a safe integer.
 */
export function currencyToCents(amount: number): number | undefined {
  if (!Number.isFinite(amount)) return undefined
  const text = String(Math.abs(amount))
  // Shifting the decimal point in the text avoids the binary error of multiplying; numbers that
  // print with an exponent (1e-7, 1e21) are far from any cent boundary and are multiplied.
  const shifted = /e/i.test(text) ? Math.abs(amount) * 100 : Number(`${text}e2`)
  const cents = Math.sign(amount) * Math.round(shifted) + 0
  return Number.isSafeInteger(cents) ? cents : undefined
}
