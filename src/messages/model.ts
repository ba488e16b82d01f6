import type { ErrorCode } from '../errors.ts';
import type { MessageStatus } from './status.ts';
import type { CallbackDialect } from './commands.ts';
import type { Channel } from '../carriers/carrier.ts';
import type { SmsForm, SmsFallback } from './sms/sms-form.ts';

/** A media reference on a message: an uploaded media object or a URL porm will fetch. */
export type MediaRef = { kind: 'id'; id: string } | { kind: 'url'; url: string };

/** Transactional (the default) or marketing: compliance holds marketing to consent, quiet hours and caps. */
export type MessageCategory = 'transactional' | 'marketing';
export const MESSAGE_CATEGORIES: readonly MessageCategory[] = ['transactional', 'marketing'];

export interface Message {
  id: string;
  accountId: string;
  to: string;
  from: string;
  body: string;
  subject: string | null;
  media: MediaRef[];
  statusCallback: string | null;
  /** How status_callback is told (absent: 'standard'); set by the surface that created the message. */
  callbackDialect?: CallbackDialect;
  metadata: Record<string, unknown> | null;
  sendAt: number | null;
  validityPeriod: number | null;
  expiresAt: number | null;
  status: MessageStatus;
  errorCode: ErrorCode | null;
  errorMessage: string | null;
  carrier: string | null;
  carrierMessageId: string | null;
  attempts: number;
  createdAt: number;
  updatedAt: number;
  /** What went out after media fitting: the profile, and per part the original and the file sent. */
  mediaSent: Record<string, unknown> | null;
  /** Set when the message was sent from a rich template. */
  rich: RichRef | null;
  // The four SMS fields are optional only so that message literals written before them (tests,
  // other surfaces) still type-check; messageFromRow always sets them.
  /** What it goes out on (sms | mms), decided at accept and changed by a fallback; null on rows from before channels were stored. */
  channel?: Channel | null;
  /** What to do when MMS cannot reach the handset (src/messages/sms/sms-form.ts). */
  fallback?: SmsFallback;
  /** The SMS form's segments and encoding, null when it goes as MMS (or before they are known). */
  sms?: SmsForm | null;
  /** Set once a message with media fell back to SMS: its media page is /v/{token} (unguessable, ≥128 bits). */
  fallbackPageToken?: string | null;
  /** Why it went on another channel than it was accepted for (src/messages/send/fallback-sms.ts). */
  fallbackReason?: string | null;
  category: MessageCategory;
  /** The messaging service (sender pool, src/messaging-services) it was sent through; absent or null: none. */
  messagingServiceId?: string | null;
}

export type RichChannel = 'porm' | 'mms' | 'sms';

/** How a message refers to its template: it follows the latest revision unless pinned. */
export interface RichRef {
  templateId: string;
  /** The revision the sender pinned, or null to follow the template's latest revision. */
  pinnedRevision: number | null;
  data: Record<string, unknown>;
  /** Unguessable (≥128 bits), scoped to this message: the hosted page is /m/{pageToken}. */
  pageToken: string;
  channel: RichChannel;
}

export interface MessageEvent {
  seq: number;
  type: string;
  status: MessageStatus | null;
  at: number;
  data: Record<string, unknown> | null;
}

/** What a sender asks for, after validation and normalisation: the message's own fields. */
export type NewMessage = Pick<Message, 'to' | 'from' | 'body' | 'subject' | 'media' | 'statusCallback' | 'metadata' | 'sendAt' | 'validityPeriod' | 'category'> & {
  callbackDialect: CallbackDialect;
  fallback: SmsFallback;
  /** The channel asked for (auto: SMS for text when an SMS route exists, MMS for media). */
  requestedChannel: 'auto' | Channel;
  /** Sent through this messaging service; `from` is '' until its pool picks the sender (src/messaging-services). */
  messagingServiceId?: string | null;
};
