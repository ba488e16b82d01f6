import { describe, test } from 'node:test';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { createTestSchema, postgresUnavailable } from '../helpers/pg-schema.ts';
import { storeContract } from './store.contract.ts';

// The distributed store on the local PostgreSQL; each harness is a fresh schema of its own
// (search_path set on its pools), dropped afterwards. Skipped, saying why, without PostgreSQL.
const unavailable = await postgresUnavailable();
if (unavailable) {
  describe('Store contract: PostgreSQL', () => {
    test('skipped', { skip: unavailable }, () => undefined);
  });
} else {
  storeContract('PostgreSQL', async () => {
    const schema = await createTestSchema('porm_store');
    const opened: PostgresStore[] = [];
    return {
      open: async () => {
        const store = await PostgresStore.open({ url: schema.url, poolSize: 4, schema: schema.schema });
        opened.push(store);
        return store;
      },
      dispose: async () => {
        await Promise.allSettled(opened.map((s) => s.close()));
        await schema.drop();
      },
    };
  });
}
