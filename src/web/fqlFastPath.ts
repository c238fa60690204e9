/**
 * The subscription FQL forms Segment's app writes for an event destination, parsed without the
 * FQL library: `type` or `event` compared with `=` or `!=` to a double-quoted value, one or more
 * such conditions joined by a single kind of conjunction (`type = "track"`,
 * `type = "track" and event = "Order Completed"`, `event = "A" or event = "B"`).
 *
 * The library (`@segment/fql-ts`' lexer and `@segment/destination-subscriptions`' parser) is most
 * of the runtime's bytes, and the web bundle loads it only for a subscription outside these forms.
 * For every string this accepts it returns exactly the tree the library's parseFql returns; for
 * anything else it returns undefined and the library decides. Its trees are also matched here,
 * as the library's `validate` matches them. A differential test holds both
 * against each other on a generated corpus (src/web/__tests__/fqlFastPath.test.ts). The lexer's
 * rules this mirrors: whitespace is space, tab and newline; `!=` must be followed by whitespace
 * (`=` need not be); a string runs to the next double quote, its characters taken as they are.
 */
import type { Condition, GroupCondition, Subscription } from '@segment/destination-subscriptions/dist/esm/types'

const CONDITION = /(type|event)(?:[ \t\n]*(=)[ \t\n]*|[ \t\n]*(!=)[ \t\n]+)"([^"]{0,1000})"/y
const CONJUNCTION = /[ \t\n]+(and|or)[ \t\n]+/y
const SPACE = /[ \t\n]*/y

function skipSpace(fql: string, at: number): number {
  SPACE.lastIndex = at
  SPACE.exec(fql)
  return SPACE.lastIndex
}

/** The library's tree for `fql` when it is one of the common forms, else undefined. */
export function parseCommonFql(fql: string): Subscription | undefined {
  const children: Condition[] = []
  let conjunction: 'and' | 'or' | undefined
  let at = skipSpace(fql, 0)
  for (;;) {
    CONDITION.lastIndex = at
    const condition = CONDITION.exec(fql)
    if (!condition) return undefined
    const [, field, equals, differs, value] = condition
    children.push({ type: field === 'type' ? 'event-type' : 'event', operator: equals ?? differs, value } as Condition)
    at = CONDITION.lastIndex
    CONJUNCTION.lastIndex = at
    const joined = CONJUNCTION.exec(fql)
    if (!joined) break
    if (conjunction && joined[1] !== conjunction) return undefined
    conjunction = joined[1] as 'and' | 'or'
    at = CONJUNCTION.lastIndex
  }
  if (skipSpace(fql, at) !== fql.length) return undefined
  const tree: GroupCondition = { type: 'group', operator: children.length > 1 && conjunction ? conjunction : 'and', children }
  matchers.set(tree, matcherOf(tree))
  return tree
}

type EventMatcher = (event: unknown) => boolean

/**
 * One condition as the library's `validate` decides it: `=` is `===` to the string, `!=` is `!==`.
 * Made once per tree: the runtime evaluates every subscription for every event, so this is the
 * destination's cost per subscription that does not match.
 */
function conditionMatcher({ type, operator, value }: Condition & { value: string }): EventMatcher {
  const field = type === 'event-type' ? 'type' : 'event'
  return operator === '='
    ? (event) => (event as Record<string, unknown>)[field] === value
    : (event) => (event as Record<string, unknown>)[field] !== value
}

function matcherOf({ operator, children }: GroupCondition): EventMatcher {
  const tests = children.map((child) => conditionMatcher(child as Condition & { value: string }))
  const all = operator === 'and'
  return (event) => {
    // No event matches nothing, as in the library.
    if (event === undefined) return false
    for (const test of tests) if (test(event) !== all) return !all
    return all
  }
}

/** The matcher of each tree parseCommonFql made. */
const matchers = new WeakMap<object, EventMatcher>()

/** Whether `event` matches a tree parseCommonFql made, as the library's `validate` decides it; undefined for any other tree, which the library evaluates. */
export function matchesCommonFql(tree: object, event: unknown): boolean | undefined {
  return matchers.get(tree)?.(event)
}

/**
 * The event names one of a tree's matches must have, for a tree parseCommonFql made: an `and`
 * with an `event = "…"` condition matches only that name, an `or` of `event = "…"` conditions
 * only those names. Undefined when the tree can match other names (or is not one of these).
 * src/web/subscriptionIndex.ts hands an event only the subscriptions that can match it.
 */
export function eventNamesOf(tree: object): string[] | undefined {
  if (!matchers.has(tree)) return undefined
  const { operator, children } = tree as GroupCondition
  const names = (children as Array<Condition & { value: string }>).filter((child) => child.type === 'event' && child.operator === '=')
  if (operator === 'and') return names.length > 0 ? [names[0].value] : undefined
  return names.length === children.length ? names.map((child) => child.value) : undefined
}
