/**
 * `@segment/destination-subscriptions` as the web bundle sees it: the same `validate`, and
 * `parseFql` remembered per FQL string. The browser runtime parses every subscription's FQL again
 * for every event; with Segment's 50 mappings per instance that parsing was most of the
 * destination's main-thread cost per conversion. A subscription's FQL never changes after load
 * and `validate` only reads the parsed tree, so parsing each string once is safe.
 */
import { parseFql as parseFqlOnce, validate } from '@segment/destination-subscriptions/dist/esm/index.js'

export { validate }

const parsed = new Map<string, ReturnType<typeof parseFqlOnce>>()

export function parseFql(fql: string): ReturnType<typeof parseFqlOnce> {
  let tree = parsed.get(fql)
  if (!tree) {
    tree = parseFqlOnce(fql)
    parsed.set(fql, tree)
  }
  return tree
}
