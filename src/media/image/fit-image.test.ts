import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { fitImage } from './fit-image.ts';
import { cameraJpeg } from './test-fixtures.ts';
import { isMediaError } from '../errors.ts';
import { BUILTIN_PROFILES } from '../profiles.ts';
import type { FitTarget } from './types.ts';

const us600k = BUILTIN_PROFILES['us-600k']!;
const target = (maxBytes: number, extra: Partial<FitTarget> = {}): FitTarget => ({
  maxBytes, maxWidth: us600k.image.maxWidth, maxHeight: us600k.image.maxHeight, formats: us600k.image.formats, ...extra,
});

async function assertNoMetadata(data: Buffer): Promise<void> {
  const meta = await sharp(data).metadata();
  assert.equal(meta.exif, undefined, 'EXIF (and with it GPS) removed');
  assert.equal(meta.xmp, undefined);
  assert.equal(meta.icc, undefined);
  assert.equal(meta.orientation, undefined);
}

describe('fitImage on a 12-megapixel camera photo (EXIF orientation 6, GPS)', () => {
  let photo: Buffer;
  before(async () => {
    photo = await cameraJpeg(4000, 3000, { orientation: 6 });
    const meta = await sharp(photo).metadata();
    assert.equal(meta.orientation, 6);
    assert.ok(meta.exif && meta.exif.includes('PormCam'), 'fixture carries EXIF');
  });

  it('fits us-600k: rotated upright, inside 1600×1600, under budget, metadata gone', async () => {
    const r = await fitImage(photo, target(580_000));
    assert.equal(r.mime, 'image/jpeg');
    assert.deepEqual([r.width, r.height], [1200, 1600], 'sideways 4000×3000 shown upright: portrait');
    assert.ok(r.bytes <= 580_000 && r.bytes === r.data.length);
    const meta = await sharp(r.data).metadata();
    assert.deepEqual([meta.width, meta.height, meta.format], [1200, 1600, 'jpeg']);
    await assertNoMetadata(r.data);
    assert.ok(r.steps.length <= 6);
  });

  it('lands just under a tight budget in a few encodes', async () => {
    for (const maxBytes of [250_000, 90_000, 40_000]) {
      const r = await fitImage(photo, target(maxBytes));
      assert.ok(r.bytes <= maxBytes, `${r.bytes} > ${maxBytes}`);
      assert.ok(r.bytes >= 0.8 * maxBytes || r.quality === 90, `${r.bytes} wastes the budget ${maxBytes} at q${r.quality}`);
      assert.ok(r.steps.length <= 6, `${r.steps.length} encodes`);
      assert.ok(r.quality >= 40 && r.quality <= 90);
    }
  });

  it('scales down further when even the lowest quality is too big', async () => {
    const r = await fitImage(photo, target(8_000));
    assert.ok(r.bytes <= 8_000);
    assert.ok(r.width < 1200 && r.height < 1600 && Math.abs(r.width / r.height - 0.75) < 0.01, `${r.width}×${r.height}`);
    assert.ok(r.warnings.some((w) => w.includes('scaled down')));
  });

  it('crops to the requested aspect with the attention strategy', async () => {
    const square = await fitImage(photo, target(300_000, { crop: '1:1' }));
    assert.deepEqual([square.width, square.height], [1600, 1600].map((v) => Math.min(v, 3000)));
    const wide = await fitImage(photo, target(300_000, { crop: '16:9' }));
    assert.ok(Math.abs(wide.width / wide.height - 16 / 9) < 0.01 && wide.width <= 1600);
    const portrait = await fitImage(photo, target(300_000, { crop: '4:5' }));
    assert.ok(Math.abs(portrait.width / portrait.height - 0.8) < 0.01 && portrait.height <= 1600);
    await assertNoMetadata(square.data);
  });

  it('fits the OMA Image Rich class: 640×480, 100 KB whole message', async () => {
    const rich = BUILTIN_PROFILES['mms-conformance-rich']!;
    const r = await fitImage(photo, { maxBytes: 95_000, maxWidth: rich.image.maxWidth, maxHeight: rich.image.maxHeight, formats: rich.image.formats });
    assert.ok(r.width <= 640 && r.height <= 480 && r.bytes <= 95_000);
    assert.deepEqual([r.width, r.height], [360, 480]);
  });

  it('never enlarges a small image', async () => {
    const small = await cameraJpeg(300, 200);
    const r = await fitImage(small, target(580_000));
    assert.deepEqual([r.width, r.height], [300, 200]);
  });

  it('uses only the formats the route accepts', async () => {
    const small = await cameraJpeg(400, 300);
    const png = await fitImage(small, target(200_000, { formats: ['image/png'] }));
    assert.equal(png.mime, 'image/png');
    assert.equal((await sharp(png.data).metadata()).format, 'png');
    await assert.rejects(fitImage(small, target(200_000, { formats: ['image/webp', 'video/mp4'] })), (err: unknown) => isMediaError(err) && err.code === 'PORM_MEDIA_FORMAT_NOT_ACCEPTED');
  });
});
