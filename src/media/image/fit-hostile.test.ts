import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { fitImage } from './fit-image.ts';
import { alphaPng, animatedGif, bmp, cameraJpeg, gifBomb, pngBomb, zip } from './test-fixtures.ts';
import { isMediaError } from '../errors.ts';
import type { FitTarget } from './types.ts';

const TARGET: FitTarget = { maxBytes: 100_000, maxWidth: 640, maxHeight: 480, formats: ['image/jpeg', 'image/png', 'image/gif'] };

async function codeOf(input: Buffer): Promise<string> {
  try {
    await fitImage(input, TARGET);
  } catch (err) {
    assert.ok(isMediaError(err), `expected MediaError, got ${String(err)}`);
    return err.code;
  }
  return 'resolved';
}

/** A JPEG whose SOF0 frame header declares width × height (the data stays that of a tiny image). */
function jpegDeclaring(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  const sof = out.indexOf(Buffer.from([0xff, 0xc0]));
  out.writeUInt16BE(height, sof + 5);
  out.writeUInt16BE(width, sof + 7);
  return out;
}

describe('fitImage on hostile input', () => {
  const files: Record<string, Buffer> = {};
  before(async () => {
    const photo = await cameraJpeg(320, 240);
    files.jpeg = photo;
    files.png = await alphaPng(200, 160);
    files.gif = await animatedGif(120, 90, 4);
    files.webp = await sharp(photo).webp().toBuffer();
    files.avif = await sharp(photo).avif().toBuffer();
    files.tiff = await sharp(photo).tiff().toBuffer();
    files.bmp = bmp(64, 48);
  });

  it('refuses 50,000 × 50,000 PNG and GIF headers before decoding, in bounded memory', async () => {
    for (const bomb of [pngBomb(50_000, 50_000), gifBomb(50_000, 50_000)]) {
      assert.ok(bomb.length < 2_000);
      const before = process.memoryUsage().rss;
      assert.equal(await codeOf(bomb), 'PORM_MEDIA_TOO_MANY_PIXELS');
      assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024, 'no large allocation');
    }
  });

  it('refuses a JPEG declaring 60,000 × 60,000 and a BMP declaring 40,000 × 40,000', async () => {
    assert.equal(await codeOf(jpegDeclaring(files.jpeg!, 60_000, 60_000)), 'PORM_MEDIA_TOO_MANY_PIXELS');
    const big = bmp(4, 4);
    big.writeInt32LE(40_000, 18);
    big.writeInt32LE(40_000, 22);
    assert.equal(await codeOf(big), 'PORM_MEDIA_TOO_MANY_PIXELS');
  });

  it('honours lower configured limits, and keeps only the first frame of an over-limit animation', async () => {
    await assert.rejects(fitImage(files.jpeg!, { ...TARGET, limits: { maxInputPixels: 10_000 } }), (err: unknown) => isMediaError(err) && err.code === 'PORM_MEDIA_TOO_MANY_PIXELS');
    const r = await fitImage(files.gif!, { ...TARGET, limits: { maxAnimationPixels: 120 * 90 * 2 } });
    assert.ok(r.warnings.some((w) => w.includes('first frame')));
    assert.equal((await sharp(r.data, { animated: true }).metadata()).pages ?? 1, 1);
  });

  it('refuses every format truncated halfway as PORM_MEDIA_TRUNCATED (or CORRUPT where the format cannot tell)', async () => {
    for (const [name, bytes] of Object.entries(files)) {
      const code = await codeOf(bytes.subarray(0, Math.floor(bytes.length / 2)));
      const clearlyTruncated = ['jpeg', 'png', 'gif', 'webp', 'bmp'].includes(name);
      if (clearlyTruncated) assert.equal(code, 'PORM_MEDIA_TRUNCATED', name);
      else assert.ok(code === 'PORM_MEDIA_TRUNCATED' || code === 'PORM_MEDIA_CORRUPT', `${name}: ${code}`);
    }
  });

  it('refuses every format with its body overwritten by junk as CORRUPT (or TRUNCATED)', async () => {
    for (const [name, bytes] of Object.entries(files)) {
      const broken = Buffer.from(bytes);
      // Keep the signature and first headers, trash the middle.
      for (let i = Math.min(64, broken.length >> 2); i < broken.length - 16; i++) broken[i] = (i * 7919) & 0xff;
      const code = await codeOf(broken);
      // Lossy WebP's VP8 stream and uncompressed BMP rows turn any bytes into (garbage) pixels
      // without an error: nothing to detect there, and the result is still a clean, in-budget JPEG.
      const allowed = ['PORM_MEDIA_CORRUPT', 'PORM_MEDIA_TRUNCATED', 'PORM_MEDIA_TOO_MANY_PIXELS', ...(name === 'webp' || name === 'bmp' ? ['resolved'] : [])];
      assert.ok(allowed.includes(code), `${name}: ${code}`);
    }
  });

  it('refuses zero bytes, SVG, polyglots and non-images with their codes', async () => {
    assert.equal(await codeOf(Buffer.alloc(0)), 'PORM_MEDIA_EMPTY');
    assert.equal(await codeOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>')), 'PORM_MEDIA_SVG_REFUSED');
    assert.equal(await codeOf(Buffer.concat([files.jpeg!, zip()])), 'PORM_MEDIA_POLYGLOT');
    assert.equal(await codeOf(Buffer.from('%PDF-1.4\n%%EOF\n')), 'PORM_MEDIA_UNSUPPORTED_TYPE');
    assert.equal(await codeOf(Buffer.from('just some text')), 'PORM_MEDIA_UNSUPPORTED_TYPE');
  });

  it('goes by the bytes, whatever the file claims: a PNG sent as "photo.jpg" is read as PNG', async () => {
    const r = await fitImage(files.png!, TARGET);
    assert.equal(r.mime, 'image/png');
  });
});
