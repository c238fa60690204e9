/**
 * What the runtime sees as `@segment/actions-core/mapping-kit` in the web bundle: the kit's
 * `transform()`, with the common mapping forms resolved here and every other mapping handed to
 * the kit itself, which is then a lazy chunk.
 *
 * The kit registers every directive it knows (`@template`, `@replace`, `@case`, `@json`, …) and
 * is the largest part of the main file, while the Track Event preset and nearly every mapping
 * Segment's app writes use only plain values, `@path` and `@if` with `exists`. Those forms are
 * resolved here as the kit resolves them; a mapping with anything else anywhere in it goes to the
 * kit, which `prepareTransform` loads before the first event (src/web/shim.ts calls it). A
 * differential test holds both against each other on a generated corpus of mappings and events
 * (src/__tests__/webMappingTransform.test.ts).
 *
 * The kit's rules mirrored here: `@path` drops the first `$.` of its string and reads the path
 * (dots and brackets, quotes removed; an empty path is the whole event), stopping at the first
 * falsy step; `@if` takes `then` when `exists` resolved to neither undefined nor null, else
 * `else` when that is truthy; the result loses its undefined object values, at every depth.
 */
import type { transform as kitTransform } from '@segment/actions-core/mapping-kit'
import { kitDataNotObject, mappingNotPrepared } from '../messages/page'

type Transform = typeof kitTransform
type Mapping = Record<string, unknown>

let transformWithKit: Transform | undefined

const typeName = (value: unknown) => Object.prototype.toString.call(value).slice(8, -1).toLowerCase()
const isObject = (value: unknown): value is Record<string, unknown> => typeName(value) === 'object'
const hasDirectiveKey = (object: object) => Object.keys(object).some((key) => key.startsWith('@'))

/** `{ '@path': string }`: exactly one key. */
const isPath = (value: unknown): value is { '@path': string } =>
  isObject(value) && Object.keys(value).length === 1 && typeof value['@path'] === 'string'

const isScalar = (value: unknown) => typeof value !== 'object' || value === null

/** `{ '@if': { exists: {@path}, then?, else? } }`, each branch a scalar, a `@path` or such an `@if`. */
function isCommonIf(value: unknown): boolean {
  if (!isObject(value) || Object.keys(value).length !== 1) return false
  const options = value['@if']
  if (!isObject(options) || !isPath(options.exists)) return false
  const isBranch = (branch: unknown) => isScalar(branch) || isPath(branch) || isCommonIf(branch)
  return Object.keys(options).every((key) => key === 'exists' || ((key === 'then' || key === 'else') && isBranch(options[key])))
}

/** A value resolved here: a scalar, an array or a plain object of common values, `@path` or a common `@if`. */
function isCommon(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isCommon)
  if (!isObject(value)) return isScalar(value)
  if (!hasDirectiveKey(value)) return Object.values(value).every(isCommon)
  return isPath(value) || isCommonIf(value)
}

/** The mapping kit's root directive: the kit rewrites such a mapping first, so it always goes to the kit. */
const ROOT_DIRECTIVE_KEY = '__segment_internal_directive'

const common = new WeakMap<object, boolean>()

/** A top-level mapping resolved here (remembered per mapping object: the runtime passes the subscription's own). */
export function isCommonMapping(mapping: unknown): mapping is Mapping {
  if (!isObject(mapping)) return false
  let known = common.get(mapping)
  if (known === undefined) {
    known = !hasDirectiveKey(mapping) && !(ROOT_DIRECTIVE_KEY in mapping) && Object.values(mapping).every(isCommon)
    common.set(mapping, known)
  }
  return known
}

// The kit's path splitter: brackets before a quote or digit, dots, and closing brackets after one.
let pathSeparators: RegExp
try {
  pathSeparators = new RegExp(`\\[(?="|'|\\d)|\\.|(?<="|'|\\d)]+`, 'g')
} catch {
  pathSeparators = /\[|\.|]+/g
}

function readPath(event: unknown, path: string): unknown {
  if (path === '' || path === '.') return event
  const steps = path
    .split(pathSeparators)
    .filter((step) => step)
    .map((step) => step.replace(/'|"/g, ''))
  return steps.reduce<unknown>((at, step) => at && (at as Record<string, unknown>)[step], event)
}

function resolve(value: unknown, event: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, event))
  if (!isObject(value)) return value
  if (isPath(value)) return readPath(event, value['@path'].replace('$.', ''))
  const options = value['@if']
  if (isObject(options)) {
    const exists = resolve(options.exists, event)
    if (exists !== undefined && exists !== null) return options.then === undefined ? undefined : resolve(options.then, event)
    return options.else ? resolve(options.else, event) : undefined
  }
  const resolved: Record<string, unknown> = {}
  for (const key of Object.keys(value)) resolved[key] = resolve(value[key], event)
  return resolved
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined)
  if (!isObject(value)) return value
  const cleaned: Record<string, unknown> = {}
  for (const key of Object.keys(value)) if (value[key] !== undefined) cleaned[key] = withoutUndefined(value[key])
  return cleaned
}

/**
 * Loads the kit when a mapping is not in the common forms (before any event needs it), with the
 * validation it calls (src/web/mappingValidation.ts, the kit's `./validate` in the web bundle),
 * prepared for those mappings: one lazy chunk, which a page whose mappings are all common never
 * downloads.
 */
export async function prepareTransform(mappings: unknown[]): Promise<void> {
  if (mappings.every(isCommonMapping)) return
  const [kit, validation] = await Promise.all([
    import(/* webpackChunkName: "mapping-kit" */ '@segment/actions-core/mapping-kit/index'),
    import(/* webpackChunkName: "mapping-kit" */ './mappingValidation')
  ])
  await validation.prepareMappings(mappings)
  transformWithKit = kit.transform
}

export function transform(mapping: Mapping, data: Mapping = {}): Mapping {
  if (!isCommonMapping(mapping)) {
    // prepareTransform loads the kit for every mapping outside the common forms, so only a
    // mapping the factory was never given gets here.
    if (!transformWithKit) throw new Error(mappingNotPrepared)
    return transformWithKit(mapping, data)
  }
  if (typeName(data) !== 'object') throw new Error(kitDataNotObject(typeName(data)))
  return withoutUndefined(resolve(mapping, data)) as Mapping
}
