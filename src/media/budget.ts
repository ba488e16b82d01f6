import { MediaError } from './errors.ts';

// Splitting one message's byte budget among its parts. Pure.
//
// THE RULE (in order):
//  1. Reserve what cannot shrink: the envelope (MM1/MM7 headers), the SMIL presentation, each
//     part's MIME headers, a safety margin of 1% of the budget, and the exact bytes of text and
//     document parts (porm never rewrites what the sender wrote). If that alone exceeds the budget
//     → PORM_MEDIA_CANNOT_FIT.
//  2. Audio gets what it needs up to a fixed ceiling: a quarter of what is left after step 1,
//     shared between audio parts. Speech codecs (AMR) are tiny; the ceiling stops a long MP3
//     from starving the pictures.
//  3. Images share what is left by water-filling (max-min fairness): an image that already fits
//     under the fair level keeps its size, the rest split what remains equally. With video in the
//     message the images' pool is their per-part fair share of the remainder (images / all
//     visual parts), because video gains the most from extra bytes.
//  4. Video water-fills everything still left, including what small images did not use.
//  5. Whatever video did not need is water-filled back over the images.
//  6. A second pass: whatever is still left (audio held to its ceiling while the pictures fit)
//     is water-filled over every part that was cut, by what it still lacks. No part is shrunk
//     while budget lies unused. (After fitting, MessageFitter repeats this with the real sizes.)
// Every share is an integer ≥ 0 and the shares plus the reserve never exceed the budget.
// A shrinkable part whose share falls under MIN_SHRINK_SHARE cannot be made useful → CANNOT_FIT.

export type BudgetPartKind = 'text' | 'document' | 'image' | 'video' | 'audio';

export interface BudgetPart {
  id: string;
  kind: BudgetPartKind;
  /** Current encoded size of the part. */
  bytes: number;
}

export interface BudgetInput {
  maxMessageBytes: number;
  parts: readonly BudgetPart[];
  /** Exact SMIL size when the caller has built it; otherwise estimated. */
  smilBytes?: number;
}

export interface PartShare {
  id: string;
  kind: BudgetPartKind;
  /** The most bytes this part may take; equals `bytes` for parts that already fit. */
  maxBytes: number;
  /** True when the part must be shrunk to reach its share. */
  mustShrink: boolean;
}

export interface BudgetSplit {
  reservedBytes: number;
  shares: PartShare[];
  /** Budget left over after every part got what it needs (0 when something must shrink). */
  unusedBytes: number;
}

export const ENVELOPE_BYTES = 1200;
export const PART_HEADER_BYTES = 160;
export const SMIL_BASE_BYTES = 420;
export const SMIL_PER_PART_BYTES = 140;
export const AUDIO_CEILING_FRACTION = 0.25;
export const MIN_SHRINK_SHARE = 4_000;

/** Estimated size of the SMIL porm writes for these parts (one region and one <par> each). */
export function estimateSmilBytes(parts: readonly BudgetPart[]): number {
  return SMIL_BASE_BYTES + SMIL_PER_PART_BYTES * parts.length;
}

export function splitBudget(input: BudgetInput): BudgetSplit {
  const { maxMessageBytes, parts } = input;
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes <= 0) throw new RangeError('maxMessageBytes must be a positive integer');
  for (const p of parts) if (!Number.isInteger(p.bytes) || p.bytes < 0) throw new RangeError(`part ${p.id}: bytes must be an integer ≥ 0`);

  const smil = input.smilBytes ?? estimateSmilBytes(parts);
  const margin = Math.ceil(maxMessageBytes * 0.01);
  const fixed = sum(parts.filter((p) => p.kind === 'text' || p.kind === 'document').map((p) => p.bytes));
  const reserved = ENVELOPE_BYTES + smil + PART_HEADER_BYTES * parts.length + margin;
  let left = maxMessageBytes - reserved - fixed;
  if (left < 0) throw new MediaError('PORM_MEDIA_CANNOT_FIT', `text, documents and MMS overhead take ${reserved + fixed} of ${maxMessageBytes} bytes`);

  const share = new Map<BudgetPart, number>();
  const of = (kind: BudgetPartKind): BudgetPart[] => parts.filter((p) => p.kind === kind);
  const audio = of('audio');
  const images = of('image');
  const videos = of('video');

  const audioPool = Math.floor(left * AUDIO_CEILING_FRACTION);
  left -= assign(waterFill(audio, audioPool), share);
  const visual = images.length + videos.length;
  const imagePool = videos.length === 0 ? left : Math.floor((left * images.length) / Math.max(1, visual));
  const imagesFirst = sumOf(waterFill(images, imagePool));
  const videoUsed = assign(waterFill(videos, left - imagesFirst), share);
  // What video did not need goes back to the images (step 5).
  left -= videoUsed + assign(waterFill(images, left - videoUsed), share);
  left -= topUp([...audio, ...images, ...videos], share, left);

  const shares = parts.map((p): PartShare => {
    const maxBytes = p.kind === 'text' || p.kind === 'document' ? p.bytes : share.get(p)!;
    return { id: p.id, kind: p.kind, maxBytes, mustShrink: maxBytes < p.bytes };
  });
  const tooSmall = shares.find((s) => s.mustShrink && s.maxBytes < MIN_SHRINK_SHARE);
  if (tooSmall) throw new MediaError('PORM_MEDIA_CANNOT_FIT', `part ${tooSmall.id} would get ${tooSmall.maxBytes} bytes, too few to be useful`);
  return { reservedBytes: reserved, shares, unusedBytes: shares.some((s) => s.mustShrink) ? 0 : Math.max(0, left) };
}

/**
 * Max-min fair split of `pool` among parts that each want `bytes`: parts wanting less than the
 * running fair level get exactly what they want; the others get the level (rounded down).
 */
export function waterFill(parts: readonly BudgetPart[], pool: number): Map<BudgetPart, number> {
  const out = new Map<BudgetPart, number>();
  let remaining = Math.max(0, pool);
  const byNeed = [...parts].sort((a, b) => a.bytes - b.bytes);
  for (let i = 0; i < byNeed.length; i++) {
    const part = byNeed[i]!;
    const level = Math.floor(remaining / (byNeed.length - i));
    const given = Math.min(part.bytes, level);
    out.set(part, given);
    remaining -= given;
  }
  return out;
}

/**
 * Gives `pool` to the parts whose share is under their size, water-filled by what each still
 * lacks; returns the bytes given. Shares only grow.
 */
export function topUp(parts: readonly BudgetPart[], share: Map<BudgetPart, number>, pool: number): number {
  const lacking = parts.flatMap((p) => {
    const lack = p.bytes - (share.get(p) ?? 0);
    return lack > 0 ? [{ part: p, need: { id: p.id, kind: p.kind, bytes: lack } }] : [];
  });
  const extra = waterFill(lacking.map((l) => l.need), pool);
  let given = 0;
  for (const { part, need } of lacking) {
    const more = extra.get(need) ?? 0;
    share.set(part, (share.get(part) ?? 0) + more);
    given += more;
  }
  return given;
}

function assign(from: Map<BudgetPart, number>, into: Map<BudgetPart, number>): number {
  let used = 0;
  for (const [part, bytes] of from) {
    into.set(part, bytes);
    used += bytes;
  }
  return used;
}

function sumOf(shares: Map<BudgetPart, number>): number {
  return sum([...shares.values()]);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
