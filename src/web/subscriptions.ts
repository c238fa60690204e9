/**
 * `@segment/destination-subscriptions` as the web bundle sees it: `parseFql` remembered per FQL
 * string, and `validate` (it evaluates a parsed tree against an event), the common forms matched
 * by src/web/fqlFastPath.ts and any other by the library's own, in the lazy parser chunk.
 *
 * The browser runtime parses every subscription's FQL again for every event; a subscription's FQL
 * never changes after load and `validate` only reads the tree, so parsing each string once is
 * safe. The common forms are parsed by src/web/fqlFastPath.ts; the library's parser (with its
 * lexer, most of the runtime's bytes) is a lazy chunk that `prepareFql` loads only when a
 * subscription uses another form, before any event is evaluated (src/web/shim.ts calls it).
 */
import type libraryValidate from '@segment/destination-subscriptions/dist/esm/validate.js'
import type { Subscription } from '@segment/destination-subscriptions/dist/esm/types'
import { matchesCommonFql, parseCommonFql } from './fqlFastPath'
import { LOG_PREFIX } from '../client/consoleLog'
import { subscriptionNotPrepared } from '../messages/page'

const parsed = new Map<string, Subscription>()
let parseWithLibrary: ((fql: string) => Subscription) | undefined
let validateWithLibrary: typeof libraryValidate | undefined

/** Whether `event` matches the parsed tree: the common forms here, any other with the library's `validate`. */
export function validate(tree: Subscription, event: unknown): boolean {
  // A tree that is neither common nor the library's is an unprepared one's error: it matches nothing.
  return matchesCommonFql(tree, event) ?? validateWithLibrary?.(tree, event) ?? false
}

/** Parses each FQL string: the common forms at once, any other after loading the library's parser. */
export async function prepareFql(fqls: string[]): Promise<void> {
  const others = fqls.filter((fql) => {
    if (parsed.has(fql)) return false
    const tree = parseCommonFql(fql)
    if (tree) parsed.set(fql, tree)
    return !tree
  })
  if (others.length === 0) return
  if (!parseWithLibrary) {
    const [parser, matcher] = await Promise.all([
      import(/* webpackChunkName: "fql-parser" */ '@segment/destination-subscriptions/dist/esm/parse-fql.js'),
      import(/* webpackChunkName: "fql-parser" */ '@segment/destination-subscriptions/dist/esm/validate.js')
    ])
    parseWithLibrary = parser.default
    validateWithLibrary = matcher.default
  }
  for (const fql of others) parsed.set(fql, parseWithLibrary(fql))
}

export function parseFql(fql: string): Subscription {
  let tree = parsed.get(fql)
  if (!tree) {
    // Only a subscription that was not prepared gets here (the runtime evaluates only the ones
    // the factory was given); it fails to match loudly rather than silently.
    tree = parseCommonFql(fql) ?? parseWithLibrary?.(fql)
    if (!tree) {
      const error = new Error(subscriptionNotPrepared(fql))
      console.error(`${LOG_PREFIX} ${error.message}`)
      return { error }
    }
    parsed.set(fql, tree)
  }
  return tree
}
