import { PormError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Message, MessageEvent } from './model.ts';
import { eventFromRow, messageFromRow } from './rows.ts';
import type { MessageStatus } from './status.ts';
import { encodeTime } from 'ulidx';

/** The smallest message id made at `ms` (ids sort by their time, then randomness). */
export function idBoundAt(ms: number): string {
  return `msg_${encodeTime(Number.isFinite(ms) ? Math.max(0, Math.min(ms, 281474976710655)) : 0, 10).toLowerCase()}`;
}

export interface MessageFilter {
  status?: MessageStatus;
  to?: string;
  from?: string;
  createdAfter?: number;
  createdBefore?: number;
  /** Messages that failed (or came back undelivered) with this error code. */
  errorCode?: string;
  /** Messages made from this rich template. */
  templateId?: string;
  /** Messages sent by this campaign (its recipients' messages). */
  campaignId?: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Cursors are opaque to clients; inside they are the last id seen (ids sort by creation time). */
export function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

export function decodeCursor(cursor: string, prefix: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!new RegExp(`^${prefix}_[0-9a-z]{26}$`).test(id)) throw new PormError('PORM_INVALID_CURSOR');
  return id;
}

export class MessageQueries {
  constructor(private readonly store: Store) {}

  async get(accountId: string, id: string): Promise<Message & { events: MessageEvent[] }> {
    const row = await this.store.db.selectFrom('messages').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw new PormError('PORM_MESSAGE_NOT_FOUND');
    const events = await this.store.db.selectFrom('message_events').selectAll().where('message_id', '=', id).orderBy('seq').execute();
    return { ...messageFromRow(row), events: events.map(eventFromRow) };
  }

  /**
   * Newest first. Ids are ULIDs whose time is created_at, so a date range is also an id range: the
   * (account, …, id) indexes serve it as a range instead of a scan. A campaign's messages are read
   * from its recipients (campaign_id, message_id), in message id order.
   */
  async list(accountId: string, filter: MessageFilter, limit: number, cursor?: string): Promise<Page<Message>> {
    const byCampaign = filter.campaignId !== undefined;
    let query = byCampaign
      ? this.store.db.selectFrom('campaign_recipients as cr').innerJoin('messages', 'messages.id', 'cr.message_id').selectAll('messages')
        .where('cr.campaign_id', '=', filter.campaignId!).where('cr.account_id', '=', accountId).where('messages.account_id', '=', accountId)
      : this.store.db.selectFrom('messages').selectAll('messages').where('messages.account_id', '=', accountId);
    const id = byCampaign ? 'cr.message_id' as const : 'messages.id' as const;
    if (filter.status) query = query.where('messages.status', '=', filter.status);
    if (filter.to) query = query.where('messages.to_number', '=', filter.to);
    if (filter.from) query = query.where('messages.from_number', '=', filter.from);
    if (filter.errorCode) query = query.where('messages.error_code', '=', filter.errorCode);
    if (filter.templateId) query = query.where('messages.template_id', '=', filter.templateId);
    if (filter.createdAfter !== undefined) query = query.where('messages.created_at', '>=', filter.createdAfter).where(id, '>=', idBoundAt(filter.createdAfter));
    if (filter.createdBefore !== undefined) query = query.where('messages.created_at', '<', filter.createdBefore).where(id, '<', idBoundAt(filter.createdBefore));
    if (cursor) query = query.where(id, '<', decodeCursor(cursor, 'msg'));
    const rows = await query.orderBy(id, 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit).map(messageFromRow);
    return { data: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null };
  }

  async countsByStatus(): Promise<Record<string, number>> {
    const rows = await this.store.db.selectFrom('messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
