import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, startHarness, type Harness } from './helpers/harness.ts';
import { signMediaToken } from '../src/media/signed-url.ts';
import { noisePng } from './helpers/images.ts';

describe('signed media URLs', () => {
  let h: Harness;
  let url = '';
  let bytes: Buffer = Buffer.alloc(0);
  before(async () => {
    h = await startHarness();
    bytes = await noisePng(60, 40);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'p.png');
    const res = await h.api('POST', '/v1/media', form);
    url = String(res.body.url);
  });
  after(async () => {
    await h.stop();
    cleanup(h.dataDir);
  });

  test('serve the bytes without an API key, with Content-Length, ETag and cache headers', async () => {
    assert.ok(url.startsWith(`${h.url}/media/`), url);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-length'), String(bytes.length));
    assert.equal(res.headers.get('transfer-encoding'), null, 'never chunked');
    assert.equal(res.headers.get('accept-ranges'), 'bytes');
    assert.match(String(res.headers.get('cache-control')), /max-age=\d+/);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), bytes);
    const etag = String(res.headers.get('etag'));
    assert.equal((await fetch(url, { headers: { 'if-none-match': etag } })).status, 304);
    const head = await fetch(url, { method: 'HEAD' });
    assert.equal(head.headers.get('content-length'), String(bytes.length));
  });

  test('byte ranges give 206 with Content-Range; unsatisfiable ones 416', async () => {
    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100-199/${bytes.length}`);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(100, 200));
    const tail = await fetch(url, { headers: { range: 'bytes=-10' } });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), bytes.subarray(bytes.length - 10));
    const bad = await fetch(url, { headers: { range: 'bytes=999999-' } });
    assert.equal(bad.status, 416);
    assert.equal(bad.headers.get('content-range'), `bytes */${bytes.length}`);
  });

  test('an expired URL answers 410 PORM_MEDIA_URL_EXPIRED', async () => {
    const row = await h.porm.services.store.db.selectFrom('settings').select('value').where('key', '=', 'media_url_key').executeTakeFirstOrThrow();
    const sha = /\/media\/([0-9a-f]{64})-/.exec(url)![1]!;
    const expired = signMediaToken(sha, Math.floor(Date.now() / 1000) - 10, Buffer.from(row.value, 'base64'));
    const res = await fetch(`${h.url}/media/${expired}`);
    assert.equal(res.status, 410);
    assert.equal((await res.json() as { code: string }).code, 'PORM_MEDIA_URL_EXPIRED');
  });

  test('a tampered or made-up token is a 404 problem; nothing leaks', async () => {
    const tampered = url.replace(/-([A-Za-z0-9_-]{22})$/, (_m, sig: string) => `-${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`);
    const res = await fetch(tampered);
    assert.equal(res.status, 404);
    assert.equal((await res.json() as { code: string }).code, 'PORM_MEDIA_NOT_FOUND');
    assert.equal((await fetch(`${h.url}/media/${'0'.repeat(64)}-zzzz-${'A'.repeat(22)}`)).status, 404);
    assert.equal((await fetch(`${h.url}/media/..%2F..%2Fporm.db`)).status, 404);
  });
});
