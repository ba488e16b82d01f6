import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
