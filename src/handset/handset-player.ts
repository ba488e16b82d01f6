import { PormError } from '../errors.ts';
import type { MediaService } from '../media/media-service.ts';
import type { MessageQueries } from '../messages/query-service.ts';
import type { Message, MessageEvent } from '../messages/model.ts';
import { isFinal } from '../messages/status.ts';
import type { InboundService } from '../inbound/inbound-service.ts';
import type { InboundMessage } from '../inbound/model.ts';
import type { MmscControl } from '../carriers/sandbox/control-file.ts';
import type { ControlAnswer } from '../carriers/sandbox/control-protocol.ts';
import { callMmscControl, type ControlResult } from './mmsc-control-client.ts';
import { MAX_REPLY_MEDIA_BYTES, validateReply, type ReplyCommand } from './reply-input.ts';
import { DELIVERY_FAILURES, isDeliveryFailure } from './failures.ts';
import { replyBySms } from './sms-handset.ts';
import type { SmsHandset } from '../carriers/connector-type.ts';

/** Whether an account owns a number (the numbers capability answers it; see main.ts). */
export type OwnsNumber = (accountId: string, number: string) => Promise<boolean>;

export interface HandsetPlayerDeps {
  /** Names of the configured carriers of type sandbox. */
  sandboxes: readonly string[];
  /** How to reach the running MMSC of a sandbox carrier; undefined when it is not running. */
  control: (carrier: string) => MmscControl | undefined;
  ownsNumber: OwnsNumber;
  media: Pick<MediaService, 'content'>;
  messages: Pick<MessageQueries, 'get'>;
  inbound: Pick<InboundService, 'get' | 'list'>;
  /** The sandbox SMSCs (type sandbox-smsc) running in this process, by carrier name. */
  smsHandsets?: ReadonlyMap<string, SmsHandset>;
}

export interface FailCommand {
  message_id: string;
  status?: string;
  description?: string;
}

/**
 * Plays the handset of a sandbox carrier: makes its MMSC deliver an MMS from a handset to one of
 * the caller's numbers (an MM7 DeliverReq into porm's own MM7 endpoint, as a carrier would), or
 * report a delivery failure for a message it accepted. porm's endpoint records what it is sent
 * before it answers, so the result is read back as soon as the MMSC has its answer.
 */
export class HandsetPlayer {
  constructor(private readonly deps: HandsetPlayerDeps) {}

  async reply(accountId: string, command: ReplyCommand): Promise<InboundMessage> {
    const reply = validateReply(command);
    const sms = this.smsHandsetFor(reply.carrier);
    if (sms !== undefined) {
      if (!(await this.deps.ownsNumber(accountId, reply.to))) {
        throw new PormError('PORM_SANDBOX_NUMBER_NOT_OWNED', `${reply.to} is not a number of your account`, [{ field: '/to', code: 'PORM_SANDBOX_NUMBER_NOT_OWNED', message: 'not a number of your account' }]);
      }
      return replyBySms(sms, accountId, reply, this.deps.inbound);
    }
    const carrier = this.carrierFor(reply.carrier);
    if (!(await this.deps.ownsNumber(accountId, reply.to))) {
      throw new PormError('PORM_SANDBOX_NUMBER_NOT_OWNED', `${reply.to} is not a number of your account`, [{ field: '/to', code: 'PORM_SANDBOX_NUMBER_NOT_OWNED', message: 'not a number of your account' }]);
    }
    const parts: Array<{ contentType: string; filename: string; base64: string }> = [];
    let bytes = 0;
    for (const [i, item] of reply.media.entries()) {
      const part = item.kind === 'inline' ? item : await this.stored(accountId, item.id, i);
      bytes += part.data.length;
      if (bytes > MAX_REPLY_MEDIA_BYTES) throw new PormError('PORM_SANDBOX_REPLY_TOO_LARGE', `the media add up to more than ${MAX_REPLY_MEDIA_BYTES} bytes`, [{ field: `/media/${i}`, code: 'PORM_SANDBOX_REPLY_TOO_LARGE', message: 'over the size of one MMS' }]);
      parts.push({ contentType: part.contentType, filename: part.filename ?? `part${i + 1}`, base64: part.data.toString('base64') });
    }
    const result = await callMmscControl(this.controlOf(carrier), { deliver: { from: reply.from, to: reply.to, subject: reply.subject, text: reply.body, parts } });
    const answer = this.taken(result, 'DeliverReq');
    const id = answer.status.details ?? '';
    if (!/^inb_[0-9a-z]{26}$/.test(id)) throw new PormError('PORM_SANDBOX_DELIVER_REFUSED', 'porm took the DeliverReq but did not say what it stored');
    try {
      return await this.deps.inbound.get(accountId, id);
    } catch {
      throw new PormError('PORM_SANDBOX_DELIVER_REFUSED', `porm stored the message as ${id}, but not for your account (did ${reply.to} change hands?)`);
    }
  }

  async failDelivery(accountId: string, command: FailCommand): Promise<Message & { events: MessageEvent[] }> {
    const status = command.status ?? 'undelivered';
    if (!isDeliveryFailure(status)) {
      throw new PormError('PORM_INVALID_FIELD', `status must be one of ${Object.keys(DELIVERY_FAILURES).join(', ')}`, [{ field: '/status', code: 'PORM_INVALID_FIELD', message: `one of ${Object.keys(DELIVERY_FAILURES).join(', ')}` }]);
    }
    const description = command.description ?? DELIVERY_FAILURES[status].text;
    if (description.length > 200 || !description.isWellFormed() || /[\p{Cc}\ufffe\uffff]/u.test(description)) {
      throw new PormError('PORM_INVALID_FIELD', 'description must be at most 200 printable characters', [{ field: '/description', code: 'PORM_INVALID_FIELD', message: 'at most 200 printable characters' }]);
    }
    if (this.deps.sandboxes.length === 0) throw new PormError('PORM_SANDBOX_NOT_CONFIGURED');
    const message = await this.deps.messages.get(accountId, command.message_id);
    if (isFinal(message.status)) throw new PormError('PORM_SANDBOX_MESSAGE_FINAL', `the message is already ${message.status}`);
    if (message.carrier !== null && !this.deps.sandboxes.includes(message.carrier)) {
      throw new PormError('PORM_SANDBOX_MESSAGE_NOT_SANDBOX', `the message went through carrier ${message.carrier}, not a sandbox`);
    }
    if (message.carrier === null || message.status !== 'sent' || message.carrierMessageId === null) {
      throw new PormError('PORM_SANDBOX_MESSAGE_NOT_ACCEPTED', `the message is ${message.status}`);
    }
    const result = await callMmscControl(this.controlOf(message.carrier), {
      report: { carrierMessageId: message.carrierMessageId, mmStatus: DELIVERY_FAILURES[status].mmStatus, statusText: description },
    });
    this.taken(result, 'DeliveryReportReq');
    const after = await this.deps.messages.get(accountId, message.id);
    // The report the sandbox had scheduled may have landed first; porm keeps the first final report.
    if (after.status !== 'undelivered') throw new PormError('PORM_SANDBOX_MESSAGE_FINAL', `the message became ${after.status} first`);
    return after;
  }

  /** A sandbox SMSC plays the handset when it is named, or when it is the only sandbox there is. */
  private smsHandsetFor(requested: string | undefined): SmsHandset | undefined {
    const handsets = this.deps.smsHandsets;
    if (handsets === undefined || handsets.size === 0) return undefined;
    if (requested !== undefined) return handsets.get(requested);
    return this.deps.sandboxes.length === 0 && handsets.size === 1 ? handsets.values().next().value : undefined;
  }

  private carrierFor(requested: string | undefined): string {
    const { sandboxes } = this.deps;
    if (sandboxes.length === 0) throw new PormError('PORM_SANDBOX_NOT_CONFIGURED');
    if (requested !== undefined) {
      if (!sandboxes.includes(requested)) throw new PormError('PORM_SANDBOX_CARRIER_UNKNOWN', `no sandbox carrier named ${requested} (configured: ${sandboxes.join(', ')})`, [{ field: '/carrier', code: 'PORM_SANDBOX_CARRIER_UNKNOWN', message: `one of ${sandboxes.join(', ')}` }]);
      return requested;
    }
    if (sandboxes.length > 1) throw new PormError('PORM_SANDBOX_CARRIER_REQUIRED', `name one of ${sandboxes.join(', ')}`, [{ field: '/carrier', code: 'PORM_SANDBOX_CARRIER_REQUIRED', message: `one of ${sandboxes.join(', ')}` }]);
    return sandboxes[0]!;
  }

  private controlOf(carrier: string): MmscControl {
    const control = this.deps.control(carrier);
    if (!control) throw new PormError('PORM_SANDBOX_NOT_RUNNING', `the sandbox MMSC of carrier ${carrier} is not running in this process or on this data directory`);
    return control;
  }

  private async stored(accountId: string, id: string, i: number): Promise<{ contentType: string; data: Buffer; filename: string | null }> {
    try {
      const { object, bytes } = await this.deps.media.content(accountId, id);
      return { contentType: object.contentType, data: bytes, filename: object.filename && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(object.filename) ? object.filename : null };
    } catch (err) {
      if (err instanceof PormError && err.code === 'PORM_MEDIA_NOT_FOUND') {
        throw new PormError('PORM_INVALID_MEDIA_REFERENCE', `no media ${id} in this account`, [{ field: `/media/${i}/id`, code: 'PORM_INVALID_MEDIA_REFERENCE', message: `no media ${id} in this account` }]);
      }
      throw err;
    }
  }

  /** The MMSC's answer when porm took its request; the reason as a typed error otherwise. */
  private taken(result: ControlResult, what: string): ControlAnswer {
    if (!result.ok) {
      const { error, message } = result.refusal;
      if (error === 'no_target') throw new PormError('PORM_SANDBOX_NOT_RUNNING', message);
      if (error === 'unknown_message') throw new PormError('PORM_SANDBOX_MESSAGE_NOT_ACCEPTED', message);
      throw new PormError('PORM_SANDBOX_DELIVER_REFUSED', `the sandbox MMSC could not send its ${what}: ${message}`);
    }
    const { code, text } = result.answer.status;
    if (code !== 1000) throw new PormError('PORM_SANDBOX_DELIVER_REFUSED', `porm answered the ${what} with MM7 status ${code}${text ? ` (${text})` : ''}`);
    return result.answer;
  }
}
