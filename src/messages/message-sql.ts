import type { Selectable } from 'kysely';
import { queryTemplate } from '../store/query-template.ts';
import { rowsTemplate } from '../store/rows-template.ts';
import type { MessageEventsTable, MessagesTable } from '../store/schema.ts';

// The statements every message runs through several times, as reusable templates
// (see store/query-template.ts for why).

export type MessageRow = Selectable<MessagesTable>;

export const selectMessage = queryTemplate<{ id: string }, MessageRow>((db, p) =>
  db.selectFrom('messages').selectAll().where('id', '=', p.id));

// Columns are listed one by one: the placeholder object is a proxy, so spreading it yields nothing.
export const insertMessage = queryTemplate<MessageRow>((db, p) => db.insertInto('messages').values({
  id: p.id, account_id: p.account_id, to_number: p.to_number, from_number: p.from_number, body: p.body, subject: p.subject,
  media_json: p.media_json, status_callback: p.status_callback, metadata_json: p.metadata_json, send_at: p.send_at,
  validity_period: p.validity_period, expires_at: p.expires_at, status: p.status, error_code: p.error_code,
  error_message: p.error_message, carrier: p.carrier, carrier_message_id: p.carrier_message_id, attempts: p.attempts,
  event_seq: p.event_seq, created_at: p.created_at, updated_at: p.updated_at, media_sent_json: p.media_sent_json,
  template_id: p.template_id, template_revision: p.template_revision, data_json: p.data_json, page_token: p.page_token, channel: p.channel,
  callback_dialect: p.callback_dialect,
  out_channel: p.out_channel, fallback: p.fallback, sms_segments: p.sms_segments, sms_encoding: p.sms_encoding, fallback_reason: p.fallback_reason,
  category: p.category,
  messaging_service_id: p.messaging_service_id,
}));

/** The conditional update behind every transition: it only wins if nobody moved the message since it was read. */
export const updateMessageState = queryTemplate<{
  id: string; fromStatus: string; fromSeq: number; status: string; seq: number; updatedAt: number; attempts: number;
  errorCode: string | null; errorMessage: string | null; carrier: string | null; carrierMessageId: string | null;
}>((db, p) => db.updateTable('messages').set({
  status: p.status, event_seq: p.seq, updated_at: p.updatedAt, attempts: p.attempts, error_code: p.errorCode,
  error_message: p.errorMessage, carrier: p.carrier, carrier_message_id: p.carrierMessageId,
}).where('id', '=', p.id).where('status', '=', p.fromStatus).where('event_seq', '=', p.fromSeq));

/**
 * Takes the next event sequence number of a message in one statement. The increment happens in
 * the engine, under the row's write lock, so two writers noting events on one message at once
 * get different numbers (a read-then-write of event_seq would hand both the same one).
 */
export const takeEventSeq = queryTemplate<{ id: string }, { event_seq: number; account_id: string }>((db, p) =>
  db.updateTable('messages').set((eb) => ({ event_seq: eb('event_seq', '+', 1) })).where('id', '=', p.id).returning(['event_seq', 'account_id']));

export const insertEventRow = queryTemplate<Omit<Selectable<MessageEventsTable>, 'id'>>((db, p) =>
  db.insertInto('message_events').values({
    message_id: p.message_id, account_id: p.account_id, seq: p.seq, type: p.type, status: p.status, at: p.at, data_json: p.data_json,
  }));

/** A new message's `accepted` event and the move that follows it (queued or scheduled). */
export const insertFirstEvents = queryTemplate<{ id: string; accountId: string; status: string; at: number; nextData: string | null }>((db, p) =>
  db.insertInto('message_events').values([
    { message_id: p.id, account_id: p.accountId, seq: 1, type: 'accepted', status: 'accepted', at: p.at, data_json: null },
    { message_id: p.id, account_id: p.accountId, seq: 2, type: p.status, status: p.status, at: p.at, data_json: p.nextData },
  ]));

export const selectByCarrierId = queryTemplate<{ carrier: string; carrierMessageId: string }, MessageRow>((db, p) =>
  db.selectFrom('messages').selectAll().where('carrier', '=', p.carrier).where('carrier_message_id', '=', p.carrierMessageId));

/** Every column of a message row, by construction (a new column fails to compile until listed). */
const MESSAGE_COLUMNS = Object.keys({
  id: true, account_id: true, to_number: true, from_number: true, body: true, subject: true, media_json: true, status_callback: true,
  metadata_json: true, send_at: true, validity_period: true, expires_at: true, status: true, error_code: true, error_message: true,
  carrier: true, carrier_message_id: true, attempts: true, event_seq: true, created_at: true, updated_at: true, media_sent_json: true,
  template_id: true, template_revision: true, data_json: true, page_token: true, channel: true, callback_dialect: true,
  out_channel: true, fallback: true, sms_segments: true, sms_encoding: true, fallback_reason: true, category: true, messaging_service_id: true,
} satisfies Record<keyof MessageRow, true>) as Array<keyof MessageRow>;

export type NewEventRow = Omit<Selectable<MessageEventsTable>, 'id'>;

/** Many new messages in one statement (campaign fan-out), compiled once per row count. */
export const insertMessages = rowsTemplate<MessageRow>(MESSAGE_COLUMNS, (db, rows) => db.insertInto('messages').values(rows));

/** Many message events in one statement. */
export const insertEventRows = rowsTemplate<NewEventRow>(['message_id', 'account_id', 'seq', 'type', 'status', 'at', 'data_json'], (db, rows) => db.insertInto('message_events').values(rows));
