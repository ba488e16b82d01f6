import { MESSAGE_STATUSES } from '../messages/status.ts';

/** What recipients do with a rich message's hosted page (src/rich/page). */
export const RICH_EVENT_TYPES = ['rich.opened', 'rich.rendered', 'rich.clicked', 'rich.form_submitted', 'rich.postback', 'rich.quick_reply'] as const;

/** What compliance did to a message (src/compliance), and consent changes from a handset's keywords. */
export const COMPLIANCE_EVENT_TYPES = ['compliance.blocked', 'compliance.held', 'consent.opted_out', 'consent.opted_in'] as const;

/** A person tapped a tracked short link (src/links); link previews and scanners are not told. */
export const LINK_EVENT_TYPES = ['link.clicked'] as const;

/** Every webhook event type: one per message status (`message.<status>`), inbound messages and rich-message events. */
export const WEBHOOK_EVENT_TYPES = [...MESSAGE_STATUSES.map((s) => `message.${s}` as const), 'inbound.received' as const, ...RICH_EVENT_TYPES, ...COMPLIANCE_EVENT_TYPES, ...LINK_EVENT_TYPES];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** An endpoint subscribed to '*' receives every event type. */
export function subscribes(events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type);
}
