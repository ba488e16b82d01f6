import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksTruncated, readGifHeader, readPngHeader } from './header-guard.ts';
import { animatedGif, gifBomb, pngBomb } from './test-fixtures.ts';
import { isMediaError } from '../errors.ts';

describe('header guard', () => {
  it('reads PNG and GIF dimensions and frame counts without decoding', async () => {
    assert.deepEqual(readPngHeader(pngBomb(50_000, 40_000)), { width: 50_000, height: 40_000, frames: 1 });
    assert.deepEqual(readGifHeader(gifBomb(50_000, 50_000)), { width: 50_000, height: 50_000, frames: 1 });
    assert.deepEqual(readGifHeader(await animatedGif(40, 30, 5)), { width: 40, height: 30, frames: 5 });
  });

  it('takes the largest frame when a frame is bigger than the logical screen', () => {
    const gif = gifBomb(10, 10);
    gif.writeUInt16LE(30_000, 13 + 5);
    assert.equal(readGifHeader(gif).width, 30_000);
  });

  it('tells a GIF cut before its trailer (truncated) from one with a bad block (corrupt)', async () => {
    const gif = await animatedGif(40, 30, 3);
    assert.throws(() => readGifHeader(gif.subarray(0, gif.length - 1)), (e: unknown) => isMediaError(e) && e.code === 'PORM_MEDIA_TRUNCATED');
    const bad = Buffer.from(gif);
    bad[bad.length - 1] = 0x99;
    assert.throws(() => readGifHeader(bad), (e: unknown) => isMediaError(e) && e.code === 'PORM_MEDIA_CORRUPT');
  });

  it('spots missing end markers', () => {
    const png = pngBomb(10, 10);
    assert.equal(looksTruncated(png, 'image/png'), false);
    assert.equal(looksTruncated(png.subarray(0, png.length - 12), 'image/png'), true);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xda, 1, 2, 3, 0xff, 0xd9]);
    assert.equal(looksTruncated(jpeg, 'image/jpeg'), false);
    assert.equal(looksTruncated(jpeg.subarray(0, 7), 'image/jpeg'), true);
  });
});
