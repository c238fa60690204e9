/**
 * The message catalogue, the web bundle's decisions chunk: what the decisions flowing back and the
 * visitor-ID guard say (src/decisions).
 */

export const decisionNotReported = (reason: string) => `decision not reported: ${reason}`

export const capturedNotReported = (reason: string) => `captured decisions not reported: ${reason}`

export const sentForDecidedId = (decided: string, mapped: string) =>
  `conversion sent for "${decided}", the ID that received the decision, instead of "${mapped}"`

export const decidedForOtherId = (mapped: string, decided: string) =>
  `conversion sent for "${mapped}", but the Optimizely decision in this browser was made for "${decided}": Optimizely counts ` +
  `the conversion for nobody in that experiment. Map User ID to the ID you decide with (e.g. the anonymous ID), decide with ` +
  `the user ID, or set Visitor ID Guard to Use Decided ID.`
