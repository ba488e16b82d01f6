import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { JPEG_SEARCH, searchQuality } from './quality-search.ts';

/** A fake encoder whose size grows with quality like JPEG's: exponential with a knee. */
function model(base: number, slope: number, knee: number): (q: number) => number {
  return (q) => Math.round(base * Math.exp(slope * q + (q > 85 ? knee * (q - 85) : 0)));
}

describe('searchQuality', () => {
  it('finds the best fitting quality in few encodes, never over budget', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 200, max: 40_000 }), fc.double({ min: 0.01, max: 0.08, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true }), fc.integer({ min: 5_000, max: 900_000 }),
      async (base, slope, knee, maxBytes) => {
        const size = model(base, slope, knee);
        let encodes = 0;
        const r = await searchQuality(async (q) => { encodes++; return Buffer.alloc(size(q)); }, maxBytes);
        assert.ok(encodes <= JPEG_SEARCH.maxEncodes);
        if (size(JPEG_SEARCH.min) > maxBytes) {
          assert.equal(r.best, undefined);
          return;
        }
        assert.ok(r.best, 'a fitting quality exists');
        assert.ok(r.best.data.length <= maxBytes);
        // Either the cap, within the good-enough band, or no better quality fits at all.
        const optimal = r.best.quality >= JPEG_SEARCH.max || r.best.data.length >= JPEG_SEARCH.goodEnough * maxBytes || size(r.best.quality + 1) > maxBytes;
        // With 6 encodes the bracket may stay open on extreme curves; it must still be close.
        assert.ok(optimal || size(r.best.quality + 3) > maxBytes, `q${r.best.quality} leaves room (${r.best.data.length}/${maxBytes})`);
      },
    ), { numRuns: 300 });
  });

  it('stops at once when the first encode is at the cap or close enough', async () => {
    const probes: number[] = [];
    await searchQuality(async (q) => { probes.push(q); return Buffer.alloc(95_000); }, 100_000);
    assert.deepEqual(probes, [JPEG_SEARCH.start]);
  });
});
