import assert from 'node:assert/strict';
import { systemClock } from '../../clock.ts';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import sharp from 'sharp';
import { SqliteStore } from '../../store/sqlite-store.ts';
import { DiskMediaStore } from '../disk-media-store.ts';
import { VariantCache } from './variant-cache.ts';
import { MessageFitter } from './fit-message.ts';
import { splitBudget } from '../budget.ts';
import { animatedGif, bmp } from '../image/test-fixtures.ts';
import { defaultFfmpeg } from '../av/index.ts';
import { ffmpegSkip, lavfi, makeMedia, scratchDir, title } from '../av/test-media.ts';
import { barcodePng } from '../../rich/fallback/barcode.ts';
import { composeMmsBody } from '../../mms/compose.ts';
import { buildSlideshow } from '../../mms/smil/index.ts';
import { cleanup, tempDir } from '../../../test/helpers/harness.ts';

// MessageFitter over a real SQLite variant cache and a real media directory: generated codes
// keep their pixels, unused budget goes to the parts that were cut, and video/audio parts come
// out with the playing time their SMIL slide needs.

async function pages(data: Buffer): Promise<number> {
  return (await sharp(data, { animated: true }).metadata()).pages ?? 1;
}

/** A fitter over a real SQLite variant cache and media directory in `dir`. */
async function openFitter(dir: string): Promise<{ store: SqliteStore; fitter: MessageFitter }> {
  const store = await SqliteStore.open(join(dir, 'fit.db'));
  return { store, fitter: new MessageFitter(new VariantCache(store, new DiskMediaStore(join(dir, 'media')), systemClock), [], defaultFfmpeg) };
}

describe('MessageFitter', () => {
  const dir = tempDir('porm-fit-');
  let store: SqliteStore;
  let fitter: MessageFitter;
  before(async () => {
    ({ store, fitter } = await openFitter(dir));
  });
  after(async () => {
    await store.close();
    cleanup(dir);
  });

  it('the reported case: a 1.4 KB QR code with 590 KB free goes out as drawn, not scaled to 58×58', async () => {
    const code = await barcodePng('qr', 'TKT-7F3K-99QX-ARCTIC');
    const out = await fitter.fit('Show this at the gate', [{ contentType: 'image/png', data: code, filename: 'code.png', minDimension: 150 }], 'us-600k');
    assert.equal(out.parts[0]!.converted, false, 'a PNG route takes the code byte for byte');
    assert.deepEqual([out.parts[0]!.sent.width, out.parts[0]!.sent.height], [186, 186]);
    assert.equal(Buffer.compare(out.media[0]!.data, code), 0);
  });

  it('a small image re-encoded only for its metadata may grow into unused budget instead of being scaled down', async () => {
    // Without minDimension the encoder's text comment makes porm re-encode the PNG; from its pixels
    // the re-encode is larger than bwip-js's compact file, and the free budget allows that.
    const png = await barcodePng('qr', 'TKT-7F3K-99QX-ARCTIC');
    const out = await fitter.fit('hi', [{ contentType: 'image/png', data: png }], 'us-600k');
    assert.equal(out.parts[0]!.converted, true);
    assert.deepEqual([out.parts[0]!.sent.width, out.parts[0]!.sent.height], [186, 186]);
    assert.deepEqual(out.parts[0]!.warnings, []);
  });

  it('keeps a generated QR code at its drawn size beside a photo that takes the rest of the budget', async () => {
    const code = await barcodePng('qr', 'TKT-7F3K-99QX-ARCTIC');
    const drawn = await sharp(code).metadata();
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
    // mms-conformance-rich: 100 KB, JPEG and GIF only, so the PNG code must be re-encoded.
    const out = await fitter.fit('Your ticket', [
      { contentType: 'image/png', data: code, filename: 'code.png', minDimension: 150 },
      { contentType: 'image/png', data: photo, filename: 'photo.png' },
    ], 'mms-conformance-rich');
    const sentCode = out.parts[0]!.sent;
    assert.deepEqual([sentCode.width, sentCode.height], [drawn.width, drawn.height], 'not scaled');
    assert.equal(sentCode.content_type, 'image/gif', 'a lossless encoding: the modules stay sharp');
    const px = await sharp(out.media[0]!.data).metadata();
    assert.deepEqual([px.width, px.height], [drawn.width, drawn.height]);
    assert.ok(out.parts[1]!.sent.bytes < photo.length, 'the photo took the cut');
  });

  it('second pass: what a converted part leaves unused goes to the animation that was cut', async () => {
    const gif = await animatedGif(240, 180, 30, { noise: true });
    // A BMP is under its fair share (so not cut), but leaves as a JPEG a fraction of its size.
    const picture = bmp(300, 300);
    const media = [{ contentType: 'image/gif', data: gif }, { contentType: 'image/bmp', data: picture }];
    const first = splitBudget({ maxMessageBytes: 600_000, parts: [{ id: 'text', kind: 'text', bytes: 2 }, { id: '0', kind: 'image', bytes: gif.length }, { id: '1', kind: 'image', bytes: picture.length }] });
    const gifShare = first.shares.find((s) => s.id === '0')!;
    assert.equal(gifShare.mustShrink, true);
    const out = await fitter.fit('hi', media, 'us-600k');
    const [sentGif, sentPicture] = out.parts.map((p) => p.sent);
    assert.equal(sentPicture!.content_type, 'image/jpeg');
    assert.ok(sentPicture!.bytes < picture.length / 2, `picture ${sentPicture!.bytes}`);
    assert.ok(sentGif!.bytes > gifShare.maxBytes, `the GIF (${sentGif!.bytes}) used more than its first share (${gifShare.maxBytes})`);
    assert.equal(await pages(out.media[0]!.data), 30, 'every frame kept');
    assert.ok(sentGif!.bytes + sentPicture!.bytes + first.reservedBytes + 2 <= 600_000, 'still within the budget');
  });

  it('a slideshow body carries slide times only for timed media (images keep the default)', async () => {
    const out = await fitter.fit('', [{ contentType: 'image/bmp', data: bmp(40, 30) }], 'us-600k');
    assert.equal(out.media[0]!.durationMs, undefined);
    const body = composeMmsBody('x', out.media);
    assert.ok(body.parts[0]!.contentType === 'application/smil');
    const smil = new TextDecoder().decode(body.parts[0]!.data);
    assert.match(smil, /<par dur="5000ms"><img /);
  });
});

describe(title('MessageFitter: slide time from real video and audio'), { skip: ffmpegSkip }, () => {
  const dir = tempDir('porm-fit-av-');
  const scratch = scratchDir();
  let store: SqliteStore;
  let fitter: MessageFitter;
  before(async () => {
    ({ store, fitter } = await openFitter(dir));
  });
  after(async () => {
    await store.close();
    cleanup(dir);
    scratch.remove();
  });

  it('an 8-second video gets an 8-second slide, an AAC clip sent as it is gets its own length', async () => {
    const video = makeMedia(scratch.dir, 'clip.mp4', [...lavfi.video('320x240', 15, 8), ...lavfi.tone(8), '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac']);
    const clip = makeMedia(scratch.dir, 'tone.m4a', [...lavfi.tone(7), '-c:a', 'aac', '-b:a', '32k']);
    const out = await fitter.fit('', [{ contentType: 'video/mp4', data: video }, { contentType: 'audio/mp4', data: clip }], 'us-600k');
    const [v, a] = out.media;
    assert.ok(v!.durationMs! >= 7900 && v!.durationMs! <= 8200, `video ${v!.durationMs} ms`);
    assert.ok(a!.durationMs! >= 6900 && a!.durationMs! <= 7200, `audio ${a!.durationMs} ms`);
    const show = buildSlideshow([{ video: { ...v!, data: v!.data } }, { audio: { ...a!, data: a!.data }, text: 'listen' }]);
    const durs = [...show.smil.matchAll(/<par dur="(\d+)ms">/g)].map((m) => Number(m[1]));
    assert.equal(durs[0], v!.durationMs);
    assert.equal(durs[1], a!.durationMs);
    assert.ok(!show.smil.includes('dur="5000ms"'));
  });
});
