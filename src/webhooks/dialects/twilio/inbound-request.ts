import type { InboundMessage } from '../../../inbound/model.ts';
import { messageSidOf } from '../../../twilio/sids.ts';
import type { FormPairs } from './form.ts';
import { inboundSegments } from './segments.ts';
import { TWILIO_API_VERSION } from './status-callback.ts';

/**
 * The parameters of the request a number's Twilio-style webhook gets for an inbound message, in
 * the order Twilio posts them: the SIDs (SmsMessageSid, SmsSid and MessageSid are one), the
 * text, and per media item its URL and content type (MediaUrl0, MediaContentType0, …).
 * `mediaUrls` are fetchable URLs of the items, in order. Geographic fields (FromCity…) are left
 * out: porm does not know them.
 */
export function inboundRequestParams(inbound: InboundMessage, accountSid: string, mediaUrls: ReadonlyArray<string | null>, messagingServiceSid?: string): FormPairs {
  const hasMedia = inbound.media.length > 0;
  const sid = messageSidOf(inbound.id, hasMedia);
  const pairs: Array<[string, string]> = [
    ['SmsMessageSid', sid], ['NumMedia', String(inbound.media.length)], ['SmsSid', sid], ['SmsStatus', 'received'],
    ['Body', inbound.body], ['To', inbound.to], ['NumSegments', String(inboundSegments(inbound.body, hasMedia))],
    ['MessageSid', sid], ['AccountSid', accountSid],
    // The receiving number is in a messaging service: its SID, where Twilio puts it.
    ...(messagingServiceSid !== undefined ? [['MessagingServiceSid', messagingServiceSid] as [string, string]] : []),
    ['From', inbound.from], ['ApiVersion', TWILIO_API_VERSION],
  ];
  inbound.media.forEach((m, i) => {
    pairs.push([`MediaContentType${i}`, m.contentType]);
    const url = mediaUrls[i];
    if (url !== undefined && url !== null) pairs.push([`MediaUrl${i}`, url]);
  });
  return pairs;
}
