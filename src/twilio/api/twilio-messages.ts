import type { Store } from '../../store/store.ts';
import type { Clock } from '../../clock.ts';
import type { Message } from '../../messages/model.ts';
import { encodeCursor, type MessageFilter, type MessageQueries } from '../../messages/query-service.ts';
import { messageFromRow } from '../../messages/rows.ts';
import type { SendService } from '../../messages/send-service.ts';
import { isFinal, type MessageStatus } from '../../messages/status.ts';
import { insertEventRow, takeEventSeq } from '../../messages/message-sql.ts';
import { isPormError } from '../../errors.ts';
import { TwilioApiError } from './twilio-error.ts';
import { mediaSidOf, messageIdOf } from './sids.ts';
import type { MediaItem } from './presenters.ts';
import type { ListRequest } from './list-params.ts';

export interface ListPage {
  messages: Message[];
  hasOlder: boolean;
  hasNewer: boolean;
}

// What the Twilio routes do, over porm's own services: send and cancel go through SendService,
// reads through MessageQueries; redaction, deletion and media removal are the Twilio surface's
// own writes (porm's /v1 has none of them), each one conditional statement.

// A body can be redacted, and a message deleted, once it has left porm or ended: before that,
// either would change what is sent.
const SETTLED = new Set<MessageStatus>(['sent', 'delivered', 'undelivered', 'failed', 'canceled']);

/** porm keeps uploads and the parts it converted; a MediaUrl sent as fetched stays where it was. */
export type MediaBytes = { sha256: string } | { url: string };

export interface MessageView {
  message: Message;
  media: MediaItem[];
  /** When the message left porm (its `sent` event), if it has. */
  sentAt: number | null;
  /** Where each media item's bytes are: porm's blob (uploads; converted parts once sent) or the MediaUrl itself. */
  bytes: Map<number, MediaBytes>;
}

const notFound = (what: string): TwilioApiError => new TwilioApiError(404, 20404, `The requested resource ${what} was not found`);

export class TwilioMessages {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly send: SendService,
    private readonly queries: MessageQueries,
  ) {}

  /** The message a SID names in this account, with its visible media; 20404 otherwise (another account's included). */
  async view(accountId: string, sid: string, path: string): Promise<MessageView> {
    const id = messageIdOf(sid);
    if (!id) throw notFound(path);
    let message: Message & { events: Array<{ type: string; at: number }> };
    try {
      message = await this.queries.get(accountId, id);
    } catch (err) {
      if (isPormError(err) && err.code === 'PORM_MESSAGE_NOT_FOUND') throw notFound(path);
      throw err;
    }
    const sent = message.events.find((e) => e.type === 'sent');
    return { ...(await this.mediaOf(message)), message, sentAt: sent?.at ?? null };
  }

  /** Media items still visible, with content types and bytes where porm knows them. */
  async mediaOf(message: Message): Promise<{ media: MediaItem[]; bytes: Map<number, MediaBytes> }> {
    if (message.media.length === 0) return { media: [], bytes: new Map() };
    const deleted = new Set((await this.store.db.selectFrom('twilio_deleted_media').select('media_sid').where('message_id', '=', message.id).execute()).map((r) => r.media_sid));
    const parts = Array.isArray(message.mediaSent?.parts) ? (message.mediaSent.parts as Array<{ original?: { content_type?: unknown }; sent?: { sha256?: unknown }; converted?: unknown }>) : [];
    const ids = message.media.flatMap((m) => (m.kind === 'id' ? [m.id] : []));
    const rows = ids.length === 0 ? [] : await this.store.db.selectFrom('media').select(['id', 'sha256', 'content_type'])
      .where('account_id', '=', message.accountId).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const media: MediaItem[] = [];
    const bytes = new Map<number, MediaBytes>();
    message.media.forEach((ref, index) => {
      if (deleted.has(mediaSidOf(message.id, index))) return;
      const part = parts[index];
      const stored = ref.kind === 'id' ? byId.get(ref.id) : undefined;
      const type = typeof part?.original?.content_type === 'string' ? part.original.content_type : stored?.content_type ?? null;
      if (stored) bytes.set(index, { sha256: stored.sha256 });
      else if (part?.converted === true && typeof part.sent?.sha256 === 'string') bytes.set(index, { sha256: part.sent.sha256 });
      else if (ref.kind === 'url') bytes.set(index, { url: ref.url });
      media.push({ index, contentType: type });
    });
    return { media, bytes };
  }

  /**
   * One page, newest first. Older pages come from porm's query service (its cursor is the last id
   * seen); a previous (newer) page reads upwards from its PB token with the same filters.
   */
  async list(accountId: string, request: ListRequest): Promise<ListPage> {
    const { filter, pageSize, token } = request;
    if (token === null || token.direction === 'older') {
      const page = await this.queries.list(accountId, filter, pageSize, token ? encodeCursor(token.messageId) : undefined);
      return { messages: page.data, hasOlder: page.nextCursor !== null, hasNewer: token !== null };
    }
    const rows = await this.newer(accountId, filter, token.messageId, pageSize + 1);
    return { messages: rows.slice(0, pageSize).reverse(), hasOlder: true, hasNewer: rows.length > pageSize };
  }

  private async newer(accountId: string, filter: MessageFilter, afterId: string, limit: number): Promise<Message[]> {
    let query = this.store.db.selectFrom('messages').selectAll().where('account_id', '=', accountId).where('id', '>', afterId);
    if (filter.to) query = query.where('to_number', '=', filter.to);
    if (filter.from) query = query.where('from_number', '=', filter.from);
    if (filter.createdAfter !== undefined) query = query.where('created_at', '>=', filter.createdAfter);
    if (filter.createdBefore !== undefined) query = query.where('created_at', '<', filter.createdBefore);
    return (await query.orderBy('id', 'asc').limit(limit).execute()).map(messageFromRow);
  }

  /** Visible media counts for a page of messages, in one query for the deletions. */
  async mediaCounts(messages: readonly Message[]): Promise<Map<string, number>> {
    const withMedia = messages.filter((m) => m.media.length > 0);
    const counts = new Map(messages.map((m) => [m.id, m.media.length]));
    if (withMedia.length === 0) return counts;
    const rows = await this.store.db.selectFrom('twilio_deleted_media').select('message_id').where('message_id', 'in', withMedia.map((m) => m.id)).execute();
    for (const row of rows) counts.set(row.message_id, (counts.get(row.message_id) ?? 1) - 1);
    return counts;
  }

  /** Status=canceled: porm's cancel (accepted, scheduled or queued); 30409 once it has started sending. */
  async cancel(accountId: string, messageId: string): Promise<void> {
    try {
      await this.send.cancel({ accountId, messageId });
    } catch (err) {
      if (isPormError(err) && err.code === 'PORM_MESSAGE_NOT_CANCELABLE') throw new TwilioApiError(400, 30409, 'This message cannot be canceled: it has already started sending');
      throw err;
    }
  }

  /** Body="": the body (and subject) are blanked, with a `redacted` event, once the message has left porm. */
  async redact(accountId: string, messageId: string): Promise<void> {
    const now = this.clock.now();
    const settled = [...SETTLED];
    const done = await this.store.write(async (tx) => {
      const result = await tx.updateTable('messages').set({ body: '', subject: null, updated_at: now })
        .where('id', '=', messageId).where('account_id', '=', accountId).where('status', 'in', settled).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      const seq = (await takeEventSeq(tx, { id: messageId })).rows[0]!;
      await insertEventRow(tx, { message_id: messageId, account_id: accountId, seq: seq.event_seq, type: 'redacted', status: null, at: now, data_json: JSON.stringify({ by: 'twilio-api' }) });
      return true;
    });
    if (!done) throw new TwilioApiError(400, 20009, 'A message body can be redacted only once the message has been sent, failed or been canceled');
  }

  /** DELETE: the message, its events and its idempotency record go, once it has left porm or ended. */
  async remove(accountId: string, messageId: string): Promise<void> {
    const settled = [...SETTLED];
    const done = await this.store.write(async (tx) => {
      const row = await tx.selectFrom('messages').select('status').where('id', '=', messageId).where('account_id', '=', accountId).executeTakeFirst();
      if (!row) return 'missing' as const;
      if (!settled.includes(row.status as MessageStatus)) return 'busy' as const;
      // The events first (they reference the message); the conditional delete decides the race
      // with a transition that would move the message back out of a settled status (none does).
      await tx.deleteFrom('message_events').where('message_id', '=', messageId).execute();
      await tx.deleteFrom('idempotency_keys').where('message_id', '=', messageId).where('account_id', '=', accountId).execute();
      await tx.deleteFrom('twilio_deleted_media').where('message_id', '=', messageId).execute();
      await tx.deleteFrom('messages').where('id', '=', messageId).where('account_id', '=', accountId).where('status', 'in', settled).execute();
      return 'deleted' as const;
    });
    if (done === 'missing') throw notFound(messageId);
    if (done === 'busy') throw new TwilioApiError(400, 20009, 'A message can be deleted only once it has been sent, failed or been canceled');
  }

  /** DELETE of one media item: hidden from the Twilio surface from now on (204), 20404 when already gone. */
  async removeMedia(view: MessageView, mediaSid: string, path: string): Promise<void> {
    const item = view.media.find((m) => mediaSidOf(view.message.id, m.index) === mediaSid);
    if (!item) throw notFound(path);
    if (!isFinal(view.message.status) && view.message.status !== 'sent') {
      throw new TwilioApiError(400, 20009, 'Media can be deleted only once the message has been sent, failed or been canceled');
    }
    const now = this.clock.now();
    await this.store.write((tx) => tx.insertInto('twilio_deleted_media').values({ message_id: view.message.id, media_sid: mediaSid, deleted_at: now })
      .onConflict((oc) => oc.columns(['message_id', 'media_sid']).doNothing()).execute());
  }
}
