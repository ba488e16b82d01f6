import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodePdu } from '../src/mms/pdu/index.ts';
import { cameraJpeg, pngBomb } from '../src/media/image/test-fixtures.ts';
import { ffmpegSkip, lavfi, makeMedia, scratchDir } from '../src/media/av/test-media.ts';
import { cleanup, request, startHarness, waitForStatus, type Harness } from './helpers/harness.ts';
import { noisePng } from './helpers/images.ts';

// The media pipeline end to end: uploads sniffed and checked, attachments fitted to the route's
// profile (us-600k on the sandbox) before they are encoded, the variant cached, and the MMS the
// handset receives carrying the converted file.

type SentPart = { original: { bytes: number; content_type: string }; sent: { bytes: number; content_type: string; width: number | null; height: number | null }; converted: boolean };

async function upload(h: Harness, bytes: Buffer, type: string, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return h.api('POST', '/v1/media', form);
}

describe('media pipeline', () => {
  let h: Harness;
  let server: Server;
  let serverUrl = '';
  let served: Buffer = Buffer.alloc(0);
  before(async () => {
    h = await startHarness({ PORM_MEDIA_ALLOW_PRIVATE_NETWORKS: 'true' });
    served = await noisePng(300, 200);
    server = createServer((req, res) => {
      if (req.url === '/pic.png') res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(served.length) }).end(served);
      else if (req.url === '/gone') res.writeHead(404).end('gone');
      else res.writeHead(302, { location: '/pic.png' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.close();
    await h.stop();
    cleanup(h.dataDir);
  });

  test('a 12-megapixel camera photo with GPS is fitted under 600 KB, stripped, cached and sent', async () => {
    const photo = await cameraJpeg(4000, 3000, { orientation: 6, quality: 95 });
    assert.ok(photo.length > 600_000, `test photo is ${photo.length} bytes`);
    const up = await upload(h, photo, 'image/jpeg', 'IMG_0001.JPG');
    assert.equal(up.status, 201, up.text);
    const first = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'our trip', media: [{ id: String(up.body.id) }] });
    const done = await waitForStatus(h, String(first.body.id), 'delivered', 60_000);
    const sent = done.media_sent as { profile: string; parts: SentPart[] };
    assert.equal(sent.profile, 'us-600k');
    const part = sent.parts[0]!;
    assert.equal(part.converted, true);
    assert.equal(part.original.bytes, photo.length);
    assert.equal(part.sent.content_type, 'image/jpeg');
    assert.ok(part.sent.bytes < 600_000, `${part.sent.bytes} bytes`);
    assert.ok(part.sent.height! > part.sent.width!, 'EXIF orientation 6 applied: the picture stands upright');
    // What the handset downloads: the converted picture, with no EXIF (no GPS) left in it.
    const handset = await fetch(`${h.url}/v1/messages/${String(first.body.id)}/handset`, { headers: { authorization: `Bearer ${h.key}`, accept: 'application/vnd.wap.mms-message' } });
    const pdu = decodePdu(new Uint8Array(await handset.arrayBuffer())).pdu;
    const jpeg = pdu.parts!.find((p) => p.contentType === 'image/jpeg')!;
    assert.equal(jpeg.data.length, part.sent.bytes);
    const meta = await sharp(Buffer.from(jpeg.data)).metadata();
    assert.equal(meta.exif, undefined, 'no EXIF, so no GPS position');
    // The variant is listed on the media object and reused by the next message.
    const media = await h.api('GET', `/v1/media/${String(up.body.id)}`);
    const variants = media.body.variants as Array<{ profile: string; size: number; url: string }>;
    assert.equal(variants.length, 1);
    assert.equal(variants[0]!.profile, 'us-600k');
    assert.equal((await fetch(variants[0]!.url)).headers.get('content-length'), String(variants[0]!.size));
    const second = await h.api('POST', '/v1/messages', { to: '+14155550101', from: '+14155550199', body: 'our trip', media: [{ id: String(up.body.id) }] });
    await waitForStatus(h, String(second.body.id), 'delivered', 60_000);
    const after = await h.api('GET', `/v1/media/${String(up.body.id)}`);
    assert.equal((after.body.variants as unknown[]).length, 1, 'converted once, reused by the second message');
  });

  test('a small picture without metadata goes out unchanged', async () => {
    const png = await noisePng(120, 90);
    const up = await upload(h, png, 'image/png', 'small.png');
    const msg = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', media: [{ id: String(up.body.id) }] });
    const done = await waitForStatus(h, String(msg.body.id), 'delivered');
    const part = (done.media_sent as { parts: SentPart[] }).parts[0]!;
    assert.equal(part.converted, false);
    assert.equal(part.sent.bytes, png.length);
  });

  test('media URLs are fetched (redirects followed) and fitted; a 404 fails the message with PORM_MEDIA_FETCH_FAILED', async () => {
    const ok = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', media: [{ url: `${serverUrl}/redirect` }] });
    const done = await waitForStatus(h, String(ok.body.id), 'delivered');
    assert.equal((done.media_sent as { parts: SentPart[] }).parts[0]!.original.bytes, served.length);
    const gone = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', media: [{ url: `${serverUrl}/gone` }] });
    const failed = await waitForStatus(h, String(gone.body.id), 'failed');
    assert.equal(failed.error_code, 'PORM_MEDIA_FETCH_FAILED');
  });

  test('uploads are typed by their bytes: SVG refused, a lying declared type recorded, a pixel bomb refused with nothing stored', async () => {
    const svg = await upload(h, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/png', 'x.png');
    assert.equal(svg.body.code, 'PORM_MEDIA_SVG_REFUSED');
    const text = await upload(h, Buffer.from('just some text\n'), 'image/png', 'fake.png');
    assert.equal(text.status, 201);
    assert.equal(text.body.content_type, 'text/plain');
    assert.equal(text.body.declared_type, 'image/png');
    const files = (): number => readdirSync(join(h.dataDir, 'media'), { recursive: true }).length;
    const before = files();
    const bomb = await upload(h, pngBomb(50_000, 50_000), 'image/png', 'bomb.png');
    assert.equal(bomb.status, 422);
    assert.equal(bomb.body.code, 'PORM_MEDIA_TOO_MANY_PIXELS');
    assert.equal(files(), before, 'nothing half-stored');
  });

  test('a document too large for the route fails the message with PORM_MEDIA_CANNOT_FIT before the carrier sees it', async () => {
    const card = Buffer.from(`BEGIN:VCARD\nVERSION:3.0\nFN:Big\nNOTE:${'x'.repeat(700_000)}\nEND:VCARD\n`);
    const h2 = await startHarness({ PORM_MEDIA_MAX_UPLOAD_BYTES: String(2 * 1024 * 1024) });
    try {
      const up = await upload(h2, card, 'text/vcard', 'big.vcf');
      assert.equal(up.status, 201, up.text);
      const msg = await h2.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', media: [{ id: String(up.body.id) }] });
      const failed = await waitForStatus(h2, String(msg.body.id), 'failed');
      assert.equal(failed.error_code, 'PORM_MEDIA_CANNOT_FIT');
      assert.equal(h2.porm.carriers.sandboxes.get('sandbox')!.submission(String(msg.body.id)), undefined, 'never submitted');
    } finally {
      await h2.stop();
      cleanup(h2.dataDir);
    }
  });

  test(`a 720p video is converted to H.264 Baseline + AAC under the budget${ffmpegSkip ? ` (skipped: ${ffmpegSkip})` : ''}`, { skip: ffmpegSkip }, async () => {
    const scratch = scratchDir();
    try {
      const video = makeMedia(scratch.dir, 'clip.mp4', [...lavfi.video('1280x720', 30, 6), ...lavfi.tone(6), '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '10', '-c:a', 'aac', '-shortest']);
      const h3 = await startHarness({ PORM_MEDIA_MAX_UPLOAD_BYTES: String(50 * 1024 * 1024) });
      try {
        const up = await upload(h3, video, 'video/mp4', 'clip.mp4');
        assert.equal(up.status, 201, up.text);
        const msg = await h3.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'watch', media: [{ id: String(up.body.id) }] });
        const done = await waitForStatus(h3, String(msg.body.id), 'delivered', 90_000);
        const part = (done.media_sent as { parts: SentPart[] }).parts[0]!;
        assert.equal(part.sent.content_type, 'video/mp4');
        assert.ok(part.sent.bytes < 600_000 && part.sent.bytes < video.length, `${part.sent.bytes} of ${video.length}`);
        const res = await request(h3.url, 'GET', `/v1/messages/${String(msg.body.id)}/handset`, undefined, { authorization: `Bearer ${h3.key}` });
        assert.equal(res.status, 200);
      } finally {
        await h3.stop();
        cleanup(h3.dataDir);
      }
    } finally {
      scratch.remove();
    }
  });
});
