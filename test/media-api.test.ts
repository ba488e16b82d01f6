import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { cleanup, startHarness, waitForStatus, type ApiResponse, type Harness } from './helpers/harness.ts';
import { noisePng } from './helpers/images.ts';

// The media API over real HTTP: multipart upload, metadata, byte-exact download,
// content-addressed storage on disk, and use of an uploaded object in a message.

type MediaBody = { id: string; object: string; content_type: string; size: number; sha256: string; filename: string | null; created_at: string; variants: unknown[] };


describe('media API', () => {
  let h: Harness;
  const mediaRoot = (): string => join(h.dataDir, 'media');

  function storedFiles(): string[] {
    if (!existsSync(mediaRoot())) return [];
    return readdirSync(mediaRoot(), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile()).map((e) => relative(mediaRoot(), join(e.parentPath, e.name)).split(sep).join('/')).sort();
  }

  async function upload(bytes: Buffer, filename: string, type = 'image/png'): Promise<ApiResponse & { media: MediaBody }> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), filename);
    const res = await h.api('POST', '/v1/media', form);
    assert.equal(res.status, 201, res.text);
    return { ...res, media: res.body as unknown as MediaBody };
  }

  async function download(id: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const res = await fetch(`${h.url}/v1/media/${id}/content`, { headers: { authorization: `Bearer ${h.key}` } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
  const picture = (): Promise<Buffer> => noisePng();

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
    cleanup(h.dataDir);
  });

  test('a multipart upload is answered with its metadata, and GET /v1/media/{id} agrees', async () => {
    const bytes = await picture();
    const { media, headers } = await upload(bytes, 'holiday.png');
    assert.match(media.id, /^med_[0-9a-z]{26}$/);
    assert.equal(headers.get('location'), `/v1/media/${media.id}`);
    assert.equal(media.object, 'media');
    assert.equal(media.content_type, 'image/png');
    assert.equal(media.size, bytes.length);
    assert.equal(media.sha256, sha256(bytes));
    assert.equal(media.filename, 'holiday.png');
    assert.ok(Math.abs(Date.parse(media.created_at) - Date.now()) < 60_000);
    assert.deepEqual(media.variants, []);
    const got = await h.api('GET', `/v1/media/${media.id}`);
    assert.equal(got.status, 200, got.text);
    // The signed URL is checked in media-urls.test.ts; here the rest must agree exactly.
    const { url: _gotUrl, ...gotRest } = got.body as Record<string, unknown>;
    const { url: _url, ...mediaRest } = media as unknown as Record<string, unknown>;
    assert.deepEqual(gotRest, mediaRest);
  });

  test('GET /v1/media/{id}/content returns the exact bytes with their type and hash', async () => {
    const bytes = await picture();
    const { media } = await upload(bytes, 'exact.png');
    const res = await download(media.id);
    assert.equal(res.status, 200);
    assert.ok(res.bytes.equals(bytes), 'bytes are identical');
    assert.match(String(res.headers.get('content-type')), /^image\/png/);
    assert.equal(res.headers.get('etag'), `"${sha256(bytes)}"`);
    assert.equal(Number(res.headers.get('content-length')), bytes.length);
  });

  test('the same bytes uploaded twice get two ids but are stored once, content-addressed', async () => {
    const bytes = await picture();
    const hash = sha256(bytes);
    const first = await upload(bytes, 'one.png');
    const second = await upload(bytes, 'two.png');
    assert.notEqual(first.media.id, second.media.id);
    assert.equal(first.media.sha256, hash);
    assert.equal(second.media.sha256, hash);
    assert.equal(second.media.filename, 'two.png', 'each object keeps its own name');
    const path = join(mediaRoot(), hash.slice(0, 2), hash.slice(2));
    assert.ok(readFileSync(path).equals(bytes), `stored at media/${hash.slice(0, 2)}/${hash.slice(2)}`);
    assert.deepEqual(storedFiles().filter((f) => f.includes(hash.slice(2))), [`${hash.slice(0, 2)}/${hash.slice(2)}`], 'exactly one file');
    for (const f of storedFiles()) assert.match(f, /^[0-9a-f]{2}\/[0-9a-f]{62}$/, 'no temporary or stray files');
    assert.ok((await download(second.media.id)).bytes.equals(bytes));
  });

  test('a message referencing an uploaded {id} is accepted and delivered', async () => {
    const { media } = await upload(await picture(), 'send-me.png');
    const res = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'look', media: [{ id: media.id }] });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.body.media, [{ id: media.id }]);
    const done = await waitForStatus(h, String(res.body.id), 'delivered');
    assert.deepEqual(done.media, [{ id: media.id }]);
    const mediaOnly = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', media: [{ id: media.id }, { id: media.id }] });
    assert.equal(mediaOnly.status, 201, mediaOnly.text);
    await waitForStatus(h, String(mediaOnly.body.id), 'delivered');
  });

  test('filenames with path traversal are reduced to their base name and never touch the disk', async () => {
    const cases: Array<[string, string]> = [
      ['../../x.jpg', 'x.jpg'], ['../../../../etc/passwd', 'passwd'], ['..\\..\\evil.png', 'evil.png'],
      ['/abs/path/pic.png', 'pic.png'], ['dir/sub/name.gif', 'name.gif'],
    ];
    for (const [sent, expected] of cases) {
      const { media } = await upload(await picture(), sent);
      assert.equal(media.filename, expected, `"${sent}"`);
      assert.equal((await h.api('GET', `/v1/media/${media.id}`)).body.filename, expected);
    }
    assert.ok(!existsSync(join(h.dataDir, 'x.jpg')) && !existsSync(join(h.dataDir, '..', 'x.jpg')), 'nothing written by name');
    for (const f of storedFiles()) assert.match(f, /^[0-9a-f]{2}\/[0-9a-f]{62}$/);
  });

  test('an unknown media id is PORM_MEDIA_NOT_FOUND for metadata and content', async () => {
    for (const path of [`/v1/media/med_${'0'.repeat(26)}`, `/v1/media/med_${'0'.repeat(26)}/content`]) {
      const res = await h.api('GET', path);
      assert.equal(res.status, 404, res.text);
      assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
      assert.equal(res.body.code, 'PORM_MEDIA_NOT_FOUND');
    }
  });
});
