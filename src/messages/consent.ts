/**
 * The message catalogue, the web bundle's consent chunk: what the consent gate says (src/consent).
 */

export const consentRefused = (removed: number) =>
  `consent refused: nothing more is sent to Optimizely for this visitor; ${removed} stored entries removed`

export const consentGranted = 'consent granted: events are sent to Optimizely again'
