import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Clock } from '../../clock.ts';
import type { DeliveryReport } from '../../carriers/carrier.ts';
import { Metrics } from '../../observability/metrics.ts';
import { SqliteStore } from '../../store/sqlite-store.ts';
import type { Db } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import { DeliveryReportIngest } from '../delivery-reports.ts';
import { insertEventRow, insertMessage, selectMessage, type MessageRow } from '../message-sql.ts';
import type { MessageTransitions } from '../transitions.ts';

// Real SQLite files and the real transitions for tests of the lifecycle under several writers.

export const CARRIER = 'sandbox';

export interface Files {
  path: string;
  /** Opens another store (its own connections) on the same file. */
  open(): Promise<SqliteStore>;
  dispose(): Promise<void>;
}

export function tempDatabase(): Files {
  const dir = mkdtempSync(join(tmpdir(), 'porm-writers-'));
  const path = join(dir, 'porm.db');
  const opened: SqliteStore[] = [];
  return {
    path,
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
}

export const fixedClock = (at = Date.UTC(2026, 0, 1)): Clock => ({ now: () => at });

export function ingestFor(store: Store, transitions: MessageTransitions, clock: Clock): DeliveryReportIngest {
  return new DeliveryReportIngest(store, transitions, new Metrics(), clock, pino({ level: 'silent' }));
}

/** A queued message, as the send service leaves it (two events: accepted, queued). */
export async function queuedMessage(store: Store, id: string, now: number): Promise<void> {
  await store.write(async (tx) => {
    await tx.insertInto('accounts').values({ id: 'acct', name: 'test', webhook_secret: 'whsec', created_at: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
    await insertMessage(tx, {
      id, account_id: 'acct', to_number: '+14155550100', from_number: '+14155550199', body: 'hi', subject: null, media_json: '[]',
      status_callback: null, metadata_json: null, send_at: null, validity_period: null, expires_at: null, status: 'queued',
      error_code: null, error_message: null, carrier: null, carrier_message_id: null, attempts: 0, event_seq: 2, created_at: now,
      callback_dialect: 'standard',
      messaging_service_id: null,
      updated_at: now, media_sent_json: null, template_id: null, template_revision: null, data_json: null, page_token: null, channel: null, out_channel: null, fallback: null, sms_segments: null, sms_encoding: null, fallback_reason: null,
      category: 'transactional',
    });
    await insertEventRow(tx, { message_id: id, account_id: 'acct', seq: 1, type: 'accepted', status: 'accepted', at: now, data_json: null });
    await insertEventRow(tx, { message_id: id, account_id: 'acct', seq: 2, type: 'queued', status: 'queued', at: now, data_json: null });
  });
}

/** A message the worker has handed to the carrier and not yet recorded as sent. */
export async function sendingMessage(store: Store, transitions: MessageTransitions, id: string, now: number): Promise<void> {
  await queuedMessage(store, id, now);
  await store.write((tx) => transitions.move(tx, id, 'sending', { carrier: CARRIER, incrementAttempts: true }, now));
}

/**
 * What the send job's record unit does when the carrier accepted: move to `sent` with the
 * carrier's id and apply reports that overtook it, in one unit (src/messages/send/record.ts).
 */
export async function recordSent(store: Store, transitions: MessageTransitions, reports: DeliveryReportIngest, id: string, carrierMessageId: string, now: number): Promise<boolean> {
  return store.write(async (tx) => {
    const sent = await transitions.move(tx, id, 'sent', { carrierMessageId, data: { carrier: CARRIER } }, now);
    if (sent) await reports.applyPending(tx, CARRIER, carrierMessageId, now);
    return sent !== undefined;
  });
}

export async function sentMessage(store: Store, transitions: MessageTransitions, reports: DeliveryReportIngest, id: string, now: number): Promise<void> {
  await sendingMessage(store, transitions, id, now);
  await recordSent(store, transitions, reports, id, carrierIdOf(id), now);
}

export const carrierIdOf = (id: string): string => `c-${id}`;

export const report = (id: string, outcome: DeliveryReport['outcome'], at: number): DeliveryReport =>
  ({ carrier: CARRIER, carrierMessageId: carrierIdOf(id), outcome, carrierStatus: outcome === 'delivered' ? 'Retrieved' : 'Rejected', at });

export async function rowOf(db: Db, id: string): Promise<MessageRow> {
  const row = (await selectMessage(db, { id })).rows[0];
  if (!row) throw new Error(`no message ${id}`);
  return row;
}

export async function eventsOf(db: Db, id: string): Promise<Array<{ seq: number; type: string; status: string | null }>> {
  return db.selectFrom('message_events').select(['seq', 'type', 'status']).where('message_id', '=', id).orderBy('seq').execute();
}

export async function pendingCount(db: Db): Promise<number> {
  return (await db.selectFrom('pending_reports').select('id').execute()).length;
}
