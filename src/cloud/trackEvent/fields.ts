/**
 * Cloud Track Event fields: the shared fields of both modes, plus what the Event API needs that
 * the SDK supplies by itself in the browser (the event's timestamp and a unique ID).
 */
import type { InputField } from '@segment/actions-core'
import { fields as sharedFields } from '../../shared/trackEventFields'

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
  },
  userAgent: {
    label: 'User Agent',
    description:
      "The visitor's browser user agent, sent as Optimizely's reserved $opt_user_agent attribute so the project's bot filtering can drop crawlers' conversions. Sent whenever present.",
    type: 'string',
    default: { '@path': '$.context.userAgent' }
  },
  // Segment calls performBatch only for mappings with batching on; the Event API takes many
  // visitors per request, so it is on by default.
  enable_batching: {
    label: 'Batch Data to Optimizely',
    description: 'Send conversions to the Event API in batches (many visitors per request) instead of one request per event.',
    type: 'boolean',
    default: true
  },
  batch_size: {
    label: 'Batch Size',
    description: 'The most conversions sent in one Event API request. Larger batches are also split below the Event API body limit.',
    type: 'number',
    unsafe_hidden: true,
    minimum: 1,
    maximum: 1000,
    default: 100
  }
} satisfies Record<string, InputField>
