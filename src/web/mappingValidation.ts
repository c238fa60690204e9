/**
 * What actions-core's mapping kit sees as its `./validate` in the web bundle: the same checks,
 * made once per mapping instead of once per event, and without the library's validator (with its
 * error classes, the runtime's second-largest part) on pages whose mappings are all common.
 *
 * The mapping kit's `transform()` validates the whole mapping on every call, and the runtime calls
 * it for every event and matching subscription. Its argument is a fresh shallow copy of the
 * subscription's mapping each time, but the values are the subscription's own objects, and a
 * plain object is valid exactly when each of its values is (the library checks each key alone).
 * So each value found valid is remembered, and a later copy whose values are all remembered (or
 * are not objects, which the library never rejects at that level) passes at once.
 *
 * Values in the common forms (`@path` with a string, `@if` with exists/then/else of those, plain
 * JSON) are recognised here; only these are accepted without the library, and each is one the
 * library accepts too (a differential test checks it on a generated corpus:
 * src/__tests__/webMappingValidation.test.ts). Any other mapping is checked by the library's
 * validator, which `prepareMappings` loads before the first event (src/web/mappingTransform.ts
 * calls it as it loads the kit: one lazy chunk), so its errors are the library's own.
 */
import type libraryValidate from '@segment/actions-core/mapping-kit/validate'
import { validatorNotLoaded } from '../messages/mappingKit'

type Validate = typeof libraryValidate

const valid = new WeakSet<object>()
let validateWithLibrary: Validate | undefined

// The same two notions as src/web/mappingTransform.ts: imported from there, that main-file module
// would be wrapped for this lazy chunk, 0.2 KB gzip more on every page.
const isPlainObject = (value: unknown): value is Record<string, unknown> => Object.prototype.toString.call(value) === '[object Object]'
const hasDirectiveKey = (object: Record<string, unknown>) => Object.keys(object).some((key) => key.startsWith('@'))

/** A directive in the common forms: `{ '@path': string }` or `{ '@if': { exists?, then?, else? } }` of those and scalars. */
function isCommonDirective(object: Record<string, unknown>): boolean {
  const keys = Object.keys(object)
  if (keys.length !== 1) return false
  const argument = object[keys[0]]
  if (keys[0] === '@path') return typeof argument === 'string'
  if (keys[0] !== '@if' || !isPlainObject(argument)) return false
  return Object.keys(argument).every((key) => {
    if (key !== 'exists' && key !== 'then' && key !== 'else') return false
    const branch = argument[key]
    if (branch === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof branch)) return true
    return isPlainObject(branch) && hasDirectiveKey(branch) && isCommonDirective(branch)
  })
}

/** True when the library's validate(value) is known to pass: not an object, an array, a remembered or a common value. */
function isValidValue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true
  if (valid.has(value)) return true
  if (!isPlainObject(value)) return false
  const common = hasDirectiveKey(value) ? isCommonDirective(value) : Object.values(value).every(isValidValue)
  if (common) valid.add(value)
  return common
}

/** A top-level mapping known valid: a plain object without directive keys whose values are all valid. */
export function isValidMapping(mapping: unknown): boolean {
  return isPlainObject(mapping) && !hasDirectiveKey(mapping) && Object.values(mapping).every(isValidValue)
}

/**
 * The mapping kit's root directive: `transform()` rewrites such a mapping into a directive before
 * validating it, so it always goes to the library.
 */
const ROOT_DIRECTIVE_KEY = '__segment_internal_directive'

/** Loads the library's validator when a mapping is not in the common forms (before any event needs it). */
export async function prepareMappings(mappings: unknown[]): Promise<void> {
  const common = (mapping: unknown) => isValidMapping(mapping) && !Object.keys(mapping as object).includes(ROOT_DIRECTIVE_KEY)
  if (validateWithLibrary || mappings.every(common)) return
  const library = await import(/* webpackChunkName: "mapping-kit" */ '@segment/actions-core/mapping-kit/validate')
  validateWithLibrary = library.default
}

export default function validate(mapping: unknown, stack: string[] = []): void | null {
  if (stack.length === 0 && isValidMapping(mapping)) return null
  if (!validateWithLibrary) {
    // prepareMappings loads the library for every mapping outside the common forms, so only a
    // mapping the factory was never given gets here.
    throw new Error(validatorNotLoaded)
  }
  const result = validateWithLibrary(mapping, stack)
  // Valid: remember its values, so the next event's copy passes at once.
  if (stack.length === 0 && isPlainObject(mapping) && !hasDirectiveKey(mapping)) {
    for (const value of Object.values(mapping)) if (typeof value === 'object' && value !== null) valid.add(value)
  }
  return result
}
