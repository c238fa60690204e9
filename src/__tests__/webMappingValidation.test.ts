/**
 * The web bundle's mapping validation (src/web/mappingValidation.ts) against the mapping kit's own
 * validator: on a generated corpus, every mapping it passes without the library must be one the
 * library passes; the Track Event preset must pass without the library; any other mapping gets
 * the library's own verdict and error.
 */
import libraryValidate from '@segment/actions-core/mapping-kit/validate'
import validate, { isValidMapping, prepareMappings } from '../web/mappingValidation'
import { validatorNotLoaded } from '../messages/mappingKit'
import trackEvent from '../trackEvent'
import { trackEventPreset } from '../shared/trackEventPreset'
// Thousands of pairs: compared first without building an assertion error per pair (see the helper).
import { expectEqual } from './helpers/corpusExpect'

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const SCALARS: unknown[] = ['$.event', '', 0, 12.5, true, false, null, undefined, NaN, [], ['@path'], new Date(0)]
const DIRECTIVES = ['@path', '@if', '@template', '@literal', '@json', '@foo', '@case', '@replace', '@arrayPath', '@liquid']
const IF_KEYS = ['exists', 'then', 'else', 'blank', 'mapping', '@path', '_metadata']

function generateValue(next: () => number, depth: number): unknown {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]
  const roll = next()
  if (depth > 3 || roll < 0.25) return pick(SCALARS)
  if (roll < 0.55)
    return { '@path': next() < 0.8 ? pick(['$.event', '$.userId', '$.properties.revenue', '']) : generateValue(next, depth + 1) }
  if (roll < 0.75) {
    const branches: Record<string, unknown> = {}
    const count = Math.floor(next() * 4)
    for (let index = 0; index < count; index += 1)
      branches[next() < 0.8 ? pick(IF_KEYS.slice(0, 3)) : pick(IF_KEYS)] = generateValue(next, depth + 1)
    return { '@if': next() < 0.9 ? branches : pick(SCALARS) }
  }
  if (roll < 0.85) {
    const directive: Record<string, unknown> = { [pick(DIRECTIVES)]: generateValue(next, depth + 1) }
    if (next() < 0.3) directive[pick(['_metadata', 'other', '@path'])] = generateValue(next, depth + 1)
    return directive
  }
  const object: Record<string, unknown> = {}
  const keys = Math.floor(next() * 3)
  for (let index = 0; index < keys; index += 1) object[`key${index}`] = generateValue(next, depth + 1)
  return object
}

function generateMapping(next: () => number): unknown {
  if (next() < 0.05) return generateValue(next, 0)
  const mapping: Record<string, unknown> = {}
  const keys = 1 + Math.floor(next() * 6)
  for (let index = 0; index < keys; index += 1) mapping[`field${index}`] = generateValue(next, 0)
  return mapping
}

const libraryPasses = (mapping: unknown) => {
  try {
    libraryValidate(mapping)
    return true
  } catch {
    return false
  }
}

test('on 8,000 generated mappings, every one passed without the library is one the library passes', () => {
  const next = random(21)
  let passed = 0
  let rejectedByLibrary = 0
  for (let index = 0; index < 8000; index += 1) {
    const mapping = generateMapping(next)
    const library = libraryPasses(mapping)
    if (!library) rejectedByLibrary += 1
    if (!isValidMapping(mapping)) continue
    passed += 1
    expectEqual({ mapping, library }, { mapping, library: true })
  }
  // Both sides of the corpus are well represented.
  expect(passed).toBeGreaterThan(800)
  expect(rejectedByLibrary).toBeGreaterThan(800)
})

test('the Track Event preset passes without the library, and so does each copy the mapping kit makes of it', () => {
  const { mapping } = trackEventPreset(trackEvent.fields) as { mapping: Record<string, unknown> }
  expect(isValidMapping(mapping)).toBe(true)
  expect(validate({ ...mapping })).toBeNull()
  expect(validate({ ...mapping })).toBeNull()
})

test("a mapping outside the common forms gets the library's verdict, and its error, once the library is prepared", async () => {
  const invalid = { eventKey: { '@template': 42 } }
  expect(() => validate(invalid)).toThrow(validatorNotLoaded)
  await prepareMappings([invalid])
  const expected = getError(() => libraryValidate(invalid))
  const actual = getError(() => validate(invalid))
  expect(actual.constructor).toBe(expected.constructor)
  expect(actual.message).toContain('/eventKey/@template should be a string or a mapping directive but it is a number.')
  expect(validate({ eventKey: { '@template': '{{event}}' } })).toBeUndefined()
})

function getError(action: () => unknown): Error {
  try {
    action()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}
