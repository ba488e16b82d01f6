import type { ErrorCode } from '../errors.ts';
import type { MessageStatus } from './status.ts';

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
  category: MessageCategory;
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
export type NewMessage = Pick<Message, 'to' | 'from' | 'body' | 'subject' | 'media' | 'statusCallback' | 'metadata' | 'sendAt' | 'validityPeriod' | 'category'>;
