import type { Message, MessageEvent, MediaRef } from '../../../messages/model.ts';
import { pageUrl } from '../../../rich/page-url.ts';
import { channelOf } from '../../../messages/send/route.ts';
import { fallbackPageUrl } from '../../../messages/sms/fallback-page-url.ts';

// The /v1 JSON shape of a message, shared by the API, its webhooks (Standard Webhooks dialect)
// and the CLI's --json. Pure: the message and what the server knows about itself in, JSON out.

/** What a presenter needs from the server: its public base URL, read when the JSON is made. */
export interface PresentContext {
  baseUrl: string;
}

export interface MessageResource {
  id: string;
  object: 'message';
  account_id: string;
  to: string;
  from: string;
  body: string;
  subject: string | null;
  media: Array<{ url: string } | { id: string }>;
  status: string;
  error_code: string | null;
  error_message: string | null;
  status_callback: string | null;
  send_at: string | null;
  validity_period: number | null;
  expires_at: string | null;
  metadata: Record<string, unknown> | null;
  carrier: string | null;
  carrier_message_id: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
  media_sent: Record<string, unknown> | null;
  /** For a message sent from a rich template. */
  template: { id: string; revision: number | null } | null;
  /** sms | mms for a plain message (what it goes out on); for a templated one, its form (porm | mms | sms). */
  channel: string | null;
  /** The SMS form's segments and encoding; null for MMS. */
  segments: number | null;
  encoding: 'gsm7' | 'ucs2' | null;
  fallback: 'auto' | 'sms' | 'none';
  /** Set when it went on another channel than it was accepted for. */
  channel_fallback: { from: string; reason: string } | null;
  page_url: string | null;
  category: 'transactional' | 'marketing';
  events?: EventResource[];
}

export interface EventResource {
  seq: number;
  type: string;
  status: string | null;
  at: string;
  data: Record<string, unknown> | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function mediaResource(ref: MediaRef): { url: string } | { id: string } {
  return ref.kind === 'url' ? { url: ref.url } : { id: ref.id };
}

export function presentMessageEvent(event: MessageEvent): EventResource {
  return { seq: event.seq, type: event.type, status: event.status, at: new Date(event.at).toISOString(), data: event.data };
}

/** Without `events` the key is absent (webhooks, lists); with them, the timeline follows the message. */
export function presentMessage(message: Message, context: PresentContext, events?: readonly MessageEvent[]): MessageResource {
  return {
    id: message.id,
    object: 'message',
    account_id: message.accountId,
    to: message.to,
    from: message.from,
    body: message.body,
    subject: message.subject,
    media: message.media.map(mediaResource),
    status: message.status,
    error_code: message.errorCode,
    error_message: message.errorMessage,
    status_callback: message.statusCallback,
    send_at: iso(message.sendAt),
    validity_period: message.validityPeriod,
    expires_at: iso(message.expiresAt),
    metadata: message.metadata,
    carrier: message.carrier,
    carrier_message_id: message.carrierMessageId,
    attempts: message.attempts,
    created_at: new Date(message.createdAt).toISOString(),
    updated_at: new Date(message.updatedAt).toISOString(),
    media_sent: message.mediaSent,
    template: message.rich ? { id: message.rich.templateId, revision: message.rich.pinnedRevision } : null,
    channel: message.rich?.channel ?? message.channel ?? channelOf(message),
    segments: message.sms?.segments ?? null,
    encoding: message.sms?.encoding ?? null,
    fallback: message.fallback ?? 'auto',
    channel_fallback: message.fallbackReason ? { from: message.fallbackReason === 'no_sms_route' ? 'sms' : 'mms', reason: message.fallbackReason } : null,
    page_url: message.rich ? pageUrl(context.baseUrl, message.rich.pageToken)
      : message.fallbackPageToken ? fallbackPageUrl(context.baseUrl, message.fallbackPageToken) : null,
    category: message.category,
    ...(events ? { events: events.map(presentMessageEvent) } : {}),
  };
}
