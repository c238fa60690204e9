/**
 * Differential corpus tests compare thousands of pairs. Each `expect(...)` call builds an
 * assertion error with a source-mapped stack before it compares anything, which costs far more
 * than the comparison. These decide with the equality jest's own matcher uses (the same testers,
 * from the same package) and hand only a differing pair to `expect`, which fails and reports it
 * exactly as before.
 */
import { arrayBufferEquality, equals, iterableEquality, sparseArrayEquality, typeEquality } from '@jest/expect-utils'

/** expect's toStrictEqual testers (expect/build: toStrictEqualTesters). */
const STRICT_TESTERS = [iterableEquality, typeEquality, sparseArrayEquality, arrayBufferEquality]

/** `expect(actual).toStrictEqual(expected)`, cheap when they are equal. */
export function expectStrictEqual(actual: unknown, expected: unknown): void {
  if (!equals(actual, expected, STRICT_TESTERS, true)) expect(actual).toStrictEqual(expected)
}

/** `expect(actual).toEqual(expected)`, cheap when they are equal. */
export function expectEqual(actual: unknown, expected: unknown): void {
  if (!equals(actual, expected, [iterableEquality])) expect(actual).toEqual(expected)
}
