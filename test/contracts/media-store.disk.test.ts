import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskMediaStore } from '../../src/media/disk-media-store.ts';
import { mediaStoreContract } from './media-store.contract.ts';

const harness = () => {
  const root = mkdtempSync(join(tmpdir(), 'porm-media-contract-'));
  return {
    root,
    open: async () => new DiskMediaStore(root),
    // What DiskMediaStore.put leaves if killed after writing its temporary file and before rename:
    // a file named after the object plus a random suffix, holding some of the bytes.
    interruptedPut: async (bytes: Buffer) => {
      const key = createHash('sha256').update(bytes).digest('hex');
      mkdirSync(join(root, key.slice(0, 2)), { recursive: true });
      writeFileSync(join(root, key.slice(0, 2), `${key.slice(2)}.0a1b2c3d4e5f.tmp`), bytes.subarray(0, bytes.length >> 1));
    },
    dispose: async () => rmSync(root, { recursive: true, force: true }),
  };
};

mediaStoreContract('local disk', async () => harness());

test('local disk: concurrent puts leave no temporary files behind, and nothing outside the root', async () => {
  const h = harness();
  try {
    const store = await h.open();
    const bytes = randomBytes(100_000);
    await Promise.all(Array.from({ length: 10 }, () => store.put(bytes)));
    const key = createHash('sha256').update(bytes).digest('hex');
    assert.deepEqual(readdirSync(h.root), [key.slice(0, 2)]);
    assert.deepEqual(readdirSync(join(h.root, key.slice(0, 2))), [key.slice(2)]);
  } finally {
    await h.dispose();
  }
});
