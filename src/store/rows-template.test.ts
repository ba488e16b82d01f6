import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from './sqlite-store.ts';
import { rowsTemplate } from './rows-template.ts';
import { cleanup, tempDir } from '../../test/helpers/harness.ts';

test('a rows template writes each row with its own values at any row count, keeps its constants, and binds values as parameters', async () => {
  const dir = tempDir();
  const store = await SqliteStore.open(join(dir, 't.db'));
  const insert = rowsTemplate<{ id: string; name: string; created_at: number }, { id: string }>(['id', 'name', 'created_at'], (db, rows) =>
    db.insertInto('accounts').values(rows.map((r) => ({ ...r, webhook_secret: 'whsec_fixed' }))).onConflict((oc) => oc.column('id').doNothing()).returning('id'));
  const written = await store.write(async (tx) => [
    (await insert(tx, [{ id: 'acct_1', name: 'one', created_at: 1 }, { id: 'acct_2', name: 'two', created_at: 2 }])).rows,
    (await insert(tx, [{ name: "x'); drop table accounts; --", created_at: 3, id: 'acct_3' }])).rows,
    // Same row count as the first call, new values; a conflicting row is skipped, as the statement says.
    (await insert(tx, [{ id: 'acct_1', name: 'again', created_at: 9 }, { id: 'acct_4', name: 'four', created_at: 4 }])).rows,
    (await insert(tx, [])).rows,
  ]).catch((err: unknown) => err);
  // An empty VALUES list is not SQL: the caller never sends one (kysely refuses it too).
  assert.ok(written instanceof Error);
  const kept = await store.write(async (tx) => [
    (await insert(tx, [{ id: 'acct_1', name: 'one', created_at: 1 }, { id: 'acct_2', name: 'two', created_at: 2 }])).rows,
    (await insert(tx, [{ name: "x'); drop table accounts; --", created_at: 3, id: 'acct_3' }])).rows,
    (await insert(tx, [{ id: 'acct_1', name: 'again', created_at: 9 }, { id: 'acct_4', name: 'four', created_at: 4 }])).rows,
  ]);
  assert.deepEqual(kept, [[{ id: 'acct_1' }, { id: 'acct_2' }], [{ id: 'acct_3' }], [{ id: 'acct_4' }]]);
  const rows = await store.db.selectFrom('accounts').select(['id', 'name', 'webhook_secret', 'created_at']).where('id', 'like', 'acct_%').orderBy('id').execute();
  assert.deepEqual(rows.map((r) => [r.id, r.name, r.webhook_secret, Number(r.created_at)]), [
    ['acct_1', 'one', 'whsec_fixed', 1], ['acct_2', 'two', 'whsec_fixed', 2], ['acct_3', "x'); drop table accounts; --", 'whsec_fixed', 3], ['acct_4', 'four', 'whsec_fixed', 4],
  ]);
  await store.close();
  cleanup(dir);
});
