import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { fitImage } from './fit-image.ts';
import { isMediaError } from '../errors.ts';
import { barcodePng } from '../../rich/fallback/barcode.ts';

// A generated code (minEdge set) stops scanning when shrunk: it keeps its pixels in a lossless
// encoding when the budget allows and is refused, not shrunk, below its floor.

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(isMediaError(err));
    return err.code;
  }
  return 'no error';
}

describe('fitImage on a generated code', () => {
  it('keeps a QR code at its drawn size, lossless, on every route type', async () => {
    const code = await barcodePng('qr', 'TKT-7F3K-99QX-ARCTIC');
    const { width, height } = await sharp(code).metadata();
    for (const formats of [['image/png'], ['image/jpeg', 'image/gif'], ['image/gif']]) {
      const r = await fitImage(code, { maxBytes: 50_000, maxWidth: 640, maxHeight: 480, formats, minEdge: 150 });
      assert.deepEqual([r.width, r.height], [width, height], formats.join());
      assert.notEqual(r.mime, 'image/jpeg', formats.join());
      assert.deepEqual(r.warnings, []);
    }
  });

  it('is never scaled below its floor: a budget too small is refused instead', async () => {
    const code = await barcodePng('qr', 'https://example.com/ticket/TKT-7F3K-99QX-ARCTIC-0123456789-ABCDEFGHIJ');
    const { width } = await sharp(code).metadata();
    // An ordinary picture would be scaled down to fit 1,500 bytes as a JPEG…
    const plain = await fitImage(code, { maxBytes: 1_500, maxWidth: 640, maxHeight: 480, formats: ['image/jpeg'] });
    assert.ok(plain.width < width!, `plain ${plain.width}`);
    // …a code is not.
    assert.equal(await codeOf(fitImage(code, { maxBytes: 1_500, maxWidth: 640, maxHeight: 480, formats: ['image/jpeg'], minEdge: width! })), 'PORM_MEDIA_CANNOT_FIT');
    assert.equal(await codeOf(fitImage(code, { maxBytes: 50_000, maxWidth: 100, maxHeight: 100, formats: ['image/png'], minEdge: 150 })), 'PORM_MEDIA_CANNOT_FIT');
  });
});
