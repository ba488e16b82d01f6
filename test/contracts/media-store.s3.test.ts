import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { S3MediaStore, s3ClientFor } from '../../src/media/s3-media-store.ts';
import { isPormError } from '../../src/errors.ts';
import { startS3Server, type S3TestServer } from '../helpers/s3-server.ts';
import { mediaStoreContract } from './media-store.contract.ts';

// The S3 media store against a real S3-compatible server (s3rver) on loopback: the shared
// contract, then what only a remote store has (an unreachable server, damaged objects, prefixes).

const PREFIX = 'porm/media/';
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const storeOn = (server: S3TestServer, prefix = PREFIX, overrides = {}): S3MediaStore => new S3MediaStore(s3ClientFor(server.settings(prefix, overrides)), server.bucket, prefix);
const withCode = (code: string) => (err: unknown): boolean => isPormError(err) && err.code === code;

mediaStoreContract('S3 (s3rver)', async () => {
  const server = await startS3Server();
  return {
    open: async () => storeOn(server),
    // What a crash in the middle of a multipart upload leaves: the upload begun, a part sent, never completed.
    interruptedPut: async (bytes: Buffer) => {
      const client = s3ClientFor(server.settings(PREFIX));
      const Key = `${PREFIX}${sha256(bytes)}`;
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: server.bucket, Key }));
      await client.send(new UploadPartCommand({ Bucket: server.bucket, Key, UploadId, PartNumber: 1, Body: bytes.subarray(0, bytes.length >> 1) }));
    },
    dispose: () => server.dispose(),
  };
});

async function withServer(body: (server: S3TestServer) => Promise<void>): Promise<void> {
  const server = await startS3Server();
  try {
    await body(server);
  } finally {
    await server.dispose();
  }
}

test('S3: objects live under the prefix as PREFIX + SHA-256, and a store with another prefix does not see them', () => withServer(async (server) => {
  const bytes = randomBytes(1000);
  const key = await storeOn(server).put(bytes);
  assert.ok(readFileSync(server.objectFile(`${PREFIX}${key}`)).equals(bytes));
  const other = storeOn(server, 'elsewhere/');
  assert.equal(await other.has(key), false);
  assert.equal(await other.get(key), undefined);
  assert.equal(await storeOn(server, '').get(key), undefined);
}));

test('S3: with the server down every operation fails with PORM_MEDIA_STORE_UNAVAILABLE, and nothing is left half-written', () => withServer(async (server) => {
  const store = storeOn(server, PREFIX, { maxAttempts: 2 });
  const stored = randomBytes(2000);
  const storedKey = await store.put(stored);
  await server.stop();
  const bytes = randomBytes(300_000);
  const key = sha256(bytes);
  await assert.rejects(store.put(bytes), withCode('PORM_MEDIA_STORE_UNAVAILABLE'));
  await assert.rejects(store.get(storedKey), withCode('PORM_MEDIA_STORE_UNAVAILABLE'));
  await assert.rejects(store.has(storedKey), withCode('PORM_MEDIA_STORE_UNAVAILABLE'));
  // The API hands this message to clients: it says what failed, not where the store is.
  await assert.rejects(store.get(storedKey), (err: Error) => /failed to read an object after 2 attempts: ECONNREFUSED/.test(err.message) && !err.message.includes('127.0.0.1'));
  await server.start();
  assert.equal(await store.has(key), false);
  assert.equal(existsSync(server.objectFile(`${PREFIX}${key}`)), false);
  assert.ok((await store.get(storedKey))?.equals(stored), 'what was stored before is still there');
  assert.equal(await store.put(bytes), key);
  assert.ok((await store.get(key))?.equals(bytes));
}));

test('S3: a server that accepts connections but never answers fails within the bounded timeout and attempts', async () => {
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    const settings = { bucket: 'porm-media', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, prefix: '', forcePathStyle: true, accessKeyId: 'x', secretAccessKey: 'y', timeoutMs: 300, maxAttempts: 2 };
    const store = new S3MediaStore(s3ClientFor(settings), settings.bucket);
    await assert.rejects(store.get(sha256(Buffer.from('x'))), withCode('PORM_MEDIA_STORE_UNAVAILABLE'));
    await assert.rejects(store.put(Buffer.from('x')), withCode('PORM_MEDIA_STORE_UNAVAILABLE'));
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});

test('S3: a bucket that does not exist is PORM_MEDIA_STORE_UNAVAILABLE naming it, not "missing media"', () => withServer(async (server) => {
  const settings = server.settings(PREFIX);
  const store = new S3MediaStore(s3ClientFor(settings), 'no-such-bucket', PREFIX);
  await assert.rejects(store.get(sha256(Buffer.from('x'))), (err: Error) => withCode('PORM_MEDIA_STORE_UNAVAILABLE')(err) && /bucket "no-such-bucket" does not exist/.test(err.message));
  await assert.rejects(store.put(Buffer.from('x')), withCode('PORM_MEDIA_STORE_UNAVAILABLE'));
}));

test('S3: an object changed in the bucket is refused on get (PORM_MEDIA_STORE_CORRUPT), never served', () => withServer(async (server) => {
  const store = storeOn(server);
  // Changed on the server's disk, same length: only the SHA-256 check can tell.
  const bytes = randomBytes(40_000);
  const key = await store.put(bytes);
  const flipped = Buffer.from(bytes);
  flipped[20_000] = flipped[20_000]! ^ 0xff;
  writeFileSync(server.objectFile(`${PREFIX}${key}`), flipped);
  await assert.rejects(store.get(key), withCode('PORM_MEDIA_STORE_CORRUPT'));
  // Replaced through the S3 API by other bytes under the same name.
  const other = randomBytes(1000);
  const otherKey = await store.put(other);
  await s3ClientFor(server.settings(PREFIX)).send(new PutObjectCommand({ Bucket: server.bucket, Key: `${PREFIX}${otherKey}`, Body: randomBytes(1000) }));
  await assert.rejects(store.get(otherKey), withCode('PORM_MEDIA_STORE_CORRUPT'));
  await assert.rejects((storeOn(server)).get(otherKey), withCode('PORM_MEDIA_STORE_CORRUPT'), 'from any store instance');
}));

test('S3: a truncated object is refused on get, and putting the bytes again repairs it', () => withServer(async (server) => {
  const store = storeOn(server);
  const bytes = randomBytes(60_000);
  const key = await store.put(bytes);
  writeFileSync(server.objectFile(`${PREFIX}${key}`), bytes.subarray(0, 1000));
  await assert.rejects(store.get(key), withCode('PORM_MEDIA_STORE_CORRUPT'));
  assert.equal(await store.put(bytes), key);
  assert.ok((await store.get(key))?.equals(bytes));
}));
