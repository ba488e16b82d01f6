import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { fitImage } from './fit-image.ts';
import { HEVC_DECODABLE } from './inspect.ts';
import { alphaPng, bmp, cameraJpeg, heicLike } from './test-fixtures.ts';
import { heifConvertAvailable } from './heic.ts';
import { isMediaError } from '../errors.ts';
import type { FitTarget } from './types.ts';

const ALL: FitTarget['formats'] = ['image/jpeg', 'image/png', 'image/gif'];
const target = (maxBytes: number, formats = ALL): FitTarget => ({ maxBytes, maxWidth: 1600, maxHeight: 1600, formats });

describe('fitImage across input formats', () => {
  let photo: Buffer;
  before(async () => {
    photo = await cameraJpeg(800, 600);
  });

  it('converts WebP, AVIF, TIFF and BMP to JPEG', async () => {
    const inputs: Record<string, Buffer> = {
      webp: await sharp(photo).webp({ quality: 90 }).toBuffer(),
      avif: await sharp(photo).avif().toBuffer(),
      tiff: await sharp(photo).tiff().toBuffer(),
      bmp: bmp(640, 480),
    };
    for (const [name, input] of Object.entries(inputs)) {
      const r = await fitImage(input, target(150_000));
      assert.equal(r.mime, 'image/jpeg', name);
      assert.equal((await sharp(r.data).metadata()).format, 'jpeg', name);
      assert.ok(r.bytes <= 150_000, name);
    }
  });

  it('keeps a small PNG with alpha as PNG with its transparency', async () => {
    const r = await fitImage(await alphaPng(300, 300), target(200_000));
    assert.equal(r.mime, 'image/png');
    assert.equal(r.quality, 100, 'lossless');
    assert.equal((await sharp(r.data).metadata()).hasAlpha, true);
  });

  it('quantises an alpha PNG that does not fit losslessly, else flattens it to JPEG', async () => {
    const png = await alphaPng(1200, 1200);
    const lossless = (await sharp(png).png({ compressionLevel: 9 }).toBuffer()).length;
    const quantised = await fitImage(png, target(Math.floor(lossless * 0.6)));
    assert.equal(quantised.mime, 'image/png');
    assert.equal(quantised.quality, 256);
    assert.ok(quantised.warnings.some((w) => w.includes('palette')));
    const flattened = await fitImage(png, target(6_000));
    assert.equal(flattened.mime, 'image/jpeg');
    assert.ok(flattened.bytes <= 6_000);
    assert.ok(flattened.warnings.some((w) => w.includes('flattened')));
    const corner = await sharp(flattened.data).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer();
    assert.ok(corner.every((v) => v > 240), 'transparent corner flattened onto white');
  });

  it('flattens alpha when the route takes no PNG', async () => {
    const r = await fitImage(await alphaPng(200, 200), target(100_000, ['image/jpeg']));
    assert.equal(r.mime, 'image/jpeg');
    assert.ok(r.warnings.some((w) => w.includes('flattened')));
  });

  it(`refuses HEIC without a decoder, as PORM_MEDIA_HEIC_UNSUPPORTED (this build ${HEVC_DECODABLE ? 'has' : 'lacks'} an HEVC decoder)`, async () => {
    const heic = await heicLike();
    if (HEVC_DECODABLE || (await heifConvertAvailable())) {
      // With a decoder the fixture's AV1 payload under an HEVC label is simply corrupt.
      await assert.rejects(fitImage(heic, target(100_000)), (err: unknown) => isMediaError(err) && err.code === 'PORM_MEDIA_CORRUPT');
      return;
    }
    await assert.rejects(fitImage(heic, target(100_000)), (err: unknown) => isMediaError(err) && err.code === 'PORM_MEDIA_HEIC_UNSUPPORTED');
  });

  it('converts CMYK and 16-bit inputs to 8-bit sRGB', async () => {
    const cmyk = await sharp(photo).toColourspace('cmyk').jpeg().toBuffer();
    const deep = await sharp(photo).toColourspace('rgb16').png().toBuffer();
    for (const input of [cmyk, deep]) {
      const r = await fitImage(input, target(120_000, ['image/jpeg']));
      const meta = await sharp(r.data).metadata();
      assert.deepEqual([meta.space, meta.channels, meta.depth], ['srgb', 3, 'uchar']);
    }
  });
});
