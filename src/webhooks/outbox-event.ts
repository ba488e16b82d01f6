import type { Message } from '../messages/model.ts';

// What a webhook delivery row stores instead of a rendered body: the event and what it is about.
// Each dialect renders and signs it when the delivery is attempted (src/webhooks/dialects).

export type WebhookSubjectKind = 'message' | 'inbound_message' | 'rich_event' | 'link_click';

export interface WebhookSubject {
  kind: WebhookSubjectKind;
  id: string;
}

/**
 * A message's fields that change over its life, as they were right after the event. Everything
 * else about a message never changes once stored, so the message row plus this state is the
 * message as it was at the event: every retry renders the same bytes.
 */
export type MessageState = Pick<Message, 'status' | 'errorCode' | 'errorMessage' | 'carrier' | 'carrierMessageId' | 'attempts' | 'updatedAt' | 'mediaSent'
  | 'channel' | 'sms' | 'fallbackPageToken' | 'fallbackReason'>;

export interface OutboxEvent {
  type: string;
  /** When it happened (the webhook's `timestamp`), not when a delivery is attempted. */
  at: number;
  subject: WebhookSubject;
  /** Message events: the event's sequence number on the message's timeline, and the state after it. */
  seq?: number;
  state?: MessageState;
}

export function messageStateOf(message: Message): MessageState {
  return {
    status: message.status, errorCode: message.errorCode, errorMessage: message.errorMessage, carrier: message.carrier,
    carrierMessageId: message.carrierMessageId, attempts: message.attempts, updatedAt: message.updatedAt, mediaSent: message.mediaSent,
    // A fallback changes these over the message's life; states stored before they existed leave them to the row.
    ...(message.channel !== undefined ? { channel: message.channel } : {}), ...(message.sms !== undefined ? { sms: message.sms } : {}),
    ...(message.fallbackPageToken !== undefined ? { fallbackPageToken: message.fallbackPageToken } : {}),
    ...(message.fallbackReason !== undefined ? { fallbackReason: message.fallbackReason } : {}),
  };
}

/** What event_json holds: the event without its type and subject, which have their own columns. */
export function storedEvent(event: OutboxEvent): string {
  return JSON.stringify({ at: event.at, ...(event.seq !== undefined ? { seq: event.seq } : {}), ...(event.state ? { state: event.state } : {}) });
}

export function eventFromStored(type: string, subject: WebhookSubject, json: string): OutboxEvent {
  const stored = JSON.parse(json) as Omit<OutboxEvent, 'type' | 'subject'>;
  return { type, subject, ...stored };
}
