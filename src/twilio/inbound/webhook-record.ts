import { PormError } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { InboundWebhookOutcome } from './outcome.ts';

/** What became of one inbound message at its number's webhook. */
export interface InboundWebhookRecord {
  inboundId: string;
  deliveryId: string;
  url: string;
  method: string;
  outcome: InboundWebhookOutcome;
  /** Why it failed, what of the TwiML was refused or left out; null when nothing needs saying. */
  detail: string | null;
  /** The replies sent from the TwiML (message ids, in order). */
  replyIds: string[];
  attempts: number;
  createdAt: number;
  updatedAt: number;
}

export async function inboundWebhookRecord(store: Store, accountId: string, inboundId: string): Promise<InboundWebhookRecord> {
  const row = await store.db.selectFrom('inbound_webhooks').selectAll().where('inbound_id', '=', inboundId).where('account_id', '=', accountId).executeTakeFirst();
  if (!row) {
    const inbound = await store.db.selectFrom('inbound_messages').select('id').where('id', '=', inboundId).where('account_id', '=', accountId).executeTakeFirst();
    throw new PormError(inbound ? 'PORM_INBOUND_WEBHOOK_NOT_FOUND' : 'PORM_INBOUND_MESSAGE_NOT_FOUND');
  }
  return {
    inboundId: row.inbound_id, deliveryId: row.delivery_id, url: row.url, method: row.method, outcome: row.outcome as InboundWebhookOutcome,
    detail: row.detail, replyIds: JSON.parse(row.reply_ids_json) as string[], attempts: row.attempts, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
