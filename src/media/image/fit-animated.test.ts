import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { fitImage } from './fit-image.ts';
import { animatedGif } from './test-fixtures.ts';
import type { FitTarget } from './types.ts';

const target = (maxBytes: number, formats: FitTarget['formats'] = ['image/jpeg', 'image/png', 'image/gif']): FitTarget => ({ maxBytes, maxWidth: 640, maxHeight: 480, formats });

async function frames(data: Buffer): Promise<{ pages: number; delay: number[] }> {
  const meta = await sharp(data, { animated: true }).metadata();
  return { pages: meta.pages ?? 1, delay: meta.delay ?? [] };
}

describe('fitImage on animations', () => {
  let small: Buffer;
  let noisy: Buffer;
  before(async () => {
    small = await animatedGif(160, 120, 6);
    noisy = await animatedGif(400, 300, 16, { noise: true });
  });

  it('keeps a small animated GIF animated, every frame and delay intact', async () => {
    const r = await fitImage(small, target(300_000));
    assert.equal(r.mime, 'image/gif');
    assert.deepEqual(await frames(r.data), { pages: 6, delay: [80, 80, 80, 80, 80, 80] });
    assert.deepEqual([r.width, r.height], [160, 120]);
  });

  it('reduces a heavy animation (colours, frames, size) to fit, keeping its total duration', async () => {
    const full = noisy.length;
    const budget = Math.floor(full / 4);
    const r = await fitImage(noisy, target(budget));
    assert.ok(r.bytes <= budget, `${r.bytes} > ${budget}`);
    assert.equal(r.mime, 'image/gif');
    const out = await frames(r.data);
    assert.ok(out.pages > 1, 'still animated');
    assert.equal(out.delay.reduce((a, b) => a + b, 0), 16 * 80, 'same total duration');
    assert.ok(r.warnings.some((w) => w.includes('animation reduced')));
    assert.ok(r.steps.filter((s) => s.frames > 1).length <= 5, 'few encodes');
  });

  it('a 30-frame GIF a little over budget keeps every frame in smaller frames, not half its frames', async () => {
    const gif = await animatedGif(240, 180, 30, { noise: true });
    const budget = Math.floor(gif.length / 2);
    const r = await fitImage(gif, { ...target(budget), maxWidth: 1600, maxHeight: 1600 });
    assert.ok(r.bytes <= budget, `${r.bytes} > ${budget}`);
    const out = await frames(r.data);
    assert.equal(out.pages, 30, 'every frame kept');
    assert.equal(out.delay.reduce((a, b) => a + b, 0), 30 * 80, 'same total duration');
    assert.ok(r.width < 240 && r.width >= 240 * 0.55, `width ${r.width}`);
    assert.ok(r.bytes > budget * 0.6, `${r.bytes} of ${budget}: the budget is used, not left`);
  });

  it('falls back to the first frame when no animation fits', async () => {
    const r = await fitImage(noisy, target(12_000));
    assert.ok(r.bytes <= 12_000);
    assert.equal((await frames(r.data)).pages, 1);
    assert.ok(r.warnings.some((w) => w.includes('first frame')));
  });

  it('uses the first frame when the route takes no GIF', async () => {
    const r = await fitImage(small, target(300_000, ['image/jpeg']));
    assert.equal(r.mime, 'image/jpeg');
    assert.ok(r.warnings.some((w) => w.includes('no GIF')));
  });

  it('turns an animated WebP into an animated GIF', async () => {
    const webp = await sharp(small, { animated: true }).webp().toBuffer();
    const r = await fitImage(webp, target(300_000));
    assert.equal(r.mime, 'image/gif');
    assert.equal((await frames(r.data)).pages, 6);
  });
});
