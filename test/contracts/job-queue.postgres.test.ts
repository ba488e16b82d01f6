import { describe, test } from 'node:test';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { SqlJobQueue } from '../../src/queue/sql-queue.ts';
import { createTestSchema, postgresUnavailable } from '../helpers/pg-schema.ts';
import { jobQueueContract } from './job-queue.contract.ts';

// The job queue on PostgreSQL (claims FOR UPDATE SKIP LOCKED); each connect() is another store
// with its own pool, as another process would be. A fresh schema per test, dropped afterwards.
const unavailable = await postgresUnavailable();
if (unavailable) {
  describe('JobQueue contract: PostgreSQL', () => {
    test('skipped', { skip: unavailable }, () => undefined);
  });
} else {
  jobQueueContract('SqlJobQueue on PostgreSQL', async () => {
    const schema = await createTestSchema('porm_queue');
    const opened: PostgresStore[] = [];
    return {
      async connect() {
        const store = await PostgresStore.open({ url: schema.url, poolSize: 8, schema: schema.schema });
        opened.push(store);
        return { store, queue: new SqlJobQueue(store) };
      },
      async dispose() {
        await Promise.allSettled(opened.map((s) => s.close()));
        await schema.drop();
      },
    };
  });
}
