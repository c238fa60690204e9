/**
 * The bounded map both cloud memories use (src/shared/boundedMap.ts: the datafile cache and the
 * accepted deletions): never more than its capacity, the oldest set leaves first, setting a key
 * again makes it the newest, and reading it does not.
 */
import { BoundedMap } from '../shared/boundedMap'

const keysOf = (map: BoundedMap<string, number>, candidates: string[]) => candidates.filter((key) => map.get(key) !== undefined)

test('holds at most its capacity: the oldest set entries leave first', () => {
  const map = new BoundedMap<string, number>(3)
  for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) map.set(key, index)
  expect(map.size).toBe(3)
  expect(keysOf(map, ['a', 'b', 'c', 'd', 'e'])).toEqual(['c', 'd', 'e'])
  expect(map.get('e')).toBe(4)
})

test('setting a key again replaces its value and makes it the newest, so another one leaves', () => {
  const map = new BoundedMap<string, number>(2)
  map.set('a', 1).set('b', 2).set('a', 3).set('c', 4)
  expect(keysOf(map, ['a', 'b', 'c'])).toEqual(['a', 'c'])
  expect(map.get('a')).toBe(3)
  expect(map.size).toBe(2)
})

test('reading a key does not make it the newest', () => {
  const map = new BoundedMap<string, number>(2)
  map.set('a', 1).set('b', 2)
  expect(map.get('a')).toBe(1)
  map.set('c', 3)
  expect(keysOf(map, ['a', 'b', 'c'])).toEqual(['b', 'c'])
})

test('deleted and cleared entries are gone and free their room', () => {
  const map = new BoundedMap<string, number>(2)
  map.set('a', 1).set('b', 2)
  expect(map.delete('a')).toBe(true)
  expect(map.delete('a')).toBe(false)
  map.set('c', 3)
  expect(keysOf(map, ['a', 'b', 'c'])).toEqual(['b', 'c'])
  map.clear()
  expect(map.size).toBe(0)
  expect(map.get('b')).toBeUndefined()
})
