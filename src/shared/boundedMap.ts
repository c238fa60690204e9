/**
 * A Map that never holds more than `capacity` entries, for memories that a long-lived process or
 * page would otherwise grow without end. Setting a key makes it the newest (even when it was
 * there); past the capacity the oldest set go first. Reading does not count as use: a caller
 * that wants least-recently-used order sets the entry again when it uses it.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>()

  /** `capacity`: a positive integer. */
  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size
  }

  get(key: K): V | undefined {
    return this.entries.get(key)
  }

  set(key: K, value: V): this {
    // A Map keeps insertion order, and assigning an existing key keeps its place: delete it first.
    this.entries.delete(key)
    this.entries.set(key, value)
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break
      this.entries.delete(oldest)
    }
    return this
  }

  delete(key: K): boolean {
    return this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }
}
