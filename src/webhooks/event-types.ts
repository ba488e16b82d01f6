import { MESSAGE_STATUSES } from '../messages/status.ts';

/** Every webhook event type: one per message status (`message.<status>`), and inbound messages. */
export const WEBHOOK_EVENT_TYPES = [...MESSAGE_STATUSES.map((s) => `message.${s}` as const), 'inbound.received' as const];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** An endpoint subscribed to '*' receives every event type. */
export function subscribes(events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type);
}
