/**
 * The docs say what the source says: docs/testing.md's test file tables are written from the test
 * files (`npm run docs`). e2e/webBundle.test.ts checks docs/build.md against the built chunks.
 *
 * @jest-environment node
 */
import { regenerate } from '../../scripts/docsFromSource'

test('the generated parts of docs/ match the source (run npm run docs when this fails)', () => {
  const stale = regenerate().flatMap(({ doc, stale }) => stale.map((name) => `${doc}: ${name}`))
  expect(stale).toEqual([])
})
