import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from './sqlite-store.ts';
import { queryTemplate } from './query-template.ts';
import { cleanup, tempDir } from '../../test/helpers/harness.ts';

test('a query template runs with new values each time and keeps its constants', async () => {
  const dir = tempDir();
  const store = await SqliteStore.open(join(dir, 't.db'));
  const insert = queryTemplate<{ id: string; name: string; at: number }>((db, p) =>
    db.insertInto('accounts').values({ id: p.id, name: p.name, webhook_secret: 'whsec_fixed', created_at: p.at }));
  const byName = queryTemplate<{ name: string }, { id: string; webhook_secret: string }>((db, p) =>
    db.selectFrom('accounts').select(['id', 'webhook_secret']).where('name', '=', p.name).where('created_at', '>', 0));
  await store.write(async (tx) => {
    await insert(tx, { id: 'acct_1', name: 'one', at: 1 });
    await insert(tx, { name: 'two', at: 2, id: 'acct_2' });
  });
  assert.deepEqual((await byName(store.db, { name: 'two' })).rows, [{ id: 'acct_2', webhook_secret: 'whsec_fixed' }]);
  assert.deepEqual((await byName(store.db, { name: 'one' })).rows, [{ id: 'acct_1', webhook_secret: 'whsec_fixed' }]);
  assert.deepEqual((await byName(store.db, { name: "x' or '1'='1" })).rows, [], 'values stay parameters, never SQL');
  await store.close();
  cleanup(dir);
});
