import { queryTemplate } from '../../store/query-template.ts';
import { rowsTemplate } from '../../store/rows-template.ts';

// The statements of SMS segment receipts, built once (store/query-template.ts, rows-template.ts):
// every SMS runs them in its `sent` unit and again for its receipt, and Kysely building them
// anew each time cost more than SQLite running them (pipeline-sms bench profile). Lists of id
// keys (one to three per SMSC id, message-id.ts) go through rowsTemplate, one row per key, so
// each list length is compiled once; the carrier rides on every row and is read from the first.

type KeyRow = { carrier: string; key: string };

export const keyRows = (carrier: string, keys: readonly string[]): KeyRow[] => keys.map((key) => ({ carrier, key }));

/** A segment found by a receipt's key, with its message's last seq (segments - 1) read in the same statement. */
export interface FoundSegment { message_id: string; seq: number; last: number }

export const selectSegmentByKey = queryTemplate<{ carrier: string; key: string }, FoundSegment>((db, p) =>
  db.selectFrom('sms_segments as s').select(['s.message_id', 's.seq'])
    .select((eb) => eb.selectFrom('sms_segments as o').select((o) => o.fn.max<number>('o.seq').as('m')).whereRef('o.message_id', '=', 's.message_id').as('last'))
    .where('s.carrier', '=', p.carrier).where('s.id_key', '=', p.key));

export const selectSegmentsByKeys = rowsTemplate<KeyRow, FoundSegment>(['carrier', 'key'], (db, rows) =>
  db.selectFrom('sms_segments as s').select(['s.message_id', 's.seq'])
    .select((eb) => eb.selectFrom('sms_segments as o').select((o) => o.fn.max<number>('o.seq').as('m')).whereRef('o.message_id', '=', 's.message_id').as('last'))
    .where('s.carrier', '=', rows[0]!.carrier).where('s.id_key', 'in', rows.map((r) => r.key)));

export const insertSegments = rowsTemplate<{ carrier: string; id_key: string; message_id: string; seq: number; smsc_id: string }>(
  ['carrier', 'id_key', 'message_id', 'seq', 'smsc_id'],
  (db, rows) => db.insertInto('sms_segments').values(rows).onConflict((oc) => oc.columns(['carrier', 'id_key']).doNothing()));

export const selectParked = rowsTemplate<KeyRow, { receipt_uid: string; report_json: string }>(['carrier', 'key'], (db, rows) =>
  db.selectFrom('sms_pending_receipts').select(['receipt_uid', 'report_json'])
    .where('carrier', '=', rows[0]!.carrier).where('id_key', 'in', rows.map((r) => r.key)).orderBy('id'));

export const deleteParked = queryTemplate<{ uid: string }>((db, p) =>
  db.deleteFrom('sms_pending_receipts').where('receipt_uid', '=', p.uid));

export const insertParked = rowsTemplate<{ receipt_uid: string; carrier: string; id_key: string; report_json: string; received_at: number }>(
  ['receipt_uid', 'carrier', 'id_key', 'report_json', 'received_at'],
  (db, rows) => db.insertInto('sms_pending_receipts').values(rows));

/** numAffectedRows 0 when the segment's outcome was already recorded (a repeated receipt). */
export const insertSegmentState = queryTemplate<{ messageId: string; seq: number; outcome: string; at: number }>((db, p) =>
  db.insertInto('sms_segment_states').values({ message_id: p.messageId, seq: p.seq, outcome: p.outcome, at: p.at })
    .onConflict((oc) => oc.columns(['message_id', 'seq']).doNothing()));

export const countDelivered = queryTemplate<{ messageId: string }, { n: number }>((db, p) =>
  db.selectFrom('sms_segment_states').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('message_id', '=', p.messageId).where('outcome', '=', 'delivered'));

export const deleteSubmitProgress = queryTemplate<{ messageId: string }>((db, p) =>
  db.deleteFrom('sms_submit_progress').where('message_id', '=', p.messageId));
