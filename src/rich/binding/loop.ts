import { looseNumber, toEnumerable } from './values.ts';

// For-loop collections: ranges stay two numbers and are indexed lazily, so (1..1000000000) costs
// nothing until iterated; slicing follows Array.prototype.slice as LiquidJS's offset/limit do.

/** A `(from..to)` range as LiquidJS counts it: from, from+1, … while ≤ to. */
export class Range {
  readonly length: number;
  constructor(readonly from: number, readonly to: number) {
    const n = Math.ceil(to + 1 - from);
    this.length = Number.isFinite(n) && n > 0 ? n : 0;
  }
}

export function lazyEnumerable(v: unknown): { length: number; at: (i: number) => unknown } {
  if (v instanceof Range) return { length: v.length, at: (i) => v.from + i };
  const list = toEnumerable(v);
  return { length: list.length, at: (i) => list[i] };
}

/** Array.prototype.slice's reading of a start/end argument relative to `length`. */
export function sliceIndex(raw: unknown, length: number): number {
  const n = Math.trunc(looseNumber(raw)) || 0;
  return n < 0 ? Math.max(0, length + n) : Math.min(n, length);
}
