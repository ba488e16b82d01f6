import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import { isPormError } from '../../errors.ts';
import type { SendCommand } from '../../messages/commands.ts';
import type { Message } from '../../messages/model.ts';
import type { AnswerWrite, DeliveryAnswer, WebhookAnswerHandler } from '../../webhooks/delivery-answer.ts';
import { parseTwiml, type TwimlMessage } from '../twiml/parse.ts';
import type { InboundWebhookOutcome } from './outcome.ts';

/** The send path (SendService): replies go through it like any message, so routing and compliance apply. */
export interface ReplySender {
  send(command: SendCommand): Promise<{ message: Message; replayed: boolean }>;
}

const MAX_DETAIL = 2000;

/**
 * Reads a number webhook's answer: TwiML on a 2xx becomes replies, sent from the number that
 * received the message to its sender (unless <Message to/from> say otherwise); anything else is
 * noted on the inbound message's webhook record, never thrown. Each reply is sent under an
 * idempotency key of the delivery and its position, so a re-attempted delivery (a crash
 * before the attempt was recorded) sends nothing twice.
 */
export function twimlAnswers(store: Store, sender: ReplySender, clock: Clock, log: Logger): WebhookAnswerHandler {
  return async (answer: DeliveryAnswer): Promise<AnswerWrite | null> => {
    if (answer.dialect !== 'twilio' || answer.subject.kind !== 'inbound_message') return null;
    const record = await store.db.selectFrom('inbound_webhooks as w').innerJoin('inbound_messages as i', 'i.id', 'w.inbound_id')
      .select(['w.inbound_id', 'w.account_id', 'i.from_number', 'i.to_number']).where('w.delivery_id', '=', answer.deliveryId).executeTakeFirst();
    if (!record) return null;
    const note = (outcome: InboundWebhookOutcome, detail: string | null, replies: string[] = []): AnswerWrite => async (tx) => {
      await tx.updateTable('inbound_webhooks').set({
        outcome, detail: detail === null ? null : detail.slice(0, MAX_DETAIL), reply_ids_json: JSON.stringify(replies), attempts: answer.attempt, updated_at: clock.now(),
      }).where('delivery_id', '=', answer.deliveryId).execute();
    };
    const response = answer.response;
    if (!response || response.status < 200 || response.status >= 300) {
      const why = `attempt ${answer.attempt}: ${response ? `HTTP ${response.status}` : answer.error ?? 'no answer'}`;
      return note(answer.last ? 'failed' : 'pending', why);
    }
    const twiml = parseTwiml(response.body);
    if (!twiml.ok) {
      log.warn({ inboundId: record.inbound_id, deliveryId: answer.deliveryId, why: twiml.why }, 'inbound webhook answered with TwiML porm cannot use; nothing sent');
      return note('bad_answer', twiml.why);
    }
    if (twiml.ignored.length > 0) log.info({ inboundId: record.inbound_id, ignored: twiml.ignored }, 'parts of the TwiML answer left out');
    const replies: string[] = [];
    const refused: string[] = [];
    for (const [index, reply] of twiml.messages.entries()) {
      try {
        const { message } = await sender.send(replyCommand(record, reply, `twiml:${answer.deliveryId}:${index}`));
        replies.push(message.id);
      } catch (err) {
        // Refused by the send path (an invalid number, a sender not owned, a body too long…):
        // noted, never retried; anything else (the store failing) retries the delivery.
        if (!isPormError(err)) throw err;
        refused.push(err.code === 'PORM_IDEMPOTENCY_KEY_REUSED'
          ? `<Message> ${index + 1} differs from the one sent for an earlier attempt of this delivery: not sent again`
          : `<Message> ${index + 1} refused: ${err.code}: ${err.message}`);
      }
    }
    if (refused.length > 0) log.warn({ inboundId: record.inbound_id, refused }, 'TwiML replies refused');
    const detail = [...refused, ...twiml.ignored.map((i) => `ignored: ${i}`)].join('; ') || null;
    const outcome: InboundWebhookOutcome = twiml.messages.length === 0 ? 'no_reply' : replies.length === 0 ? 'replies_refused' : 'replied';
    return note(outcome, detail, replies);
  };
}

function replyCommand(record: { account_id: string; from_number: string; to_number: string }, reply: TwimlMessage, key: string): SendCommand {
  return {
    accountId: record.account_id, to: reply.to ?? record.from_number, from: reply.from ?? record.to_number, body: reply.body,
    ...(reply.media.length > 0 ? { media: reply.media.map((url) => ({ url })) } : {}),
    ...(reply.statusCallback !== undefined ? { statusCallback: reply.statusCallback, callbackDialect: 'twilio' as const } : {}),
    idempotency: { key, requestHash: createHash('sha256').update(JSON.stringify(reply)).digest('hex') },
  };
}
