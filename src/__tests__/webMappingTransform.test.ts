/**
 * The web bundle's mapping transform (src/web/mappingTransform.ts) against actions-core's mapping
 * kit, on a generated corpus of mappings and events: every mapping gives exactly the kit's result
 * (or the kit's error), the ones resolved without the kit are a large share of the corpus, the
 * Track Event preset is among them, and any other mapping is the kit's own work once prepared.
 */
import { transform as kitTransform } from '@segment/actions-core/mapping-kit'
import { isCommonMapping, prepareTransform, transform } from '../web/mappingTransform'
import trackEvent from '../trackEvent'
import { trackEventPreset } from '../shared/trackEventPreset'
import { classicPresets } from '../shared/classicPresets'
// Thousands of pairs: compared first without building an assertion error per pair (see the helper).
import { expectStrictEqual } from './helpers/corpusExpect'

type Mapping = Record<string, unknown>

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const PATHS = [
  '$.event',
  '$.userId',
  '$.anonymousId',
  '$.properties',
  '$.properties.revenue',
  '$.properties.zero.deep',
  '$.properties.empty',
  '$.properties.nothing',
  '$.properties.flag',
  "$.properties['dotted.key']",
  '$.properties["dotted.key"]',
  '$.properties.list[1]',
  '$.properties.list.0',
  '$.properties.list[0].name',
  '$.context.traits',
  '$.context.traits.plan',
  '$.missing.deep.path',
  'properties.revenue',
  'properties.$.revenue',
  '$.$.event',
  '$.',
  '',
  '.',
  '$..event',
  '$.properties[dotted.key]',
  '$.properties.list]',
  '$.properties.undefinedValue'
]
const SCALARS: unknown[] = ['$.event', 'text', '', 0, 12.5, -1, true, false, null, undefined, NaN]
const OTHER_DIRECTIVES: Array<() => unknown> = [
  () => ({ '@template': '{{event}} by {{userId}}' }),
  () => ({ '@literal': { '@path': '$.event' } }),
  () => ({ '@case': { operator: 'upper', value: { '@path': '$.event' } } }),
  () => ({ '@path': '$.event', _metadata: { label: 'x' } }),
  () => ({ '@if': { blank: { '@path': '$.properties.empty' }, then: 'a', else: 'b' } }),
  () => ({ '@if': { exists: 'literal', then: 1 } }),
  () => ({ '@path': { '@path': '$.properties.pathName' } }),
  () => new Date(0)
]

function generateBranch(next: () => number, depth: number): unknown {
  const roll = next()
  if (depth > 3 || roll < 0.45) return SCALARS[Math.floor(next() * SCALARS.length)]
  if (roll < 0.8) return { '@path': PATHS[Math.floor(next() * PATHS.length)] }
  return generateIf(next, depth + 1)
}

function generateIf(next: () => number, depth: number): unknown {
  const options: Record<string, unknown> = { exists: { '@path': PATHS[Math.floor(next() * PATHS.length)] } }
  if (next() < 0.8) options.then = generateBranch(next, depth)
  if (next() < 0.8) options.else = generateBranch(next, depth)
  return { '@if': options }
}

function generateValue(next: () => number, depth: number): unknown {
  const roll = next()
  if (depth > 3 || roll < 0.2) return SCALARS[Math.floor(next() * SCALARS.length)]
  if (roll < 0.5) return { '@path': PATHS[Math.floor(next() * PATHS.length)] }
  if (roll < 0.7) return generateIf(next, depth + 1)
  if (roll < 0.78) return OTHER_DIRECTIVES[Math.floor(next() * OTHER_DIRECTIVES.length)]()
  if (roll < 0.88) return Array.from({ length: Math.floor(next() * 3) }, () => generateValue(next, depth + 1))
  const object: Mapping = {}
  for (let index = 0; index < Math.floor(next() * 3); index += 1) object[`key${index}`] = generateValue(next, depth + 1)
  return object
}

function generateMapping(next: () => number): Mapping {
  const mapping: Mapping = {}
  for (let index = 0; index < 1 + Math.floor(next() * 6); index += 1) mapping[`field${index}`] = generateValue(next, 0)
  return mapping
}

const MAYBE: unknown[] = ['Order Completed', 'user-1', '', 0, null, undefined, false, 'x']

function generateEvent(next: () => number): Mapping {
  const pick = (items: unknown[]) => items[Math.floor(next() * items.length)]
  const event: Mapping = { type: 'track', event: pick(MAYBE), userId: pick(MAYBE), anonymousId: pick(['anon-1', undefined, null]) }
  if (next() < 0.9) {
    event.properties = {
      revenue: pick([10, 0, '9.99', null, undefined]),
      zero: pick([0, '', false, null, { deep: 'value' }]),
      empty: pick(['', 'full', null]),
      flag: pick([true, false]),
      'dotted.key': pick(['dotted', undefined]),
      list: pick([[{ name: 'first' }, 'second'], [], 'not a list', undefined]),
      undefinedValue: undefined,
      pathName: pick(['$.event', 'userId', 7]),
      nested: { kept: 1, dropped: undefined, deeper: [undefined, { gone: undefined, here: 2 }] }
    }
  }
  if (next() < 0.7) event.context = { traits: pick([{ plan: 'pro', unset: undefined }, {}, null, 'text']) }
  return event
}

/** The kit's outcome: its result, or its error's message. */
function outcome(run: () => unknown): { result?: unknown; error?: string } {
  try {
    return { result: run() }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

test('a mapping outside the common forms that was never prepared is refused, not guessed at', () => {
  expect(() => transform({ eventKey: { '@template': '{{event}}' } }, { event: 'A' })).toThrow(/not prepared/)
})

test("on 6,000 generated mappings, each against generated events, the result is exactly the mapping kit's", async () => {
  const next = random(2121)
  let common = 0
  for (let index = 0; index < 6000; index += 1) {
    const mapping = generateMapping(next)
    if (isCommonMapping(mapping)) common += 1
    else await prepareTransform([mapping])
    for (let run = 0; run < 3; run += 1) {
      const event = generateEvent(next)
      const expected = outcome(() => kitTransform(mapping as never, event))
      const actual = outcome(() => transform(mapping, event))
      expectStrictEqual({ mapping, event, ...actual }, { mapping, event, ...expected })
    }
  }
  // Both sides of the corpus are well represented.
  expect(common).toBeGreaterThan(3000)
  expect(6000 - common).toBeGreaterThan(1000)
})

test('the Track Event preset is resolved without the kit; the classic presets (@template, @replace) go to the kit', () => {
  const preset = trackEventPreset(trackEvent.fields).mapping as Mapping
  expect(isCommonMapping(preset)).toBe(true)
  const event = { type: 'track', event: 'Order Completed', userId: null, anonymousId: 'anon-1', properties: { revenue: 10 } }
  expect(transform(preset, event)).toStrictEqual(kitTransform(preset as never, event))
  expect(transform(preset, event)).toMatchObject({ eventKey: 'Order Completed', userId: 'anon-1', revenue: 10 })
  for (const classic of classicPresets(trackEvent.fields)) expect(isCommonMapping(classic.mapping)).toBe(false)
})

test("data that is not an object gets the kit's error", () => {
  const mapping = { eventKey: { '@path': '$.event' } }
  for (const data of [[], 'text', null]) {
    expect(outcome(() => transform(mapping, data as never))).toEqual(outcome(() => kitTransform(mapping, data as never)))
  }
})
