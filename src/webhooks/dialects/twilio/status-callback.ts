import type { Message } from '../../../messages/model.ts';
import type { OutboxEvent } from '../../outbox-event.ts';
import { messageSidOf, messagingServiceSidOf } from '../../../twilio/sids.ts';
import { deliveryErrorCode, UNKNOWN_DELIVERY_ERROR } from '../../../twilio/api/error-map.ts';
import type { FormPairs } from './form.ts';

export const TWILIO_API_VERSION = '2010-04-01';

/**
 * Twilio sends no status callback for a message's initial status: porm's first two events
 * (accepted, then queued or scheduled, written with the message) stay unannounced. A later
 * `queued` (a scheduled message coming due, a retry) is told like any change.
 */
export function announcesStatus(event: OutboxEvent): boolean {
  return event.subject.kind !== 'message' || (event.seq ?? Number.POSITIVE_INFINITY) > 2;
}

/** The carrier's "done date" of a delivery report as Twilio passes it on: YYMMDDhhmm, UTC. */
export function rawDlrDoneDate(at: number): string {
  const d = new Date(at);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
}

/**
 * The parameters of a status callback, in the order Twilio posts them (captures of real
 * callbacks): the message as it was right after the event. MMS add NumMedia; failed and
 * undelivered messages add ErrorCode (Twilio's delivery error codes, the table error_code uses on the REST surface); delivered and
 * undelivered add RawDlrDoneDate, the time of the report.
 */
export function statusCallbackParams(message: Message, accountSid: string): FormPairs {
  const sid = messageSidOf(message.id, message.media.length > 0);
  const pairs: Array<[string, string]> = [
    ['SmsSid', sid], ['SmsStatus', message.status], ['MessageStatus', message.status], ['To', message.to],
    // Sent through a messaging service: its SID, where Twilio puts it.
    ...(message.messagingServiceId ? [['MessagingServiceSid', messagingServiceSidOf(message.messagingServiceId)] as [string, string]] : []),
    ['MessageSid', sid], ['AccountSid', accountSid], ['From', message.from], ['ApiVersion', TWILIO_API_VERSION],
  ];
  if (message.media.length > 0) pairs.push(['NumMedia', String(message.media.length)]);
  if (message.status === 'failed' || message.status === 'undelivered') {
    // A failure porm did not give a code still carries one: Twilio's "unknown error".
    pairs.push(['ErrorCode', String(deliveryErrorCode(message.errorCode) ?? UNKNOWN_DELIVERY_ERROR)]);
  }
  if (message.status === 'delivered' || message.status === 'undelivered') pairs.push(['RawDlrDoneDate', rawDlrDoneDate(message.updatedAt)]);
  return pairs;
}
