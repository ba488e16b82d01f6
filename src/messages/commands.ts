import type { SmsFallback } from './sms/sms-form.ts';
import type { MessageCategory, RichChannel } from './model.ts';
import type { Utm } from '../links/utm.ts';

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

/** The webhook dialects a message's own status_callback can be delivered in (src/webhooks/dialects). */
export const CALLBACK_DIALECTS = ['standard', 'twilio'] as const;
export type CallbackDialect = (typeof CALLBACK_DIALECTS)[number];

export interface SendCommand {
  accountId: string;
  to: string;
  from: string;
  body?: string;
  subject?: string;
  media?: Array<{ url?: string; id?: string }>;
  statusCallback?: string;
  /** The dialect the status_callback is told in: /v1's Standard Webhooks (the default) or Twilio's signed form POST. */
  callbackDialect?: CallbackDialect;
  /** ISO 8601 with a zone; checked by the domain (a time window the wire schema cannot express). */
  sendAt?: string;
  validityPeriod?: number;
  metadata?: Record<string, unknown>;
  /** Rich messages (src/rich/send): a saved template id or an inline document, with the recipient's data. */
  template?: string | Record<string, unknown>;
  templateRevision?: number;
  data?: Record<string, unknown>;
  /** Without a template: auto | sms | mms, what the message goes out on; with one, the rich form. */
  channel?: 'auto' | RichChannel;
  /** When a message meant for MMS goes as SMS with a media link (src/messages/sms/sms-form.ts). */
  fallback?: SmsFallback;
  idempotency?: IdempotencyClaim;
  /** Default transactional; marketing is held to consent, quiet hours and caps (src/compliance). */
  category?: MessageCategory;
  /** Rewrite the body's links into this message's short links (src/links); `utm` tags their destinations. */
  trackLinks?: boolean;
  utm?: Utm;
  /**
   * A messaging service (sender pool, src/messaging-services) of the account, `mgs_…`: with `from`
   * '' its pool picks the sender; with a `from`, that number is used and the service's defaults apply.
   */
  messagingServiceId?: string;
}

export interface CancelCommand {
  accountId: string;
  messageId: string;
}
