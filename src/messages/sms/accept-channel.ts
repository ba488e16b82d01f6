import { PormError } from '../../errors.ts';
import type { Channel } from '../../carriers/carrier.ts';
import { countSegments } from '../../sms/text/index.ts';
import type { NewMessage, RichChannel } from '../model.ts';
import type { SmsForm } from './sms-form.ts';

/** Twilio's limit too (its error 21617 past 10 segments / 1600 characters). */
export const DEFAULT_MAX_SEGMENTS = 10;

/** What the accepting side knows about SMS: the segment limit, and whether an SMS route exists. */
export interface SmsAcceptPolicy {
  maxSegments: number;
  /** Whether a route has a connector serving SMS for this account, sender and recipient. */
  smsRouteExists(request: { accountId: string; from: string; to: string }): boolean;
}

export interface AcceptedChannel {
  /** Null without a policy: the send path derives it from the media, as before channels were stored. */
  channel: Channel | null;
  /** The SMS form's count, when the message goes as SMS and its text is known now (not for templates). */
  sms: SmsForm | null;
}

/**
 * The channel a message is accepted for. Media → MMS; `channel: "sms"` → SMS (refused when no
 * route serves SMS); text with `auto` → SMS when an SMS route exists, else MMS (a text-only MMS,
 * as porm sent text before it had SMS). A rich message's porm and sms forms go as SMS whenever an
 * SMS route exists. Without a policy (tests, tools) the channel is left to the send path, as before
 * it was stored (text as SMS when an SMS route exists, else MMS), and no limit applies.
 */
export function acceptChannel(value: NewMessage, accountId: string, richChannel: RichChannel | null, policy: SmsAcceptPolicy | null): AcceptedChannel {
  if (policy === null) {
    const text = richChannel === null && value.requestedChannel !== 'mms' && value.media.length === 0;
    return { channel: null, sms: text ? countSegments(value.body) : null };
  }
  const smsRoute = policy.smsRouteExists({ accountId, from: value.from, to: value.to });
  if (richChannel !== null) return { channel: richChannel !== 'mms' && smsRoute ? 'sms' : 'mms', sms: null };
  if (value.requestedChannel === 'mms' || value.media.length > 0) return { channel: 'mms', sms: null };
  if (value.requestedChannel === 'sms' && !smsRoute) {
    throw new PormError('PORM_SMS_NO_ROUTE', `no route serves SMS from ${value.from} to ${value.to}`, [
      { field: '/channel', code: 'PORM_SMS_NO_ROUTE', message: 'no route has a connector serving SMS for this sender and recipient' },
    ]);
  }
  if (!smsRoute) return { channel: 'mms', sms: null };
  const sms = countSegments(value.body);
  if (sms.segments > policy.maxSegments) {
    const message = `the body needs ${sms.segments} ${sms.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'} segments; the limit is ${policy.maxSegments}`;
    throw new PormError('PORM_SMS_BODY_TOO_LONG', message, [{ field: '/body', code: 'PORM_SMS_BODY_TOO_LONG', message }]);
  }
  return { channel: 'sms', sms };
}
