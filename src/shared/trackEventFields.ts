/**
 * Track Event fields shared by both modes (the cloud action adds `timestamp` and `uuid`).
 * actions-core maps each field from the Segment event with its `@path` default.
 */
import type { InputField } from '@segment/actions-core'

export const fields = {
  eventKey: {
    label: 'Event Key',
    description:
      'The key of the Optimizely event to convert. It must match an event key in the datafile exactly (case included); other keys are not sent.',
    type: 'string',
    required: true,
    default: { '@path': '$.event' }
  },
  userId: {
    label: 'User ID',
    description:
      'The visitor ID that Optimizely bucketed. Use the same ID your Optimizely client decides with; by default the Segment user ID, else the anonymous ID.',
    type: 'string',
    required: true,
    default: { '@if': { exists: { '@path': '$.userId' }, then: { '@path': '$.userId' }, else: { '@path': '$.anonymousId' } } }
  },
  attributes: {
    label: 'Event Attributes',
    description:
      'User attributes for segmenting results. Only keys defined as attributes in the datafile are sent; values must be strings, booleans or numbers. In the browser, when this maps to nothing, the traits analytics.js stored for the user are used.',
    type: 'object',
    default: { '@path': '$.context.traits' }
  },
  revenue: {
    label: 'Revenue',
    description:
      'Revenue in cents, as an integer ($19.99 is 1999), or in currency units (19.99) when the Revenue Unit setting says so. Invalid revenue is not sent; the conversion still is. Events outside the Revenue Events setting carry none.',
    // A number, not an integer: with Revenue Unit "currency" 19.99 is valid input (the value rules decide).
    type: 'number',
    default: { '@path': '$.properties.revenue' }
  },
  value: {
    label: 'Value',
    description: 'A numeric value for numeric metrics (a float).',
    type: 'number',
    default: { '@path': '$.properties.value' }
  },
  eventTags: {
    label: 'Event Tags',
    description: 'Extra tags sent with the conversion: strings, numbers or booleans. Revenue and value are taken from their own fields.',
    type: 'object',
    default: { '@path': '$.properties' }
  }
} satisfies Record<string, InputField>
