/**
 * The Conversion Audience setting's value (src/decisions/conversionAudience.ts has its rules). In
 * the main bundle: the definition and the action read it to know whether the rules are needed.
 */
export type ConversionAudience = 'everyone' | 'identified' | 'bucketed'

export function toConversionAudience(input: unknown): ConversionAudience {
  return input === 'identified' || input === 'bucketed' ? input : 'everyone'
}

/** The rules' module: a lazy chunk, fetched only when the setting is not `everyone`. */
export const loadAudienceRules = () => import(/* webpackChunkName: "conversion-audience" */ './conversionAudience')
