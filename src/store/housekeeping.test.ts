import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from './sqlite-store.ts';
import { purgeExpired, RETENTION_MS } from './housekeeping.ts';
import { cleanup, tempDir } from '../../test/helpers/harness.ts';

test('housekeeping deletes idempotency keys and unmatched reports older than the retention, nothing newer', async () => {
  const dir = tempDir();
  const store = await SqliteStore.open(join(dir, 'h.db'));
  const now = Date.now();
  await store.write(async (tx) => {
    for (const [key, age] of [['old', RETENTION_MS + 1000], ['new', 1000]] as const) {
      await tx.insertInto('idempotency_keys').values({ account_id: 'acct_x', key, request_hash: 'h', message_id: 'msg_x', created_at: now - age }).execute();
      await tx.insertInto('pending_reports').values({ carrier: 'c', carrier_message_id: key, report_json: '{}', received_at: now - age }).execute();
    }
  });
  assert.deepEqual(await purgeExpired(store, now), { idempotencyKeys: 1, pendingReports: 1 });
  assert.deepEqual((await store.db.selectFrom('idempotency_keys').select('key').execute()).map((r) => r.key), ['new']);
  assert.deepEqual((await store.db.selectFrom('pending_reports').select('carrier_message_id').execute()).map((r) => r.carrier_message_id), ['new']);
  await store.close();
  cleanup(dir);
});
