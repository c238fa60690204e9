/**
 * The web bundle's FQL fast path against the library it stands in front of, on a generated
 * corpus: every string the fast path accepts must give exactly the library's tree, which the fast
 * path matches against events exactly as the library's validate does, and the forms Segment's
 * app writes must be among those it accepts.
 */
import { parseFql as parseWithLibrary, validate } from '@segment/destination-subscriptions'
import { eventNamesOf, matchesCommonFql, parseCommonFql } from '../web/fqlFastPath'
// Thousands of pairs: compared first without building an assertion error per pair (see the helper).
import { expectEqual, expectStrictEqual } from './helpers/corpusExpect'

/** A small seeded generator, so a failure names a corpus entry that reproduces. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const FIELDS = ['type', 'event', 'types', 'name', 'userId', 'properties.plan', 'Event', 'eventx', 'ty\\pe']
const OPERATORS = ['=', '!=', '==', '<', '>=', ' =', '= ', ' != ', '!= ', ' !=', '!=\t', '=\n']
const VALUES = [
  '"track"',
  '"Order Completed"',
  '""',
  '"a\\"b"',
  "'track'",
  '"with (parens)"',
  '"and"',
  '"or"',
  '1',
  'true',
  'null',
  '"x y"',
  '"é ✓"',
  '"\r"',
  '"unterminated'
]
const CONJUNCTIONS = ['and', 'or', 'AND', '&&', 'nor']
const SPACES = [' ', '  ', '\t', '\n', '\r', '', ' \n ']

function generateCorpus(size: number, next: () => number): string[] {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]
  const common = () => next() < 0.6
  const condition = () =>
    common()
      ? `${pick(['type', 'event'])}${pick([' = ', '=', ' != ', ' =', '= '])}${pick(VALUES.slice(0, 3).concat(['"Checkout Step 3"']))}`
      : `${pick(FIELDS)}${pick(OPERATORS)}${pick(VALUES)}`
  const corpus: string[] = []
  while (corpus.length < size) {
    const conditions = 1 + Math.floor(next() * 4)
    const conjunction = common() ? pick(['and', 'or']) : pick(CONJUNCTIONS)
    let fql = `${common() ? '' : pick(SPACES)}${condition()}`
    for (let index = 1; index < conditions; index += 1) {
      const joined = next() < 0.85 ? conjunction : pick(CONJUNCTIONS)
      const space = () => (common() ? ' ' : pick(SPACES))
      fql += `${space()}${joined}${space()}${next() < 0.1 ? `(${condition()})` : condition()}`
    }
    if (!common()) fql += pick(SPACES)
    // Some entries get one character deleted or inserted, where the lexer's edge cases live.
    if (next() < 0.2) {
      const at = Math.floor(next() * fql.length)
      fql =
        next() < 0.5 ? fql.slice(0, at) + fql.slice(at + 1) : fql.slice(0, at) + pick(['"', ' ', '!', '(', ')', 'a', '=']) + fql.slice(at)
    }
    corpus.push(fql)
  }
  return corpus
}

const EVENTS = [
  { type: 'track', event: 'Order Completed' },
  { type: 'track', event: 'Checkout Step 3' },
  { type: 'page', name: 'Home' },
  { type: 'track', event: '' },
  { type: 'identify' },
  { event: 'Order Completed' },
  { type: 'track', event: 'and' },
  { type: 'track', event: 'x y' },
  { type: 'track', event: 'é ✓' },
  { type: 'track', event: 1 },
  {},
  undefined
]

test('on 20,000 generated FQL strings, every one the fast path accepts parses to the library tree and matches the same events', () => {
  const corpus = generateCorpus(20_000, random(21))
  let accepted = 0
  for (const fql of corpus) {
    const tree = parseCommonFql(fql)
    if (!tree) continue
    accepted += 1
    const library = parseWithLibrary(fql)
    expectStrictEqual({ fql, tree }, { fql, tree: library })
    for (const event of EVENTS)
      expectEqual({ fql, event, matches: matchesCommonFql(tree, event) }, { fql, event, matches: validate(library, event) })
  }
  // The corpus is mostly common forms: the fast path must take a good share of it.
  expect(accepted).toBeGreaterThan(corpus.length / 6)
})

test('on the same corpus, an event the library matches to a tree always has one of the names eventNamesOf gives for it', () => {
  const corpus = generateCorpus(20_000, random(22))
  let named = 0
  let matched = 0
  for (const fql of corpus) {
    const tree = parseCommonFql(fql)
    const names = tree && eventNamesOf(tree)
    if (!names) continue
    named += 1
    const library = parseWithLibrary(fql)
    for (const event of EVENTS) {
      if (!validate(library, event)) continue
      matched += 1
      const name = (event as { event?: unknown } | undefined)?.event
      expectStrictEqual({ fql, event, named: names.includes(name as string) }, { fql, event, named: true })
    }
  }
  expect(named).toBeGreaterThan(corpus.length / 20)
  // The property is checked on many matches, not vacuously.
  expect(matched).toBeGreaterThan(named / 4)
})

test.each([
  ['type = "track" and event = "Order Completed"', ['Order Completed']],
  ['event = "Order Completed" or event = "Product Added"', ['Order Completed', 'Product Added']],
  ['event = "A" and type = "track" and event = "B"', ['A']],
  ['type = "track"', undefined],
  ['type = "track" and event != "Experiment Viewed"', undefined],
  ['event = "A" or type = "page"', undefined],
  ['properties.revenue > 10', undefined]
])('%p names the events %p', (fql, names) => {
  expect(eventNamesOf(parseCommonFql(fql) ?? parseWithLibrary(fql))).toEqual(names)
})

test.each([
  'type = "track"',
  'type = "track" and event = "Order Completed"',
  'event = "Order Completed" or event = "Product Added"',
  'type = "track" and event != "Experiment Viewed"',
  'type="track"',
  '  event = "Order Completed"\n'
])('the form Segment writes, %p, takes the fast path', (fql) => {
  expect(parseCommonFql(fql)).toStrictEqual(parseWithLibrary(fql))
})

test.each([
  ['a comparison with a number', 'properties.revenue > 10'],
  ['mixed conjunctions (the library keeps the last)', 'type = "track" and event = "A" or event = "B"'],
  ['a group', 'type = "track" and (event = "A" or event = "B")'],
  ['`!=` without the space the lexer needs', 'event !="A"'],
  ['a single-quoted value', "type = 'track'"],
  ['a function', 'contains(event, "Order")']
])('%s is left to the library', (_title, fql) => {
  expect(parseCommonFql(fql)).toBeUndefined()
})
