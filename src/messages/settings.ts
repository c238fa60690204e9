/**
 * The message catalogue, the Datafile URL check both modes make (src/shared/datafileUrl.ts; the
 * cloud adds its own refusals, cloud.ts).
 */

export const datafileUrlEmpty = 'the Datafile URL setting is empty'

export const datafileUrlInvalid = (input: unknown) => `the Datafile URL "${String(input)}" is not a valid URL`

export const datafileUrlNotHttps = (input: unknown) =>
  `the Datafile URL "${String(input)}" must start with https:// (http:// is allowed only for localhost, 127.0.0.1 and [::1])`
