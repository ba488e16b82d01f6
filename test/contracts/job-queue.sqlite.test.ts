import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite-store.ts';
import { SqlJobQueue } from '../../src/queue/sql-queue.ts';
import { cleanup, tempDir } from '../helpers/harness.ts';
import { jobQueueContract } from './job-queue.contract.ts';

// The embedded queue, on a real SQLite file; each connect() is another writer connection to it.
jobQueueContract('SqlJobQueue on SQLite', async () => {
  const dir = tempDir();
  const file = join(dir, 'queue.db');
  const opened: SqliteStore[] = [];
  return {
    async connect() {
      const store = await SqliteStore.open(file);
      opened.push(store);
      return { store, queue: new SqlJobQueue(store) };
    },
    async dispose() {
      await Promise.allSettled(opened.map((s) => s.close()));
      cleanup(dir);
    },
  };
});
