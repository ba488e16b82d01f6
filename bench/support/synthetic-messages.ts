import type { Selectable } from 'kysely';
import type { MessageEventsTable, MessagesTable } from '../../src/store/schema.ts';

// Made-up messages for the dashboard bench and the search tests, written straight into the
// messages tables (many per second, no send path): a realistic mix of statuses, recipients, error
// codes, templates and campaigns, one message every `stepMs` ending at `endAt`. Deterministic in
// `i`, so a run is repeatable.

export interface SyntheticOptions {
  accountId: string;
  endAt: number;
  stepMs: number;
  count: number;
  templateIds?: readonly string[];
  campaignIds?: readonly string[];
}

export interface SyntheticMessage {
  message: Selectable<MessagesTable>;
  events: Array<Selectable<MessageEventsTable>>;
  campaignId: string | null;
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** A ULID-shaped message id at `ms`, its random part derived from `i` (unique per i). */
export function syntheticId(ms: number, i: number): string {
  let time = '';
  let t = ms;
  for (let k = 0; k < 10; k++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  let r = i;
  for (let k = 0; k < 16; k++) {
    rand = CROCKFORD[r % 32]! + rand;
    r = Math.floor(r / 32);
  }
  return `msg_${time}${rand}`;
}

const ERRORS = ['PORM_CARRIER_REJECTED', 'PORM_CARRIER_UNAVAILABLE', 'PORM_UNDELIVERED'] as const;

export function syntheticMessage(i: number, o: SyntheticOptions): SyntheticMessage {
  const at = o.endAt - (o.count - 1 - i) * o.stepMs;
  const id = syntheticId(at, i);
  // 90 % delivered, 5 % failed, 2 % undelivered, the rest still on their way.
  const roll = i % 100;
  const status = roll < 90 ? 'delivered' : roll < 95 ? 'failed' : roll < 97 ? 'undelivered' : roll < 99 ? 'sent' : 'queued';
  const errorCode = status === 'failed' || status === 'undelivered' ? ERRORS[i % ERRORS.length]! : null;
  const templateId = o.templateIds && o.templateIds.length > 0 && i % 10 === 0 ? o.templateIds[(i / 10) % o.templateIds.length]! : null;
  const campaignId = o.campaignIds && o.campaignIds.length > 0 && i % 4 === 0 ? o.campaignIds[(i / 4) % o.campaignIds.length]! : null;
  const to = `+1415${String(5_000_000 + (i % 200_000)).padStart(7, '0')}`;
  const done = status !== 'queued';
  const message: Selectable<MessagesTable> = {
    id, account_id: o.accountId, to_number: to, from_number: i % 3 === 0 ? '+14155550199' : '+14155550198', body: `Your code is ${String(i % 1_000_000).padStart(6, '0')}. Order #${i} has shipped.`,
    subject: null, media_json: '[]', status_callback: null, metadata_json: null, send_at: null, validity_period: null, expires_at: null, status,
    error_code: errorCode, error_message: errorCode ? 'refused by the carrier' : null, carrier: done ? (i % 2 === 0 ? 'sandbox' : 'sandbox-smsc') : null,
    carrier_message_id: done ? `c${i}` : null, attempts: done ? 1 : 0, event_seq: done ? 4 : 2, created_at: at, updated_at: at + 1500,
    media_sent_json: null, template_id: templateId, template_revision: templateId ? 1 : null, data_json: null, page_token: null, channel: null,
    callback_dialect: 'standard', out_channel: 'sms', fallback: 'auto', sms_segments: 1, sms_encoding: 'gsm7', fallback_reason: null,
    category: campaignId ? 'marketing' : 'transactional', messaging_service_id: null,
  };
  const event = (seq: number, type: string, when: number) => ({ message_id: id, account_id: o.accountId, seq, type, status: type, at: when, data_json: null });
  const events = [event(1, 'accepted', at), event(2, 'queued', at)];
  if (done) events.push(event(3, 'sending', at + 200), event(4, status, at + 1500));
  return { message, events, campaignId };
}
