/**
 * A bounded least-recently-used memo: a Map keeps insertion order, so a hit is moved to the end
 * and the first key is the one to evict. Unlike clearing when full, a working set just under the
 * bound keeps its hits.
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('an LRU holds at least one entry');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }
}
