import type { Predicate, Variant } from '../format/types.ts';

/** What a picker needs to evaluate a variant's rule (BindContext has it). */
export interface RuleReader {
  holds(p: Predicate): boolean;
}

// Choosing the component tree: A/B variants by a hash of a per-message seed (the same message
// always gets the same variant, across retries and re-renders), rule variants by their `when`.

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser so that low bits (bucket = h % 100) mix well. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 0..99. */
export function bucketOf(seed: string): number {
  return hashSeed(seed) % 100;
}

export type VariantPicker = (seed: string, rules: RuleReader) => number;

/**
 * Index of the chosen variant, or -1 for the root components. Weighted (A/B) when every variant has
 * a weight: the bucket falls into one variant's cumulative share; a `when` on that variant must also
 * hold, else the root is shown. Otherwise the first variant whose `when` holds; a variant with
 * neither weight nor `when` is never chosen.
 */
export function variantPicker(variants: readonly Variant[]): VariantPicker {
  if (variants.length === 0) return () => -1;
  if (variants.every((v) => v.weight !== undefined)) {
    const upTo: number[] = [];
    let sum = 0;
    for (const v of variants) upTo.push((sum += v.weight!));
    return (seed, rules) => {
      const b = bucketOf(seed);
      const i = upTo.findIndex((limit) => b < limit);
      if (i < 0) return -1; // weights short of 100 (validation forbids it): the rest sees the root
      const when = variants[i]!.when;
      return when === undefined || rules.holds(when) ? i : -1;
    };
  }
  return (_seed, rules) => variants.findIndex((v) => v.when !== undefined && rules.holds(v.when));
}
