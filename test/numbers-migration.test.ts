import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect, sql, type Migration } from 'kysely';
import type { DB } from '../src/store/schema.ts';
import { openSqlite } from '../src/store/sqlite-connection.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import * as m0001 from '../src/store/migrations/0001_initial.ts';
import * as m0002 from '../src/store/migrations/0002_inbound_messages.ts';
import * as m0003 from '../src/store/migrations/0003_media_variants.ts';
import * as m0004 from '../src/store/migrations/0004_inbound_dedupe.ts';
import * as m0005 from '../src/store/migrations/0005_message_indexes.ts';
import * as m0006 from '../src/store/migrations/0006_events_without_rowid.ts';
import * as m0007 from '../src/store/migrations/0007_partial_carrier_index.ts';
import * as m0008 from '../src/store/migrations/0008_rich_messages.ts';
import { cleanup, tempDir } from './helpers/harness.ts';

// 0009 rebuilds inbound_messages and media so that account_id may be NULL: a database written by
// the previous version keeps every row, index and constraint.

test('migrations 0009 and 0012 keep existing inbound messages and media, let account_id be NULL, and give each sender number to the one account that used it', async () => {
  const dir = tempDir();
  const path = join(dir, 'porm.db');
  try {
    const conn = openSqlite(path, { readonly: false });
    const old = new Kysely<DB>({ dialect: new SqliteDialect({ database: conn }) });
    const upTo0008: Record<string, Migration> = {
      '0001_initial': m0001, '0002_inbound_messages': m0002, '0003_media_variants': m0003, '0004_inbound_dedupe': m0004,
      '0005_message_indexes': m0005, '0006_events_without_rowid': m0006, '0007_partial_carrier_index': m0007, '0008_rich_messages': m0008,
    };
    const migrated = await new Migrator({ db: old, provider: { getMigrations: async () => upTo0008 } }).migrateToLatest();
    assert.equal(migrated.error, undefined);
    await old.insertInto('accounts').values({ id: 'acct_a', name: 'a', webhook_secret: 's', created_at: 1 }).execute();
    await old.insertInto('media').values({ id: 'med_1', account_id: 'acct_a', sha256: 'ab', size: 3, content_type: 'image/gif', filename: 'a.gif', created_at: 2, declared_type: null }).execute();
    await old.insertInto('inbound_messages').values({
      id: 'inb_1', account_id: 'acct_a', carrier: 'acme', from_number: '+14155550111', to_number: '+14155550199', subject: null, body: 'hi',
      media_json: '[{"id":"med_1"}]', linked_id: null, received_at: 3, dedupe_key: 'tx#1',
    }).execute();
    // Who sent from what before numbers existed: +1…0199 only A, +1…0155 both, 12345 only B.
    await old.insertInto('accounts').values({ id: 'acct_b', name: 'b', webhook_secret: 's', created_at: 1 }).execute();
    const sent = [['msg_1', 'acct_a', '+14155550199', 10], ['msg_2', 'acct_a', '+14155550199', 20], ['msg_3', 'acct_a', '+14155550155', 30], ['msg_4', 'acct_b', '+14155550155', 40], ['msg_5', 'acct_b', '12345', 50]] as const;
    for (const [id, account, from, at] of sent) {
      await sql`INSERT INTO messages (id, account_id, to_number, from_number, body, media_json, status, attempts, event_seq, created_at, updated_at)
        VALUES (${id}, ${account}, '+14155550100', ${from}, 'x', '[]', 'delivered', 1, 5, ${at}, ${at})`.execute(old);
    }
    await old.destroy();

    const store = await SqliteStore.open(path);
    try {
      const db = store.db;
      // 0012: a number exactly one account sent from is that account's; one both used stays unowned.
      assert.deepEqual(await db.selectFrom('numbers').select(['account_id', 'number', 'kind', 'source', 'created_at']).orderBy('number').execute(), [
        { account_id: 'acct_a', number: '+14155550199', kind: 'e164', source: 'registered', created_at: 10 },
        { account_id: 'acct_b', number: '12345', kind: 'short_code', source: 'registered', created_at: 50 },
      ]);
      assert.deepEqual(await db.selectFrom('inbound_messages').select(['id', 'account_id', 'body', 'dedupe_key']).execute(), [{ id: 'inb_1', account_id: 'acct_a', body: 'hi', dedupe_key: 'tx#1' }]);
      assert.deepEqual(await db.selectFrom('media').select(['id', 'account_id', 'filename']).execute(), [{ id: 'med_1', account_id: 'acct_a', filename: 'a.gif' }]);
      const indexes = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('inbound_messages', 'media', 'numbers')`.execute(db)).rows.map((r) => r.name);
      for (const name of ['inbound_messages_account', 'inbound_messages_dedupe', 'inbound_messages_unattributed', 'media_account', 'numbers_account']) assert.ok(indexes.includes(name), name);
      await store.write(async (tx) => {
        await tx.insertInto('media').values({ id: 'med_2', account_id: null, sha256: 'cd', size: 1, content_type: 'image/gif', filename: null, created_at: 4, declared_type: null }).execute();
        await tx.insertInto('inbound_messages').values({
          id: 'inb_2', account_id: null, carrier: 'acme', from_number: '+14155550111', to_number: '+14155550303', subject: null, body: 'nobody',
          media_json: '[]', linked_id: null, received_at: 5, dedupe_key: null,
        }).execute();
      });
      // The dedupe key is still unique per carrier, and account ids still refer to accounts.
      await assert.rejects(store.write((tx) => tx.insertInto('inbound_messages').values({
        id: 'inb_3', account_id: null, carrier: 'acme', from_number: 'x', to_number: 'y', subject: null, body: '', media_json: '[]', linked_id: null, received_at: 6, dedupe_key: 'tx#1',
      }).execute()), /UNIQUE/);
      await assert.rejects(store.write((tx) => tx.insertInto('media').values({ id: 'med_3', account_id: 'acct_nobody', sha256: 'ef', size: 1, content_type: 'x', filename: null, created_at: 7, declared_type: null }).execute()), /FOREIGN KEY/);
      await assert.rejects(store.write((tx) => tx.insertInto('numbers').values({
        id: 'num_1', account_id: 'acct_nobody', number: '+14155550177', kind: 'e164', capabilities_json: '[]', route: null, program_id: null, source: 'registered', created_at: 8, updated_at: 8,
      }).execute()), /FOREIGN KEY/);
    } finally {
      await store.close();
    }
  } finally {
    cleanup(dir);
  }
});
