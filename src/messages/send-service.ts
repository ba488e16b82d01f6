import { PormError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import type { JobQueue } from '../queue/queue.ts';
import type { Message, NewMessage } from './model.ts';
import type { MessageTransitions } from './transitions.ts';
import { messageFromRow } from './rows.ts';
import { insertEventRows, insertFirstEvents, insertMessage, insertMessages, type MessageRow, type NewEventRow } from './message-sql.ts';
import { validateSend } from './validate.ts';
import type { CancelCommand, SendCommand } from './commands.ts';
import { CANCELABLE_STATUSES, type MessageStatus } from './status.ts';
import type { PreparedRich, RichSender } from '../rich/send/rich-send.ts';
import type { SenderCheck } from '../numbers/sender-check.ts';
import type { LinkShortener, PreparedLinks } from '../links/link-shortener.ts';
import { forgetSubmitProgress } from '../sms/progress/stored-progress.ts';
import { acceptChannel, type AcceptedChannel, type SmsAcceptPolicy } from './sms/accept-channel.ts';

/** Compliance at accept time (src/compliance): throws a PormError (e.g. PORM_RECIPIENT_OPTED_OUT at /to) to refuse the message. */
export interface AcceptCheck {
  atAccept(tx: Db, accountId: string, message: NewMessage, now: number): Promise<void>;
  /** atAccept for many messages at once: for each, the PormError atAccept would throw, or null. */
  atAcceptMany?(tx: Db, accountId: string, messages: readonly NewMessage[], now: number): Promise<Array<PormError | null>>;
}

/**
 * Messaging services (sender pools, src/messaging-services), in the send's unit: the message with
 * its sender picked from the pool when it has none (the sticky choice commits with the message),
 * and the service's defaults applied. Throws a PormError when the service is not the account's.
 */
export interface SenderPool {
  resolve(tx: Db, accountId: string, serviceId: string, message: NewMessage, now: number): Promise<NewMessage>;
}

export interface SendOutcome {
  message: Message;
  /** True when an earlier request with the same Idempotency-Key produced this message. */
  replayed: boolean;
}

/**
 * Accepts messages: validates, then in one write unit stores the message, its first events,
 * its send job and its idempotency record. When the promise resolves, all of it is durable.
 */
export class SendService {
  constructor(
    private readonly store: Store,
    private readonly queue: JobQueue,
    private readonly transitions: MessageTransitions,
    private readonly clock: Clock,
    /** Binds templated messages (rich messages); without it, a request naming a template is refused. */
    private readonly rich: RichSender | null = null,
    /** The account may send only from its own numbers (src/numbers); main.ts always passes it. */
    private readonly senders: SenderCheck | null = null,
    /** The SMS segment limit and route probe (src/messages/sms); without it text is SMS with no limit. */
    private readonly sms: SmsAcceptPolicy | null = null,
    /** Suppression and consent, checked before anything is stored (the claim checks again). */
    private readonly compliance: AcceptCheck | null = null,
    /** Short links with click tracking (src/links); without it, track_links is refused. */
    private readonly links: Pick<LinkShortener, 'prepare' | 'record' | 'preparer' | 'recordMany'> | null = null,
    /** Messaging services; without it, a command naming one is refused. */
    private readonly pools: SenderPool | null = null,
  ) {}

  async send(input: SendCommand): Promise<SendOutcome> {
    const now = this.clock.now();
    const { accountId, idempotency } = input;
    const { value: validated, errors } = validateSend(input, now);
    if (!validated) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
    const id = newId('msg', now);
    let rich: PreparedRich | null = null;
    // A replay of an Idempotency-Key is answered from its record below: binding it again would be
    // wasted work, and could even refuse it if the template has changed since.
    const replay = idempotency !== undefined && (await this.store.db.selectFrom('idempotency_keys').select('key')
      .where('account_id', '=', accountId).where('key', '=', idempotency.key).executeTakeFirst()) !== undefined;
    const links = replay ? null : await this.prepareLinks(input, validated.body);
    const linked = links ? { ...validated, body: links.body } : validated;
    if (input.template !== undefined && !replay) {
      if (!this.rich) throw new PormError('PORM_VALIDATION_FAILED', 'templates are not available in this process');
      // Binding reads only (templates, contacts): it happens before the write unit, so a blocked
      // send stores nothing. A replayed Idempotency-Key is answered from its record below.
      rich = await this.rich.prepare(accountId, id, validated.to, input);
    }
    return this.store.write(async (tx) => {
      if (idempotency !== undefined) {
        // Concurrent requests with one key: the later ones wait here for the first to commit, then
        // read its record and replay it (without the lock, under READ COMMITTED each would miss
        // the others' uncommitted row and all but one would fail on the primary key).
        await this.store.lockKey(tx, `idempotency:${accountId}:${idempotency.key}`);
        const prior = await tx.selectFrom('idempotency_keys').selectAll()
          .where('account_id', '=', accountId).where('key', '=', idempotency.key).executeTakeFirst();
        if (prior) {
          if (prior.request_hash !== idempotency.requestHash) throw new PormError('PORM_IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request body');
          const row = await tx.selectFrom('messages').selectAll().where('id', '=', prior.message_id).executeTakeFirstOrThrow();
          return { message: messageFromRow(row), replayed: true };
        }
      }
      // The key was seen before the write unit and has gone since (purged after 7 days): ask again.
      if (input.template !== undefined && rich === null) throw new PormError('PORM_IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key expired while the request ran; send it again');
      const value = await this.throughService(tx, accountId, linked, now);
      const channel = acceptChannel(value, accountId, rich?.ref.channel ?? null, this.sms);
      await this.senders?.check(tx, accountId, value.from, now);
      await this.checkMediaOwnership(tx, accountId, value);
      await this.compliance?.atAccept(tx, accountId, value, now);
      const message = await this.insert(tx, accountId, id, value, now, rich, channel);
      if (links) await this.links!.record(tx, accountId, message.id, message.to, links, now);
      if (idempotency !== undefined) {
        await tx.insertInto('idempotency_keys').values({ account_id: accountId, key: idempotency.key, request_hash: idempotency.requestHash, message_id: message.id, created_at: now }).execute();
      }
      return { message, replayed: false };
    });
  }

  /**
   * Accepts a message porm itself composes (a compliance reply to STOP/HELP/START) inside the
   * caller's unit, so it commits with what it answers. It then takes the normal send path; the
   * sender is the account's own number that received the keyword, so no ownership check.
   */
  async acceptSystem(tx: Db, accountId: string, value: NewMessage, now: number): Promise<Message> {
    return this.insert(tx, accountId, newId('msg', now), value, now, null, acceptChannel(value, accountId, null, this.sms));
  }

  /**
   * Accepts a plain message inside the caller's unit (campaign fan-out, src/campaigns), so it commits
   * with the caller's own rows. The same checks as send(): sender pool, sender ownership, media
   * ownership and compliance, each throwing its PormError; no Idempotency-Key or template. With
   * trackLinks the body's links become short links, read and stored in the caller's unit.
   */
  async sendIn(tx: Db, input: SendCommand, now: number): Promise<Message> {
    if (input.template !== undefined || input.idempotency !== undefined) throw new PormError('PORM_VALIDATION_FAILED', 'sendIn takes plain messages only');
    const { value: validated, errors } = validateSend(input, now);
    if (!validated) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
    if (input.trackLinks === true && !this.links) throw new PormError('PORM_VALIDATION_FAILED', 'link tracking is not available in this process');
    const links = input.trackLinks === true ? await this.links!.prepare(input.accountId, validated.body, input.utm, tx) : null;
    const value = await this.throughService(tx, input.accountId, links ? { ...validated, body: links.body } : validated, now);
    const channel = acceptChannel(value, input.accountId, null, this.sms);
    await this.senders?.check(tx, input.accountId, value.from, now);
    await this.checkMediaOwnership(tx, input.accountId, value);
    await this.compliance?.atAccept(tx, input.accountId, value, now);
    const message = await this.insert(tx, input.accountId, newId('msg', now), value, now, null, channel);
    if (links) await this.links!.record(tx, input.accountId, message.id, message.to, links, now);
    return message;
  }

  /**
   * sendIn for many messages of one account in the caller's unit (a campaign's batch), each plain or
   * naming a saved template (bound per recipient, as send() binds it, reading outside the unit): for each
   * command, its message or the PormError sendIn would have thrown, after the same checks in the
   * same order. What does not depend on the recipient is done once for the batch (link settings,
   * each sender's ownership, each set of media), compliance reads every recipient's standing at
   * once, and the messages, their events, links and jobs are written in one statement per table
   * per chunk. None of what one message writes (a sender claimed on first use, a pool's sticky
   * choice) changes another's checks, so the outcomes are those of sendIn called in turn.
   */
  async sendManyIn(tx: Db, accountId: string, inputs: readonly SendCommand[], now: number): Promise<Array<Message | PormError>> {
    const results: Array<Message | PormError | null> = [];
    const passed: Array<{ index: number; id: string; value: NewMessage; channel: AcceptedChannel; links: PreparedLinks | null; rich: PreparedRich | null }> = [];
    let prepare: ((body: string, utm: SendCommand['utm']) => PreparedLinks) | undefined;
    const senders = new Map<string, PormError | null>();
    const media = new Map<string, PormError | null>();
    const refusal = async (key: string, memo: Map<string, PormError | null>, check: () => Promise<void>): Promise<PormError | null> => {
      if (!memo.has(key)) memo.set(key, await caught(check));
      return memo.get(key)!;
    };
    for (const [index, input] of inputs.entries()) {
      results.push(null);
      const failed = await caught(async () => {
        if (input.accountId !== accountId) throw new PormError('PORM_VALIDATION_FAILED', 'sendManyIn takes messages of one account');
        if (input.idempotency !== undefined) throw new PormError('PORM_VALIDATION_FAILED', 'sendManyIn takes no Idempotency-Key');
        if (input.template !== undefined && typeof input.template !== 'string') throw new PormError('PORM_VALIDATION_FAILED', 'sendManyIn takes saved templates only');
        const { value: validated, errors } = validateSend(input, now);
        if (!validated) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
        if (input.trackLinks === true && !this.links) throw new PormError('PORM_VALIDATION_FAILED', 'link tracking is not available in this process');
        if (input.trackLinks === true && input.template !== undefined) throw new PormError('PORM_LINKS_NOT_FOR_TEMPLATES');
        const id = newId('msg', now);
        // A template campaign's message is bound for its recipient as send() binds one: data a "block" slot lacks refuses this recipient only.
        if (input.template !== undefined && !this.rich) throw new PormError('PORM_VALIDATION_FAILED', 'templates are not available in this process');
        const rich = input.template !== undefined ? await this.rich!.prepare(accountId, id, validated.to, input) : null;
        const links = input.trackLinks === true ? (prepare ??= await this.links!.preparer(accountId, tx))(validated.body, input.utm) : null;
        const value = await this.throughService(tx, accountId, links ? { ...validated, body: links.body } : validated, now);
        const channel = acceptChannel(value, accountId, rich?.ref.channel ?? null, this.sms);
        const sender = this.senders;
        const notOwned = sender ? await refusal(value.from, senders, () => sender.check(tx, accountId, value.from, now)) : null;
        if (notOwned) throw notOwned;
        // Its field errors name positions in the list, so the whole list is the key.
        const badMedia = value.media.some((m) => m.kind === 'id') ? await refusal(JSON.stringify(value.media), media, () => this.checkMediaOwnership(tx, accountId, value)) : null;
        if (badMedia) throw badMedia;
        passed.push({ index, id, value, channel, links, rich });
      });
      if (failed) results[index] = failed;
    }
    const compliance = this.compliance;
    let refusals: Array<PormError | null> = passed.map(() => null);
    if (compliance?.atAcceptMany) refusals = await compliance.atAcceptMany(tx, accountId, passed.map((p) => p.value), now);
    else if (compliance) for (const [i, p] of passed.entries()) refusals[i] = await caught(() => compliance.atAccept(tx, accountId, p.value, now));
    const accepted = passed.filter((p, i) => {
      if (refusals[i]) results[p.index] = refusals[i];
      return !refusals[i];
    });
    const rows = accepted.map((p) => this.rowOf(accountId, p.id, p.value, now, p.rich, p.rich?.ref.templateId ?? null, p.channel));
    for (let i = 0; i < rows.length; i += MESSAGE_ROWS_PER_INSERT) await insertMessages(tx, rows.slice(i, i + MESSAGE_ROWS_PER_INSERT));
    const events = rows.flatMap((row) => firstEventRows(row, now));
    for (let i = 0; i < events.length; i += EVENT_ROWS_PER_INSERT) await insertEventRows(tx, events.slice(i, i + EVENT_ROWS_PER_INSERT));
    const messages = rows.map((row) => messageFromRow(row));
    for (const message of messages) await this.announceFirst(tx, message, now);
    await this.queue.enqueueMany(tx, messages.map((m) => ({ kind: 'message.send' as const, payload: { messageId: m.id }, runAt: m.sendAt ?? now })));
    const linked = accepted.flatMap((p, i) => (p.links && p.links.links.length > 0 ? [{ messageId: messages[i]!.id, recipient: messages[i]!.to, prepared: p.links }] : []));
    if (linked.length > 0) await this.links!.recordMany(tx, accountId, linked, now);
    accepted.forEach((p, i) => { results[p.index] = messages[i]!; });
    return results.map((r) => r!);
  }

  /** Cancels a message that has not started sending; anything later is PORM_MESSAGE_NOT_CANCELABLE. */
  async cancel({ accountId, messageId: id }: CancelCommand): Promise<Message> {
    const now = this.clock.now();
    return this.store.write(async (tx) => {
      const row = await tx.selectFrom('messages').select(['status']).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
      if (!row) throw new PormError('PORM_MESSAGE_NOT_FOUND');
      if (!CANCELABLE_STATUSES.includes(row.status as MessageStatus)) {
        throw new PormError('PORM_MESSAGE_NOT_CANCELABLE', `the message is ${row.status}; only accepted, scheduled or queued messages can be canceled`);
      }
      const moved = await this.transitions.move(tx, id, 'canceled', { type: 'canceled', data: { by: 'api' } }, now);
      if (!moved) throw new PormError('PORM_MESSAGE_NOT_CANCELABLE');
      // A long SMS requeued after a throttle may have segments accepted already; canceled, they
      // will never be resumed, so the record of them goes with the cancel.
      await forgetSubmitProgress(tx, id);
      // The send job stays; the worker finds a final message and drops it. Removing it here
      // would race with a worker that has already claimed it.
      return moved;
    });
  }

  /** The body's links as short links, before anything is stored (the segment count is of the short text). */
  private async prepareLinks(input: SendCommand, body: string): Promise<PreparedLinks | null> {
    if (input.trackLinks !== true) {
      if (input.utm !== undefined) throw new PormError('PORM_VALIDATION_FAILED', 'utm applies to tracked links: add track_links: true', [{ field: '/utm', code: 'PORM_VALIDATION_FAILED', message: 'utm applies to tracked links: add track_links: true' }]);
      return null;
    }
    if (input.template !== undefined) throw new PormError('PORM_LINKS_NOT_FOR_TEMPLATES', undefined, [{ field: '/trackLinks', code: 'PORM_LINKS_NOT_FOR_TEMPLATES', message: 'rich messages count clicks on their hosted page' }]);
    if (!this.links) throw new PormError('PORM_VALIDATION_FAILED', 'link tracking is not available in this process');
    return this.links.prepare(input.accountId, body, input.utm);
  }

  private async throughService(tx: Db, accountId: string, value: NewMessage, now: number): Promise<NewMessage> {
    const serviceId = value.messagingServiceId ?? null;
    if (serviceId === null) return value;
    if (!this.pools) throw new PormError('PORM_MESSAGING_SERVICE_NOT_FOUND', 'messaging services are not available in this process');
    return this.pools.resolve(tx, accountId, serviceId, value, now);
  }

  private async checkMediaOwnership(tx: Db, accountId: string, value: NewMessage): Promise<void> {
    const ids = value.media.flatMap((m) => (m.kind === 'id' ? [m.id] : []));
    if (ids.length === 0) return;
    const found = await tx.selectFrom('media').select('id').where('account_id', '=', accountId).where('id', 'in', ids).execute();
    const known = new Set(found.map((r) => r.id));
    const fields = value.media.flatMap((m, i) => (m.kind === 'id' && !known.has(m.id)
      ? [{ field: `/media/${i}/id`, code: 'PORM_INVALID_MEDIA_REFERENCE' as const, message: `no media ${m.id} in this account` }]
      : []));
    if (fields.length > 0) throw new PormError('PORM_INVALID_MEDIA_REFERENCE', fields[0]!.message, fields);
  }

  private async insert(tx: Db, accountId: string, id: string, value: NewMessage, now: number, rich: PreparedRich | null, channel: AcceptedChannel): Promise<Message> {
    const templateId = rich === null ? null : rich.inline ? await this.rich!.storeInline(tx, accountId, rich.inline, now) : rich.ref.templateId;
    const row = this.rowOf(accountId, id, value, now, rich, templateId, channel);
    await insertMessage(tx, row);
    // Both first events in one statement: this is the hottest write in porm.
    const [, next] = firstEventRows(row, now);
    await insertFirstEvents(tx, { id, accountId, status: row.status, at: now, nextData: next.data_json ?? null });
    const message = messageFromRow(row);
    await this.announceFirst(tx, message, now);
    await this.queue.enqueue(tx, 'message.send', { messageId: id }, value.sendAt ?? now);
    return message;
  }

  /** The new message's row: born already queued (or scheduled), so the accepted event and the move are written together. */
  private rowOf(accountId: string, id: string, value: NewMessage, now: number, rich: PreparedRich | null, templateId: string | null, channel: AcceptedChannel): MessageRow {
    const startAt = value.sendAt ?? now;
    const status: MessageStatus = value.sendAt !== null ? 'scheduled' : 'queued';
    return {
      id, account_id: accountId, to_number: value.to, from_number: value.from, body: rich?.previewBody ?? value.body, subject: value.subject,
      media_json: JSON.stringify(value.media), status_callback: value.statusCallback,
      metadata_json: value.metadata === null ? null : JSON.stringify(value.metadata),
      send_at: value.sendAt, validity_period: value.validityPeriod,
      expires_at: value.validityPeriod === null ? null : startAt + value.validityPeriod * 1000,
      status, error_code: null, error_message: null, carrier: null, carrier_message_id: null,
      attempts: 0, event_seq: 2, created_at: now, updated_at: now, media_sent_json: null,
      template_id: templateId, template_revision: rich?.ref.pinnedRevision ?? null, data_json: rich ? JSON.stringify(rich.ref.data) : null,
      page_token: rich?.ref.pageToken ?? null, channel: rich?.ref.channel ?? null,
      callback_dialect: value.callbackDialect,
      out_channel: channel.channel, fallback: value.fallback, sms_segments: channel.sms?.segments ?? null, sms_encoding: channel.sms?.encoding ?? null, fallback_reason: null,
      category: value.category,
      messaging_service_id: value.messagingServiceId ?? null,
    };
  }

  /** The listeners hear the creation's two events: accepted, then queued or scheduled. */
  private async announceFirst(tx: Db, message: Message, now: number): Promise<void> {
    const nextData = message.sendAt !== null ? { send_at: new Date(message.sendAt).toISOString() } : null;
    await this.transitions.announce(tx, { ...message, status: 'accepted' }, { seq: 1, type: 'accepted', status: 'accepted', at: now, data: null });
    await this.transitions.announce(tx, message, { seq: 2, type: message.status, status: message.status, at: now, data: nextData });
  }
}

/** messages rows per INSERT (36 values a row, well under either store's bound variables). */
const MESSAGE_ROWS_PER_INSERT = 200;
/** message_events rows per INSERT (7 values a row). */
const EVENT_ROWS_PER_INSERT = 1000;

/** A new message's accepted event and the move that follows it (queued or scheduled). */
function firstEventRows(row: MessageRow, at: number): [NewEventRow, NewEventRow] {
  const nextData = row.send_at !== null ? JSON.stringify({ send_at: new Date(row.send_at).toISOString() }) : null;
  return [
    { message_id: row.id, account_id: row.account_id, seq: 1, type: 'accepted', status: 'accepted', at, data_json: null },
    { message_id: row.id, account_id: row.account_id, seq: 2, type: row.status, status: row.status, at, data_json: nextData },
  ];
}

/** The PormError `fn` throws, or null; anything else is thrown on. */
async function caught(fn: () => Promise<void>): Promise<PormError | null> {
  try {
    await fn();
    return null;
  } catch (err) {
    if (err instanceof PormError) return err;
    throw err;
  }
}
