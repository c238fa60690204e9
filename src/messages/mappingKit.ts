/**
 * The message catalogue, the web bundle's mapping-kit chunk: what the mapping kit's substitutes
 * say (src/web/liquidDirective.ts).
 */

export const liquidNotString = 'liquid template value must be a string'

export const liquidNotSupported =
  'Liquid templates are not supported by the Optimizely Feature Experimentation web bundle; map fields with @path instead'

/** The kit validated a mapping before the validator was loaded for it (src/web/mappingValidation.ts). */
export const validatorNotLoaded = 'the mapping kit validated a mapping before its validator was loaded for it'
