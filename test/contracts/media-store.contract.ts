import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { MediaStore } from '../../src/media/media-store.ts';
import { isMediaError } from '../../src/media/errors.ts';

/**
 * What every MediaStore promises (src/media/media-store.ts), checked the same way for each.
 * An implementation adds one file that calls `mediaStoreContract` with a harness factory.
 */
export interface MediaStoreHarness {
  /** A store on this harness's (initially empty) storage; every call reaches the same objects. */
  open(): Promise<MediaStore>;
  /**
   * Leaves behind exactly what a put of `bytes` leaves when the process dies after writing and
   * before publishing (disk: the temporary file, unrenamed; S3: an unfinished multipart upload).
   */
  interruptedPut(bytes: Buffer): Promise<void>;
  dispose(): Promise<void>;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const HOSTILE_KEYS = [
  '../x', '../../etc/passwd', `../${'a'.repeat(61)}`, `${'a'.repeat(62)}/.`, '/etc/passwd', '', 'a'.repeat(63), 'a'.repeat(65),
  'A'.repeat(64), `${'a'.repeat(63)}\0`, `${'a'.repeat(32)}/${'a'.repeat(31)}`, `${'a'.repeat(60)}.tmp`,
];

export function mediaStoreContract(implementation: string, newHarness: () => Promise<MediaStoreHarness>): void {
  const withHarness = (name: string, body: (h: MediaStoreHarness, store: MediaStore) => Promise<void>): void => {
    test(name, async () => {
      const harness = await newHarness();
      try {
        await body(harness, await harness.open());
      } finally {
        await harness.dispose();
      }
    });
  };

  describe(`MediaStore contract: ${implementation}`, () => {
    withHarness('put returns the SHA-256 of the bytes, and get returns them from any store on the same storage', async (h, store) => {
      const bytes = randomBytes(70_000);
      const key = await store.put(bytes);
      assert.equal(key, sha256(bytes));
      assert.ok(await store.has(key));
      assert.deepEqual(await store.get(key), bytes);
      const other = await h.open();
      assert.deepEqual(await other.get(key), bytes);
    });

    withHarness('put is idempotent: the same bytes again give the same key and the same object', async (_h, store) => {
      const bytes = Buffer.from('the same picture twice');
      const first = await store.put(bytes);
      const second = await store.put(Buffer.from(bytes));
      assert.equal(second, first);
      assert.deepEqual(await store.get(first), bytes);
    });

    withHarness('concurrent puts of the same bytes (and of different bytes) all succeed intact', async (h, store) => {
      const same = randomBytes(200_000);
      const others = Array.from({ length: 8 }, () => randomBytes(10_000));
      const stores = [store, await h.open()];
      const keys = await Promise.all([
        ...Array.from({ length: 12 }, (_, i) => stores[i % 2]!.put(same)),
        ...others.map((bytes, i) => stores[i % 2]!.put(bytes)),
      ]);
      assert.deepEqual(new Set(keys.slice(0, 12)), new Set([sha256(same)]));
      assert.deepEqual(await store.get(sha256(same)), same);
      for (const bytes of others) assert.deepEqual(await store.get(sha256(bytes)), bytes);
    });

    withHarness('a key never stored is missing, not an error', async (_h, store) => {
      const key = sha256(Buffer.from('never stored'));
      assert.equal(await store.get(key), undefined);
      assert.equal(await store.has(key), false);
    });

    withHarness('hostile keys are refused with PORM_MEDIA_INVALID_KEY', async (_h, store) => {
      await store.put(Buffer.from('something, so the storage is not empty'));
      for (const key of HOSTILE_KEYS) {
        const refused = (err: unknown): boolean => isMediaError(err) && err.code === 'PORM_MEDIA_INVALID_KEY';
        await assert.rejects(store.get(key), refused, `get ${JSON.stringify(key)}`);
        await assert.rejects(store.has(key), refused, `has ${JSON.stringify(key)}`);
      }
    });

    withHarness('a large object (5 MiB) comes back byte for byte, from another store too', async (h, store) => {
      const bytes = randomBytes(5 * 1024 * 1024);
      const key = await store.put(bytes);
      assert.equal(key, sha256(bytes));
      assert.ok((await (await h.open()).get(key))?.equals(bytes));
      assert.equal(await store.put(bytes), key, 'and storing it again is a no-op');
    });

    withHarness('a put cut off before it was published is never visible, and a later put completes it', async (h, store) => {
      const bytes = randomBytes(50_000);
      const key = sha256(bytes);
      await h.interruptedPut(bytes);
      assert.equal(await store.get(key), undefined);
      assert.equal(await store.has(key), false);
      assert.equal(await store.put(bytes), key);
      assert.deepEqual(await store.get(key), bytes);
    });
  });
}
