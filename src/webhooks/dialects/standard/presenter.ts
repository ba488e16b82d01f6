import { presentMessage } from '../../../api/v1/presenters/message.ts';
import { presentInboundMessage } from '../../../api/v1/presenters/inbound-message.ts';
import { presentRichEventWebhookData } from '../../../api/v1/presenters/rich-event.ts';
import type { OutboxEvent } from '../../outbox-event.ts';
import { presentLinkClick } from '../../../api/v1/presenters/link-click.ts';
import type { LoadedSubject, RenderContext } from '../dialect.ts';

/**
 * The /v1 webhook body (docs/webhooks.md): `{type, timestamp, data}` where data is the /v1 JSON of
 * the subject (the message resource without `events`, the inbound message, the rich event).
 */
export function renderStandardBody(event: OutboxEvent, subject: LoadedSubject, context: RenderContext): string {
  const data = subject.kind === 'message' ? presentMessage(subject.message, context)
    : subject.kind === 'inbound_message' ? presentInboundMessage(subject.inbound)
      : subject.kind === 'link_click' ? presentLinkClick(subject.click)
        : presentRichEventWebhookData(subject.event);
  return JSON.stringify({ type: event.type, timestamp: new Date(event.at).toISOString(), data });
}
