/**
 * The automatic Track Event preset both modes offer: every `track` call, mapped with the
 * defaults of the action's fields.
 */
import type { InputField, JSONObject, Preset } from '@segment/actions-core'

/**
 * Each field's `default` by field key: what actions-core's `defaultValues` returns. Written out
 * here because actions-core's main entry also loads its server-side destination kit (Node's
 * `events`, `https`), which a site's own bundler cannot build for the browser; type imports
 * from it cost nothing.
 */
export function fieldDefaults(fields: Record<string, InputField>): JSONObject {
  const mapping: JSONObject = {}
  for (const [key, field] of Object.entries(fields)) {
    if (field.default !== undefined) mapping[key] = field.default as JSONObject[string]
  }
  return mapping
}

export function trackEventPreset(fields: Record<string, InputField>): Preset {
  return {
    name: 'Track Event',
    subscribe: 'type = "track"',
    partnerAction: 'trackEvent',
    mapping: fieldDefaults(fields),
    type: 'automatic'
  }
}
