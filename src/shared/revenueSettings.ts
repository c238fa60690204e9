/**
 * The revenue settings both modes offer, defined once so the device-mode and cloud settings read
 * the same; src/shared/revenueRules.ts applies them.
 */
import type { GlobalSetting } from '@segment/actions-core'

export const revenueSettings = {
  revenueUnit: {
    label: 'Revenue Unit',
    description:
      "What the mapped Revenue means. Cents (Optimizely's own unit): an integer, 1999 for $19.99; fractional revenue is not sent. Currency: currency units such as 19.99, multiplied by 100 and rounded to integer cents, as Segment's classic Optimizely integration did.",
    type: 'string',
    choices: [
      { label: 'Cents (integer, e.g. 1999)', value: 'cents' },
      { label: 'Currency units (e.g. 19.99, sent ×100)', value: 'currency' }
    ],
    default: 'cents'
  },
  revenueEvents: {
    label: 'Revenue Events',
    description:
      "Send revenue only with these Optimizely event keys (e.g. Order Completed, as Segment's classic Optimizely integration did); other conversions are still sent, without revenue. Leave empty to send revenue with every event that maps one.",
    type: 'string',
    multiple: true
  }
} satisfies Record<string, GlobalSetting>
