/**
 * The last `capacity` items pushed, oldest first: a ring buffer, so a sandbox that runs a
 * million-message campaign keeps a fixed amount of history instead of all of it. It offers the
 * few array methods tests read the SMSC's history with (length, find, filter, some, at, ...).
 */
export class RecentList<T> implements Iterable<T> {
  private readonly items: Array<T | undefined> = [];
  /** Index in `items` of the oldest item once the buffer is full. */
  private head = 0;
  /** Items pushed since the start, including those dropped. */
  total = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a RecentList keeps at least 1 item (got ${capacity})`);
  }

  get length(): number {
    return this.items.length;
  }

  /** Items pushed but no longer kept. */
  get dropped(): number {
    return this.total - this.items.length;
  }

  push(item: T): void {
    this.total++;
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
  }

  /** The i-th kept item, oldest first; negative counts from the newest (as Array.at). */
  at(i: number): T | undefined {
    const n = this.items.length;
    const k = i < 0 ? n + i : i;
    if (k < 0 || k >= n) return undefined;
    return this.items[(this.head + k) % n];
  }

  *[Symbol.iterator](): Iterator<T> {
    const n = this.items.length;
    for (let k = 0; k < n; k++) yield this.items[(this.head + k) % n] as T;
  }

  toArray(): T[] {
    return [...this];
  }

  find(match: (item: T) => boolean): T | undefined {
    for (const item of this) if (match(item)) return item;
    return undefined;
  }

  filter(match: (item: T) => boolean): T[] {
    return this.toArray().filter(match);
  }

  some(match: (item: T) => boolean): boolean {
    return this.find(match) !== undefined;
  }

  map<U>(f: (item: T) => U): U[] {
    return this.toArray().map(f);
  }
}

/**
 * Items in the order they were added, taken out oldest first, in O(1) amortised. A Map or Set
 * cannot serve as this queue: after many deletes at its front, V8 walks every deleted slot again
 * to find the first live entry, so evicting "the oldest" costs more the longer a run goes.
 */
export class FifoQueue<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Drop the taken slots once they are most of the array, so it does not grow for ever.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
