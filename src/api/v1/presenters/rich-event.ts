import type { RichEvent } from '../../../rich/analytics/rich-event.ts';

/** The /v1 JSON of a rich event in a `rich.*` webhook (docs/rich-messages.md#events-and-analytics). */
export function presentRichEventWebhookData(e: RichEvent) {
  return {
    id: e.id, object: 'rich_event' as const, kind: e.kind, message_id: e.messageId, to: e.to, template_id: e.templateId, revision: e.revision,
    action_id: e.actionId, ok: e.ok, duration_ms: e.durationMs, data: e.data, at: new Date(e.at).toISOString(),
  };
}
