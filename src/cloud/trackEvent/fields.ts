/**
 * Cloud Track Event fields: the shared fields of both modes, plus what the Event API needs that
 * the SDK supplies by itself in the browser (the event's timestamp and a unique ID).
 */
import type { InputField } from '@segment/actions-core'
import { fields as sharedFields } from '../../trackEvent/fields'

export const fields = {
  ...sharedFields,
  eventKey: {
    ...sharedFields.eventKey,
    // Lists the datafile's event keys in the mapping editor (see dynamicFields in ./index.ts).
    dynamic: true
  },
  attributes: {
    ...sharedFields.attributes,
    description:
      'User attributes for segmenting results. Only keys defined as attributes in the datafile are sent; values must be strings, booleans or numbers.'
  },
  // actions-core validates (and coerces) every payload against the field types before `perform`
  // runs, and rejects the whole event on a mismatch: as `integer`, revenue 19.99 would lose the
  // conversion, and as `number`, `true` would become 1 cent. Typed as strings (numbers are
  // coerced to their text), revenue and value reach the shared value rules, which send valid
  // numbers as numbers and drop only the invalid field, as in device mode.
  revenue: {
    ...sharedFields.revenue,
    type: 'string'
  },
  value: {
    ...sharedFields.value,
    type: 'string'
  },
  timestamp: {
    label: 'Timestamp',
    description: 'When the conversion happened. Sent to Optimizely in milliseconds since the epoch.',
    type: 'datetime',
    required: true,
    default: { '@path': '$.timestamp' }
  },
  uuid: {
    label: 'Unique ID',
    description: 'A unique ID for the conversion, so Optimizely can recognise a resent event.',
    type: 'string',
    unsafe_hidden: true,
    default: { '@path': '$.messageId' }
  }
} satisfies Record<string, InputField>
