import { PormError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Message, MessageEvent } from './model.ts';
import { eventFromRow, messageFromRow } from './rows.ts';
import type { MessageStatus } from './status.ts';

export interface MessageFilter {
  status?: MessageStatus;
  to?: string;
  from?: string;
  createdAfter?: number;
  createdBefore?: number;
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

  /** Newest first. */
  async list(accountId: string, filter: MessageFilter, limit: number, cursor?: string): Promise<Page<Message>> {
    let query = this.store.db.selectFrom('messages').selectAll().where('account_id', '=', accountId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.to) query = query.where('to_number', '=', filter.to);
    if (filter.from) query = query.where('from_number', '=', filter.from);
    if (filter.createdAfter !== undefined) query = query.where('created_at', '>=', filter.createdAfter);
    if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
    if (cursor) query = query.where('id', '<', decodeCursor(cursor, 'msg'));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit).map(messageFromRow);
    return { data: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null };
  }

  async countsByStatus(): Promise<Record<string, number>> {
    const rows = await this.store.db.selectFrom('messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
