/**
 * The message catalogue (src/messages/, one file per part of the code that shows them, so each
 * bundle carries only its own): what the value rules say, in both modes (src/shared/valueRules.ts).
 * In the browser they are console messages; in the cloud, the errors Segment's event delivery
 * shows.
 */

/** A value shown inside a message: strings quoted (at most 60 characters), others by kind. */
function describeValue(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input.length > 60 ? `${input.slice(0, 60)}…` : input)
  if (typeof input === 'number' || typeof input === 'boolean' || input === null || input === undefined) return String(input)
  if (Array.isArray(input)) return 'an array'
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`
}

export const valueDropped = (noun: string, key: string, value: unknown) =>
  `${noun} "${key}" dropped: ${describeValue(value)} is not a string, boolean or finite number`

export const revenueNotCents = (input: unknown) =>
  `revenue ${describeValue(input)} not sent: Optimizely revenue is an integer number of cents (e.g. 1999 for $19.99)`

export const revenueNotCurrency = (input: unknown) =>
  `revenue ${describeValue(input)} not sent: with Revenue Unit "currency" revenue is a number of currency units (e.g. 19.99), sent as cents`

export const valueNotNumber = (input: unknown) => `value ${describeValue(input)} not sent: it must be a finite number`

export const noUserId = 'conversion not sent: no user ID (userId or anonymousId)'

export const userIdNotText = (input: unknown) => `conversion not sent: user ID ${describeValue(input)} is not a string or number`

export const noEventKey = 'conversion not sent: no event key'

export const unknownEventKey = (eventKey: string) =>
  `conversion "${eventKey}" not sent: the datafile has no event with this key (keys match exactly, case included)`
