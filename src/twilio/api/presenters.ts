import type { Message } from '../../messages/model.ts';
import type { MessageStatus } from '../../messages/status.ts';
import { deliveryErrorCode } from './error-map.ts';
import { rfc2822 } from './rfc2822.ts';
import { segmentCount } from './segments.ts';
import { mediaSidOf, messageSidOf } from './sids.ts';
import { messagingServiceSidOf } from '../sids.ts';

// porm messages and their media in Twilio's JSON (OpenAPI api.v2010.account.message and
// .message.media): exact keys, strings for counts, RFC 2822 dates, relative .json URIs. Pure.

export const API_VERSION = '2010-04-01';

export interface TwilioMessage {
  account_sid: string;
  api_version: string;
  body: string;
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  direction: 'outbound-api';
  error_code: number | null;
  error_message: string | null;
  from: string;
  messaging_service_sid: string | null;
  num_media: string;
  num_segments: string;
  price: null;
  price_unit: null;
  sid: string;
  status: MessageStatus;
  subresource_uris: { media: string };
  to: string;
  uri: string;
}

export interface TwilioMedia {
  account_sid: string;
  content_type: string | null;
  date_created: string;
  date_updated: string;
  parent_sid: string;
  sid: string;
  uri: string;
}

/** A media item of a message as Twilio lists it; content_type is null until porm has seen the bytes. */
export interface MediaItem {
  index: number;
  contentType: string | null;
}

// Statuses after which the message has left porm: date_sent is the time it did.
const LEFT = new Set<MessageStatus>(['sent', 'delivered', 'undelivered']);

export function accountPath(accountSid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}`;
}

export function sidOf(message: Pick<Message, 'id' | 'media'>): string {
  const sid = messageSidOf(message.id, message.media.length > 0);
  if (!sid) throw new Error(`message id ${message.id} has no Twilio SID`);
  return sid;
}

/**
 * `sentAt` is when the message left porm (its `sent` event), when known; `mediaCount` leaves out
 * media deleted through the Media subresource.
 */
export function presentTwilioMessage(message: Message, accountSid: string, mediaCount: number, sentAt: number | null): TwilioMessage {
  const sid = sidOf(message);
  const uri = `${accountPath(accountSid)}/Messages/${sid}`;
  return {
    account_sid: accountSid,
    api_version: API_VERSION,
    body: message.body,
    date_created: rfc2822(message.createdAt),
    date_sent: LEFT.has(message.status) ? rfc2822(sentAt ?? message.updatedAt) : null,
    date_updated: rfc2822(message.updatedAt),
    direction: 'outbound-api',
    error_code: deliveryErrorCode(message.errorCode),
    error_message: message.errorMessage,
    from: message.from,
    messaging_service_sid: message.messagingServiceId ? messagingServiceSidOf(message.messagingServiceId) : null,
    num_media: String(mediaCount),
    num_segments: String(segmentCount(message.body, message.media.length > 0, message.sms?.segments)),
    price: null,
    price_unit: null,
    sid,
    status: message.status,
    subresource_uris: { media: `${uri}/Media.json` },
    to: message.to,
    uri: `${uri}.json`,
  };
}

export function presentTwilioMedia(message: Message, item: MediaItem, accountSid: string): TwilioMedia {
  const parent = sidOf(message);
  const sid = mediaSidOf(message.id, item.index);
  return {
    account_sid: accountSid,
    content_type: item.contentType,
    date_created: rfc2822(message.createdAt),
    date_updated: rfc2822(message.updatedAt),
    parent_sid: parent,
    sid,
    uri: `${accountPath(accountSid)}/Messages/${parent}/Media/${sid}.json`,
  };
}
