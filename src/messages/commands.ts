import type { MessageCategory, RichChannel } from './model.ts';

// What callers ask the message domain to do. The /v1 API, the CLI (and later the Twilio surface)
// each translate their own wire shape into these; field errors from domain code name command
// fields as JSON pointers over the command (`/sendAt`, `/media/0/url`), and each surface maps
// them to its own pointers.

/** An Idempotency-Key and the hash of the request it came with, computed by the surface that received it. */
export interface IdempotencyClaim {
  key: string;
  /** Equal requests hash equally; a different request under the same key is refused. */
  requestHash: string;
}

export interface SendCommand {
  accountId: string;
  to: string;
  from: string;
  body?: string;
  subject?: string;
  media?: Array<{ url?: string; id?: string }>;
  statusCallback?: string;
  /** ISO 8601 with a zone; checked by the domain (a time window the wire schema cannot express). */
  sendAt?: string;
  validityPeriod?: number;
  metadata?: Record<string, unknown>;
  /** Rich messages (src/rich/send): a saved template id or an inline document, with the recipient's data. */
  template?: string | Record<string, unknown>;
  templateRevision?: number;
  data?: Record<string, unknown>;
  channel?: 'auto' | RichChannel;
  idempotency?: IdempotencyClaim;
  /** Default transactional; marketing is held to consent, quiet hours and caps (src/compliance). */
  category?: MessageCategory;
}

export interface CancelCommand {
  accountId: string;
  messageId: string;
}
