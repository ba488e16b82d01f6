import { newId } from '../ids.ts';
import type { InboundMessage as CarrierInboundMessage } from '../carriers/carrier-events.ts';
import type { Channel } from '../carriers/carrier.ts';
import { PormError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import type { MediaStore } from '../media/media-store.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { EndpointCache } from '../webhooks/endpoint-cache.ts';
import { queueAccountEvent } from '../webhooks/account-event.ts';
import { decodeCursor, encodeCursor, type Page } from '../messages/query-service.ts';
import { ownerOfNumber } from '../numbers/inbound-attribution.ts';
import { inboundFromRow, storedInboundMedia, type InboundMessage, type InboundRow } from './model.ts';

/**
 * A message a handset sent to one of the senders' numbers: what any connector hands CarrierEvents,
 * or porm itself (a quick reply on a hosted page). `accountId` is set only when porm knows the
 * account beyond doubt (the reply's page belongs to one of its messages); carrier MOs leave it
 * out, and belong to whoever owns `to`.
 */
export type InboundInput = Omit<CarrierInboundMessage, 'channel'> & { channel?: Channel; accountId?: string };

/** Runs inside the unit that stores an inbound message of an account (a number's Twilio-style webhook queues there). */
export type InboundListener = (tx: Db, accountId: string, inbound: InboundMessage) => Promise<void>;

/**
 * Stores inbound messages and tells the account by webhook (`inbound.received`). The account is
 * the owner of the number the handset wrote to (src/numbers); a message to a number nobody owns
 * is stored unattributed (account_id NULL), seen by the operator only and announced to no one.
 */
/** Runs inside the unit that stores an attributed inbound message (compliance keywords: STOP, START, HELP). */
export interface InboundHook {
  handle(tx: Db, accountId: string, inbound: InboundMessage, now: number): Promise<void>;
}

export class InboundService {
  /** Set by main.ts once the send service exists (the keyword replies go through it). */
  hook: InboundHook | null = null;

  constructor(
    private readonly store: Store,
    private readonly media: MediaStore,
    private readonly queue: JobQueue,
    private readonly endpoints: EndpointCache,
    private readonly clock: Clock,
    private readonly listeners: readonly InboundListener[] = [],
  ) {}

  async receive(input: InboundInput): Promise<InboundMessage> {
    const now = this.clock.now();
    // Bytes first (content-addressed, idempotent), rows after: a crash leaves at worst unreferenced blobs.
    const blobs = await Promise.all(input.attachments.map(async (a) => ({ ...a, sha256: await this.media.put(a.data) })));
    return this.store.write(async (tx) => {
      if (input.dedupeKey !== null) {
        // Two deliveries of one message at once (a repeated SMS part completing it twice, a carrier
        // resending) must not both miss the other's uncommitted row and insert (READ COMMITTED):
        // the second waits here, then finds the first's.
        await this.store.lockKey(tx, `inbound-dedupe:${input.carrier}:${input.dedupeKey}`);
        const seen = await tx.selectFrom('inbound_messages').selectAll()
          .where('carrier', '=', input.carrier).where('dedupe_key', '=', input.dedupeKey).executeTakeFirst();
        if (seen) return inboundFromRow(seen);
      }
      const accountId = input.accountId ?? await ownerOfNumber(tx, input.to);
      const media: InboundMessage['media'] = [];
      for (const blob of blobs) {
        const id = newId('med', now);
        await tx.insertInto('media').values({ id, account_id: accountId, sha256: blob.sha256, size: blob.data.length, content_type: blob.contentType, filename: blob.filename, created_at: now, declared_type: null }).execute();
        media.push({ id, contentType: blob.contentType, size: blob.data.length });
      }
      const row: InboundRow = {
        id: newId('inb', now), carrier: input.carrier, from_number: input.from, to_number: input.to, subject: input.subject,
        body: input.text, media_json: storedInboundMedia(media), linked_id: input.linkedId, received_at: now,
      };
      await tx.insertInto('inbound_messages').values({ ...row, account_id: accountId, dedupe_key: input.dedupeKey }).execute();
      const inbound = inboundFromRow(row);
      if (accountId !== null) {
        await this.notify(tx, accountId, inbound, now);
        // Only a message to the account's own number is a keyword to its program (not a hosted page's quick reply).
        // The opt-out commits in this unit, before any listener (a Twilio-style webhook) hears of the message.
        if (input.accountId === undefined) await this.hook?.handle(tx, accountId, inbound, now);
        for (const listener of this.listeners) await listener(tx, accountId, inbound);
      }
      return inbound;
    });
  }

  async get(accountId: string, id: string): Promise<InboundMessage> {
    const row = await this.store.db.selectFrom('inbound_messages').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw new PormError('PORM_INBOUND_MESSAGE_NOT_FOUND');
    return inboundFromRow(row);
  }

  async list(accountId: string, limit: number, cursor?: string): Promise<Page<InboundMessage>> {
    let query = this.store.db.selectFrom('inbound_messages').selectAll().where('account_id', '=', accountId);
    if (cursor) query = query.where('id', '<', decodeCursor(cursor, 'inb'));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const data = rows.slice(0, limit).map(inboundFromRow);
    return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  /** Operator only (the CLI): messages to numbers nobody owned when they arrived. Never reachable from /v1. */
  async listUnattributed(limit: number, cursor?: string): Promise<Page<InboundMessage>> {
    let query = this.store.db.selectFrom('inbound_messages').selectAll().where('account_id', 'is', null);
    if (cursor) query = query.where('id', '<', decodeCursor(cursor, 'inb'));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const data = rows.slice(0, limit).map(inboundFromRow);
    return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  private async notify(tx: Db, accountId: string, inbound: InboundMessage, now: number): Promise<void> {
    await queueAccountEvent(tx, this.queue, this.endpoints, { accountId, messageId: null, type: 'inbound.received', subject: { kind: 'inbound_message', id: inbound.id }, at: now });
  }
}
