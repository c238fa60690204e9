/**
 * Optional presets that reproduce what Segment's classic analytics.js Optimizely integration did
 * on its own, so a team switching over keeps the event keys its Optimizely metrics already use.
 * None of them is the automatic Track Event preset: each sends something only once a mapping
 * made from it is enabled. See docs/migrating.md.
 *
 * - Page views: the classic `trackNamedPages` and `trackCategorizedPages` options turned
 *   `analytics.page('Docs', 'Setup')` into the conversions `Viewed Docs Setup Page` and
 *   `Viewed Docs Page`, with the page's properties as tags.
 * - The colon rule: the classic integration sent `Checkout:Step 2` as `Checkout_Step 2`
 *   (Optimizely Web refused colons). Its subscription takes only names with a colon, so beside
 *   the Track Event preset no event is sent twice.
 */
import type { InputField, JSONObject, Preset } from '@segment/actions-core'
import { fieldDefaults } from './trackEventPreset'

/** Every `:` in the resolved value becomes `_`, as the classic integration sent event names. */
function colonsAsUnderscores(value: JSONObject[string]): JSONObject {
  return { '@replace': { pattern: ':', replacement: '_', global: true, value } }
}

/** The classic integration's full page name: "<category> <name>" when both are set (analytics.js puts the category in the properties). */
const NAMED_PAGE_EVENT = colonsAsUnderscores({
  '@if': {
    exists: { '@path': '$.properties.category' },
    then: { '@template': 'Viewed {{properties.category}} {{name}} Page' },
    else: { '@template': 'Viewed {{name}} Page' }
  }
})

const CATEGORIZED_PAGE_EVENT = colonsAsUnderscores({ '@template': 'Viewed {{properties.category}} Page' })

export const CLASSIC_PRESET_NAMES = {
  namedPages: 'Named Page Viewed (classic trackNamedPages)',
  categorizedPages: 'Categorized Page Viewed (classic trackCategorizedPages)',
  colonsAsUnderscores: 'Track Event, Colons as Underscores (classic)'
} as const

export function classicPresets(fields: Record<string, InputField>): Preset[] {
  const defaults = fieldDefaults(fields)
  return [
    {
      name: CLASSIC_PRESET_NAMES.namedPages,
      subscribe: 'type = "page" and name != null',
      partnerAction: 'trackEvent',
      mapping: { ...defaults, eventKey: NAMED_PAGE_EVENT },
      type: 'automatic'
    },
    {
      name: CLASSIC_PRESET_NAMES.categorizedPages,
      // FQL knows no top-level category; analytics.js copies it into the page's properties.
      subscribe: 'type = "page" and properties.category != null',
      partnerAction: 'trackEvent',
      mapping: { ...defaults, eventKey: CATEGORIZED_PAGE_EVENT },
      type: 'automatic'
    },
    {
      name: CLASSIC_PRESET_NAMES.colonsAsUnderscores,
      subscribe: 'type = "track" and contains(event, ":")',
      partnerAction: 'trackEvent',
      mapping: { ...defaults, eventKey: colonsAsUnderscores({ '@path': '$.event' }) },
      type: 'automatic'
    }
  ]
}
