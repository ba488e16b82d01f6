import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ENVELOPE_BYTES, MIN_SHRINK_SHARE, splitBudget, waterFill, type BudgetPart, type BudgetPartKind } from './budget.ts';
import { isMediaError } from './errors.ts';

const part = (id: string, kind: BudgetPartKind, bytes: number): BudgetPart => ({ id, kind, bytes });

describe('splitBudget', () => {
  it('lets a message that already fits keep every size', () => {
    const parts = [part('t', 'text', 200), part('i', 'image', 120_000), part('a', 'audio', 20_000)];
    const split = splitBudget({ maxMessageBytes: 600_000, parts });
    assert.deepEqual(split.shares.map((s) => [s.id, s.maxBytes, s.mustShrink]), [['t', 200, false], ['i', 120_000, false], ['a', 20_000, false]]);
    assert.ok(split.unusedBytes > 400_000);
  });

  it('water-fills images: the small one keeps its size, the big ones share the rest equally', () => {
    const parts = [part('small', 'image', 50_000), part('big1', 'image', 900_000), part('big2', 'image', 700_000)];
    const split = splitBudget({ maxMessageBytes: 600_000, parts });
    const [small, big1, big2] = split.shares;
    assert.equal(small!.maxBytes, 50_000);
    assert.equal(big1!.maxBytes, big2!.maxBytes);
    assert.ok(Math.abs(split.reservedBytes + 50_000 + big1!.maxBytes * 2 - 600_000) <= 2);
  });

  it('gives video what images leave, and audio no more than its ceiling', () => {
    const parts = [part('t', 'text', 1000), part('img', 'image', 30_000), part('vid', 'video', 2_000_000), part('aud', 'audio', 400_000)];
    const split = splitBudget({ maxMessageBytes: 600_000, parts });
    const by = Object.fromEntries(split.shares.map((s) => [s.id, s.maxBytes]));
    assert.equal(by.img, 30_000);
    const left = 600_000 - split.reservedBytes - 1000;
    assert.equal(by.aud, Math.floor(left / 4));
    assert.equal(by.vid, left - by.aud! - 30_000);
  });

  it('second pass: audio held to its ceiling gets what the pictures leave unused', () => {
    const parts = [part('img', 'image', 20_000), part('aud', 'audio', 300_000)];
    const split = splitBudget({ maxMessageBytes: 600_000, parts });
    const by = Object.fromEntries(split.shares.map((s) => [s.id, s]));
    assert.equal(by.img!.maxBytes, 20_000);
    assert.equal(by.aud!.maxBytes, 300_000, 'the whole clip fits once the leftover is redistributed');
    assert.equal(by.aud!.mustShrink, false);
  });

  it('second pass: a cut part takes every leftover byte', () => {
    const parts = [part('img', 'image', 20_000), part('aud', 'audio', 900_000)];
    const split = splitBudget({ maxMessageBytes: 600_000, parts });
    const total = split.reservedBytes + split.shares.reduce((a, s) => a + s.maxBytes, 0);
    assert.ok(600_000 - total <= 1, `${600_000 - total} bytes left while the audio is cut`);
    assert.equal(split.unusedBytes, 0);
  });

  it('gives images back what a small video does not need', () => {
    const parts = [part('img', 'image', 400_000), part('vid', 'video', 20_000)];
    const split = splitBudget({ maxMessageBytes: 600_000, parts });
    assert.deepEqual(split.shares.map((s) => s.maxBytes), [400_000, 20_000]);
  });

  it('refuses when text and overhead alone exceed the budget, or a share would be useless', () => {
    const codeOf = (fn: () => unknown): string => {
      try { fn(); } catch (err) { assert.ok(isMediaError(err)); return err.code; }
      return 'returned';
    };
    assert.equal(codeOf(() => splitBudget({ maxMessageBytes: 5_000, parts: [part('t', 'text', 4_000)] })), 'PORM_MEDIA_CANNOT_FIT');
    const many = Array.from({ length: 40 }, (_, i) => part(`i${i}`, 'image', 200_000));
    assert.equal(codeOf(() => splitBudget({ maxMessageBytes: 100_000, parts: many })), 'PORM_MEDIA_CANNOT_FIT');
  });

  it('uses the SMIL size it is given', () => {
    const parts = [part('i', 'image', 10)];
    assert.equal(splitBudget({ maxMessageBytes: 100_000, parts, smilBytes: 5000 }).reservedBytes, ENVELOPE_BYTES + 5000 + 160 + 1000);
  });
});

const kinds: BudgetPartKind[] = ['text', 'document', 'image', 'video', 'audio'];
const partsArb = fc.array(fc.record({ kind: fc.constantFrom(...kinds), bytes: fc.nat({ max: 3_000_000 }) }), { maxLength: 12 })
  .map((list) => list.map((p, i) => part(`p${i}`, p.kind, p.bytes)));

describe('splitBudget properties', () => {
  it('never exceeds the budget, never gives a negative share, and small parts keep their size', () => {
    fc.assert(fc.property(partsArb, fc.integer({ min: 10_000, max: 2_000_000 }), (parts, maxMessageBytes) => {
      let split;
      try {
        split = splitBudget({ maxMessageBytes, parts });
      } catch (err) {
        assert.ok(isMediaError(err) && err.code === 'PORM_MEDIA_CANNOT_FIT');
        return;
      }
      const total = split.reservedBytes + split.shares.reduce((a, s) => a + s.maxBytes, 0);
      assert.ok(total <= maxMessageBytes, `${total} > ${maxMessageBytes}`);
      assert.ok(split.unusedBytes >= 0 && total + split.unusedBytes <= maxMessageBytes);
      for (const [i, s] of split.shares.entries()) {
        assert.ok(Number.isInteger(s.maxBytes) && s.maxBytes >= 0);
        assert.ok(s.maxBytes <= parts[i]!.bytes, 'no part gets more than it has');
        assert.equal(s.mustShrink, s.maxBytes < parts[i]!.bytes);
        if (s.mustShrink) assert.ok(s.maxBytes >= MIN_SHRINK_SHARE);
      }
      // Max-min fairness among images: any image that must shrink gets at least every other image's share.
      const images = split.shares.filter((s) => s.kind === 'image');
      const shrunk = images.filter((s) => s.mustShrink);
      for (const s of shrunk) for (const o of images) assert.ok(s.maxBytes + 1 >= o.maxBytes || !o.mustShrink || o.maxBytes <= s.maxBytes + 1);
      // A message that fits as it is keeps every size (the second pass lifts audio over its ceiling).
      const sizeOf = (k: BudgetPartKind): number => parts.filter((p) => p.kind === k).reduce((a, p) => a + p.bytes, 0);
      const left = maxMessageBytes - split.reservedBytes - sizeOf('text') - sizeOf('document');
      const fitsAsIs = sizeOf('image') + sizeOf('video') + sizeOf('audio') <= left;
      if (fitsAsIs) assert.ok(split.shares.every((s, i) => s.maxBytes === parts[i]!.bytes));
      // No part is cut while budget lies unused (rounding leaves at most a byte per part).
      const shrinkable = split.shares.filter((s) => s.kind === 'image' || s.kind === 'video' || s.kind === 'audio');
      if (shrinkable.some((s) => s.mustShrink)) assert.ok(maxMessageBytes - total <= shrinkable.length, `${maxMessageBytes - total} unused while a part is cut`);
    }), { numRuns: 500 });
  });

  it('waterFill: sum ≤ pool, parts under the level keep their size', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 100_000 }), { maxLength: 10 }), fc.nat({ max: 500_000 }), (sizes, pool) => {
      const parts = sizes.map((b, i) => part(`p${i}`, 'image', b));
      const shares = waterFill(parts, pool);
      const given = [...shares.values()];
      assert.ok(given.reduce((a, b) => a + b, 0) <= pool);
      if (sizes.reduce((a, b) => a + b, 0) <= pool) for (const p of parts) assert.equal(shares.get(p), p.bytes);
      const top = Math.max(0, ...given);
      for (const p of parts) assert.ok(shares.get(p) === p.bytes || shares.get(p)! >= top - 1);
    }), { numRuns: 500 });
  });
});
