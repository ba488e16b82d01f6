import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { SqliteStore } from '../../src/store/sqlite-store.ts';
import { storeContract } from './store.contract.ts';

// The embedded store on a real file; each test gets a fresh directory.
storeContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'porm-store-contract-'));
  const path = join(dir, 'porm.db');
  const opened: SqliteStore[] = [];
  return {
    open: async () => {
      const store = await SqliteStore.open(path);
      opened.push(store);
      return store;
    },
    dispose: async () => {
      for (const store of opened) await store.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// SQLite-only: another process on the same file. Writers in two processes wait for each other
// (busy_timeout) instead of failing, and every acknowledged unit of both is in the file.
test('SQLite file: two processes writing at once lose nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'porm-store-procs-'));
  const path = join(dir, 'porm.db');
  const store = await SqliteStore.open(path);
  try {
    await store.write((tx) => tx.insertInto('settings').values({ key: 'contract-counter', value: '0' }).execute());
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/store-writer-child.ts', path, '100'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await once(child.stdout, 'data');
    const mine = Array.from({ length: 100 }, () => store.write((tx) => sql`UPDATE settings SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'contract-counter'`.execute(tx)));
    await Promise.all(mine);
    assert.equal(await exited, 0);
    const row = await store.db.selectFrom('settings').select('value').where('key', '=', 'contract-counter').executeTakeFirstOrThrow();
    assert.equal(row.value, '200');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
