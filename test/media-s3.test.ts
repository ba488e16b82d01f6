import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, eventually, mmsSandboxOnly, request, startHarness, tempDir, waitForStatus, TEST_KEY, type Harness } from './helpers/harness.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './helpers/child-porm.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from './helpers/pg-schema.ts';
import { startS3Server, type S3TestServer } from './helpers/s3-server.ts';
import { noisePng } from './helpers/images.ts';

// porm with media.store=s3 against s3rver on loopback: uploads and MMS media go to the bucket,
// not the data directory; a second porm process with its own data directory (sharing the
// database, on PostgreSQL) serves the same media URL from the same bucket.

const PREFIX = 'porm/';
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function upload(base: string, key: string, bytes: Buffer, name = 'photo.png'): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/png' }), name);
  const res = await fetch(`${base}/v1/media`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

async function fetchBytes(url: string, key?: string): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const res = await fetch(url, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

/** `porm start` as its own process (bin/porm.js); ready once /readyz answers, which on a loaded machine running the sources can take a while. */
async function startPormProcess(dataDir: string, env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['bin/porm.js', '--data', dataDir, 'start', '--port', String(port)], {
    env: { ...process.env, PORM_API_KEY: TEST_KEY, PORM_LOG_LEVEL: 'warn', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`porm exited with ${child.exitCode}: ${stderr}`);
      return (await request(url, 'GET', '/readyz')).status === 200 ? true : undefined;
    }, 120_000, 'the second porm to become ready');
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return { url, stop };
}

describe('porm with media in S3 (one process, SQLite)', () => {
  let s3: S3TestServer;
  let h: Harness;
  before(async () => {
    s3 = await startS3Server();
    // Attempts to spare, so a send retried while the store is down outlasts the outage.
    h = await startHarness({ ...mmsSandboxOnly(), ...s3.env(PREFIX), PORM_RETRY_MAX_ATTEMPTS: '30' });
  });
  after(async () => {
    await h?.stop();
    if (h) cleanup(h.dataDir);
    await s3?.dispose();
  });

  test('an upload and an MMS sent with it: the bytes are in the bucket, none under dataDir', async () => {
    const bytes = await noisePng(120, 90);
    const uploaded = await upload(h.url, h.key, bytes);
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    assert.equal(uploaded.body.sha256, sha256(bytes));
    assert.ok(readFileSync(s3.objectFile(`${PREFIX}${sha256(bytes)}`)).equals(bytes), 'the object is in the bucket under the prefix');
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'from the bucket', media: [{ id: uploaded.body.id }] });
    assert.equal(sent.status, 201, sent.text);
    await waitForStatus(h, String(sent.body.id), 'delivered', 60_000);
    assert.ok((await fetchBytes(`${h.url}/v1/media/${String(uploaded.body.id)}/content`, h.key)).bytes.equals(bytes));
    const signed = await fetchBytes(String(uploaded.body.url));
    assert.equal(signed.status, 200);
    assert.ok(signed.bytes.equals(bytes));
    assert.equal(existsSync(join(h.dataDir, 'media')), false, 'nothing under dataDir/media');
  });

  test('with the store down, an upload is 503 PORM_MEDIA_STORE_UNAVAILABLE and stored media are 503, then all is back', async () => {
    const bytes = await noisePng(40, 30);
    const before = await upload(h.url, h.key, await noisePng(50, 20));
    assert.equal(before.status, 201);
    await s3.stop();
    try {
      const refused = await upload(h.url, h.key, bytes);
      assert.equal(refused.status, 503, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'PORM_MEDIA_STORE_UNAVAILABLE');
      assert.ok(!String(refused.body.detail).includes('127.0.0.1'), 'the client is not told where the store is');
      const content = await fetchBytes(`${h.url}/v1/media/${String(before.body.id)}/content`, h.key);
      assert.equal(content.status, 503);
      assert.equal((await fetchBytes(String(before.body.url))).status, 503);
    } finally {
      await s3.start();
    }
    assert.equal(existsSync(s3.objectFile(`${PREFIX}${sha256(bytes)}`)), false, 'the refused upload left nothing');
    assert.deepEqual(await h.porm.services.store.db.selectFrom('media').select('id').where('sha256', '=', sha256(bytes)).execute(), [], 'nor a media record');
    assert.equal((await upload(h.url, h.key, bytes)).status, 201);
    assert.equal((await fetchBytes(String(before.body.url))).status, 200);
  });

  test('an MMS whose media cannot be read while the store is down is retried, not failed, and delivered once it is back', async () => {
    const uploaded = await upload(h.url, h.key, await noisePng(70, 70));
    assert.equal(uploaded.status, 201);
    await s3.stop();
    let id = '';
    try {
      const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', media: [{ id: uploaded.body.id }] });
      assert.equal(sent.status, 201, sent.text);
      id = String(sent.body.id);
      const seen = await eventually(async () => {
        const message = await h.api('GET', `/v1/messages/${id}`);
        const events = message.body.events as Array<{ type: string; data?: { reason?: string } }>;
        const retried = events.some((e) => e.type === 'retry_scheduled' && /media store/.test(String(e.data?.reason)));
        return retried || message.body.status === 'failed' ? message : undefined;
      }, 60_000, 'a retry for the unreachable store');
      assert.notEqual(seen.body.status, 'failed', seen.text);
    } finally {
      await s3.start();
    }
    const done = await waitForStatus(h, id, 'delivered', 60_000);
    assert.equal(done.error_code ?? null, null);
  });

  test('an object changed in the bucket is never served: its URL and content answer 502 PORM_MEDIA_STORE_CORRUPT', async () => {
    const bytes = await noisePng(64, 64);
    const uploaded = await upload(h.url, h.key, bytes);
    assert.equal(uploaded.status, 201);
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 20] = tampered[tampered.length - 20]! ^ 0x01;
    writeFileSync(s3.objectFile(`${PREFIX}${sha256(bytes)}`), tampered);
    for (const res of [await fetchBytes(String(uploaded.body.url)), await fetchBytes(`${h.url}/v1/media/${String(uploaded.body.id)}/content`, h.key)]) {
      assert.equal(res.status, 502);
      assert.equal(JSON.parse(res.bytes.toString()).code, 'PORM_MEDIA_STORE_CORRUPT');
      assert.ok(!res.bytes.includes(tampered.subarray(0, 64)), 'no byte of the object in the answer');
    }
  });
});

const unavailable = await postgresUnavailable();
describe('two porm processes, own data directories, one database and one bucket', { skip: unavailable ?? false }, () => {
  let s3: S3TestServer;
  let schema: TestSchema;
  let h: Harness;
  let second: { url: string; stop(): Promise<void> } | undefined;
  const dirs: string[] = [];
  before(async () => {
    s3 = await startS3Server();
    schema = await createTestSchema('porm_s3');
    h = await startHarness({ ...mmsSandboxOnly(), ...s3.env(PREFIX), PORM_DATABASE_URL: schema.url, PORM_POSTGRES_SCHEMA: schema.schema });
  });
  after(async () => {
    await second?.stop();
    await h?.stop();
    if (h) cleanup(h.dataDir);
    for (const dir of dirs) cleanup(dir);
    await schema?.drop();
    await s3?.dispose();
  });

  test('media uploaded to and sent by one process is served, by the same URL path, by the other', async () => {
    const bytes = await noisePng(100, 80);
    const uploaded = await upload(h.url, h.key, bytes);
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', media: [{ id: uploaded.body.id }] });
    assert.equal(sent.status, 201, sent.text);
    await waitForStatus(h, String(sent.body.id), 'delivered', 60_000);

    const dir = tempDir();
    dirs.push(dir);
    second = await startPormProcess(dir, { ...mmsSandboxOnly(), ...s3.env(PREFIX), PORM_DATABASE_URL: schema.url, PORM_POSTGRES_SCHEMA: schema.schema });
    const path = new URL(String(uploaded.body.url)).pathname;
    const served = await fetchBytes(`${second.url}${path}`);
    assert.equal(served.status, 200);
    assert.equal(served.type, 'image/png');
    assert.ok(served.bytes.equals(bytes));
    assert.ok((await fetchBytes(`${second.url}/v1/media/${String(uploaded.body.id)}/content`, h.key)).bytes.equals(bytes));
    assert.equal(existsSync(join(dir, 'media')), false, 'the second process stored nothing locally');
    assert.equal(existsSync(join(h.dataDir, 'media')), false);

    // And the other way round: an upload to the second is served by the first.
    const other = await noisePng(30, 30);
    const viaSecond = await upload(second.url, h.key, other);
    assert.equal(viaSecond.status, 201);
    assert.ok((await fetchBytes(`${h.url}${new URL(String(viaSecond.body.url)).pathname}`)).bytes.equals(other));
  });
});
