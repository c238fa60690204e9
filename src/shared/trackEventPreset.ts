/**
 * The automatic Track Event preset both modes offer: every `track` call, mapped with the
 * defaults of the action's fields.
 */
import { defaultValues, type InputField, type Preset } from '@segment/actions-core'

export function trackEventPreset(fields: Record<string, InputField>): Preset {
  return {
    name: 'Track Event',
    subscribe: 'type = "track"',
    partnerAction: 'trackEvent',
    mapping: defaultValues(fields),
    type: 'automatic'
  }
}
