/**
 * What the destination knows about consent: its own categories, as the Segment app sets them in
 * the CDN settings for this destination, and what an event's consent stamp says about them.
 *
 * Where the categories come from: Segment's CDN settings carry them on the destination's
 * `integrations` entry (`consentSettings.categories`); analytics.js merges that entry into the
 * settings it calls the plugin factory with, so `initialize` finds them at
 * `settings.consentSettings.categories`. A site that calls the factory with its own settings can
 * pass the same property.
 *
 * The stamp: Segment's consent wrapper (`@segment/analytics-consent-tools`) writes the visitor's
 * choice into every event at `context.consent.categoryPreferences`, e.g. `{ C0001: true, C0002: false }`;
 * stampVerdict.ts reads it (in the lazy consent chunk; this module is in the main file).
 */

/** The event Segment's consent wrapper sends when the visitor changes their choice. */
export const CONSENT_CHANGE_EVENT = 'Segment Consent Preference Updated'

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The destination's consent categories; empty when none are set (no consent configured). */
export function consentCategories(settings: object): string[] {
  const consentSettings = (settings as { consentSettings?: unknown }).consentSettings
  const categories = isRecord(consentSettings) ? consentSettings.categories : undefined
  if (!Array.isArray(categories)) return []
  return categories.filter((category): category is string => typeof category === 'string' && category !== '')
}

export function isConsentChange(event: unknown): boolean {
  return isRecord(event) && event.type === 'track' && event.event === CONSENT_CHANGE_EVENT
}
