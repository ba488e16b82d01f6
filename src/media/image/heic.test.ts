import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { fitImage } from './fit-image.ts';
import { heifConvertAvailable } from './heic.ts';
import { cameraJpeg } from './test-fixtures.ts';

function heifEnc(): boolean {
  try {
    execFileSync('heif-enc', ['--list-encoders'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skip = heifEnc() ? false : 'heif-enc not installed (apt-get install libheif-examples)';

test(`a real HEIC photo (HEVC) is decoded with heif-convert and sent as JPEG${skip ? ` (skipped: ${skip})` : ''}`, { skip }, async () => {
  assert.ok(await heifConvertAvailable(), 'heif-convert comes with heif-enc');
  const dir = mkdtempSync(join(tmpdir(), 'porm-heic-test-'));
  try {
    // A camera JPEG turned into a real HEVC-coded HEIC by libheif's own encoder (x265).
    writeFileSync(join(dir, 'in.jpg'), await cameraJpeg(1200, 900));
    execFileSync('heif-enc', ['-q', '60', '-o', join(dir, 'photo.heic'), join(dir, 'in.jpg')], { stdio: 'ignore' });
    const heic = readFileSync(join(dir, 'photo.heic'));
    assert.equal(heic.subarray(8, 12).toString('latin1'), 'heic');
    const fitted = await fitImage(heic, { maxBytes: 100_000, maxWidth: 640, maxHeight: 640, formats: ['image/jpeg', 'image/png', 'image/gif'] });
    assert.equal(fitted.mime, 'image/jpeg');
    assert.ok(fitted.bytes <= 100_000);
    assert.deepEqual([fitted.width, fitted.height], [640, 480]);
    const meta = await sharp(fitted.data).metadata();
    assert.equal(meta.format, 'jpeg');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
