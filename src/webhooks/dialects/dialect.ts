import type { Message } from '../../messages/model.ts';
import type { InboundMessage } from '../../inbound/model.ts';
import type { RichEvent } from '../../rich/analytics/rich-event.ts';
import type { OutboxEvent } from '../outbox-event.ts';
import type { LinkClick } from '../../links/link-queries.ts';

// A webhook dialect: how one API surface tells a receiver about an event (its body and its
// signature). /v1 speaks Standard Webhooks; the Twilio surface will add its own folder next to
// standard/ and one line in registry.ts.

/** The subject of an event, loaded when the delivery is attempted. */
export type LoadedSubject =
  | { kind: 'message'; message: Message }
  | { kind: 'inbound_message'; inbound: InboundMessage }
  | { kind: 'rich_event'; event: RichEvent }
  | { kind: 'link_click'; click: LinkClick & { target: string; original: string } };

export interface RenderContext {
  /** The server's public base URL, for links inside the body (a rich message's page_url). */
  baseUrl: string;
  /** The account's Twilio AccountSid, loaded for dialects with `credentials: 'twilio'`. */
  accountSid?: string;
  /** Inbound subjects: a fetchable URL per media item, in order (signed, expiring a week after receipt); null for an item whose row is gone. */
  mediaUrls?: ReadonlyArray<string | null>;
  /** Inbound subjects, Twilio dialect: the MG… SID of the messaging service the receiving number is in. */
  messagingServiceSid?: string;
}

export interface SignInput {
  /** The delivery id: the same on every attempt, so receivers can drop repeats. */
  deliveryId: string;
  url: string;
  body: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
}

export interface WebhookDialect {
  readonly name: string;
  /** The body for one event. Pure and deterministic, so every retry sends the same bytes. */
  render(event: OutboxEvent, subject: LoadedSubject, context: RenderContext): string;
  /** The headers of one attempt (content type and signature) over exactly `body`. */
  sign(input: SignInput, secret: string): Record<string, string>;
  /**
   * 'twilio': signed with the account's Twilio auth token instead of the webhook secret, and the
   * body names the account's AccountSid (src/twilio/credentials). Absent: the webhook secret.
   */
  readonly credentials?: 'twilio';
  /** Whether a message's own callback is told of this event at all (Twilio: not of the initial status). Absent: every event. */
  announces?(event: OutboxEvent): boolean;
}
