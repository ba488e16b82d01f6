import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Migration } from 'kysely';
import type { DB } from '../schema.ts';
import { migrateToLatest } from '../migrate.ts';
import { SqliteStore } from '../sqlite-store.ts';
import { WebhookRenderer } from '../../webhooks/render-delivery.ts';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_inbound_messages.ts';
import * as m0003 from './0003_media_variants.ts';
import * as m0004 from './0004_inbound_dedupe.ts';
import * as m0005 from './0005_message_indexes.ts';
import * as m0006 from './0006_events_without_rowid.ts';
import * as m0007 from './0007_partial_carrier_index.ts';
import * as m0008 from './0008_rich_messages.ts';

test('0010 keeps deliveries queued before it, with their rendered body, deliverable in the standard dialect', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'porm-0010-'));
  try {
    const path = join(dir, 'porm.db');
    const before: Record<string, Migration> = {
      '0001_initial': m0001, '0002_inbound_messages': m0002, '0003_media_variants': m0003, '0004_inbound_dedupe': m0004,
      '0005_message_indexes': m0005, '0006_events_without_rowid': m0006, '0007_partial_carrier_index': m0007, '0008_rich_messages': m0008,
    };
    const raw = new Database(path);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
    const result = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(before) } }).migrateToLatest();
    assert.equal(result.error, undefined);
    const body = '{"type":"message.sent","timestamp":"2026-11-22T02:39:28.329Z","data":{"id":"msg_old"}}';
    raw.prepare(`INSERT INTO webhook_deliveries (id, account_id, endpoint_id, message_id, url, event_type, payload_json, status, attempts, next_attempt_at, created_at, updated_at)
      VALUES ('whd_old', 'acct_1', NULL, 'msg_old', 'https://h', 'message.sent', ?, 'pending', 1, 5, 1, 2)`).run(body);
    await migrateToLatest(db);
    await db.destroy();

    const store = await SqliteStore.open(path);
    try {
      const row = await store.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', 'whd_old').executeTakeFirstOrThrow();
      assert.equal(row.dialect, 'standard');
      assert.equal(row.event_json, null);
      assert.equal(row.attempts, 1);
      const rendered = await new WebhookRenderer(store, () => 'https://porm.example').render(row);
      assert.ok(rendered.ok);
      assert.equal(rendered.body, body);
      assert.equal(rendered.dialect.name, 'standard');
      const indexes = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'webhook_deliveries' AND name NOT LIKE 'sqlite_%'`.execute(store.db);
      assert.deepEqual(indexes.rows.map((i) => i.name).sort(), ['webhook_deliveries_account', 'webhook_deliveries_message']);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
