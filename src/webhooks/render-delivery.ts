import type { Store } from '../store/store.ts';
import type { PublicBaseUrl } from '../rich/page-url.ts';
import { messageFromRow } from '../messages/rows.ts';
import { inboundFromRow } from '../inbound/model.ts';
import { richEventFromRow } from '../rich/analytics/rich-event.ts';
import { eventFromStored, type OutboxEvent, type WebhookSubjectKind } from './outbox-event.ts';
import type { LoadedSubject, WebhookDialect } from './dialects/dialect.ts';
import { STANDARD_DIALECT, webhookDialect } from './dialects/registry.ts';

/** The columns of a delivery row that say what to send. */
export interface DeliveryContent {
  id: string;
  dialect: string;
  event_type: string;
  payload_json: string | null;
  subject_kind: string | null;
  subject_id: string | null;
  event_json: string | null;
}

export type RenderedDelivery =
  | { ok: true; dialect: WebhookDialect; body: string }
  /** Nothing can be sent (the subject is gone, the dialect unknown): the delivery is closed with `why`. */
  | { ok: false; why: string };

/**
 * Renders a delivery when it is attempted (and when the log shows it): loads the event's subject
 * and hands both to the row's dialect. Rows queued before rendering moved here carry their body.
 */
export class WebhookRenderer {
  constructor(private readonly store: Store, private readonly baseUrl: PublicBaseUrl) {}

  async render(row: DeliveryContent): Promise<RenderedDelivery> {
    const dialect = webhookDialect(row.dialect);
    if (!dialect) return { ok: false, why: `unknown webhook dialect "${row.dialect}"` };
    if (row.event_json === null || row.subject_kind === null || row.subject_id === null) {
      if (row.payload_json === null) return { ok: false, why: 'the delivery has no event' };
      return { ok: true, dialect: webhookDialect(STANDARD_DIALECT)!, body: row.payload_json };
    }
    const event = eventFromStored(row.event_type, { kind: row.subject_kind as WebhookSubjectKind, id: row.subject_id }, row.event_json);
    const subject = await this.load(event);
    if (!subject) return { ok: false, why: `${event.subject.kind} ${event.subject.id} no longer exists` };
    return { ok: true, dialect, body: dialect.render(event, subject, { baseUrl: this.baseUrl() }) };
  }

  private async load(event: OutboxEvent): Promise<LoadedSubject | undefined> {
    const { kind, id } = event.subject;
    switch (kind) {
      case 'message': {
        const row = await this.store.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
        // The message row plus its state right after the event: the message as it was then.
        return row ? { kind, message: { ...messageFromRow(row), ...event.state } } : undefined;
      }
      case 'inbound_message': {
        const row = await this.store.db.selectFrom('inbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? { kind, inbound: inboundFromRow(row) } : undefined;
      }
      case 'rich_event': {
        const row = await this.store.db.selectFrom('rich_events as r').innerJoin('messages as m', 'm.id', 'r.message_id')
          .select(['r.id', 'r.kind', 'r.message_id', 'r.template_id', 'r.revision', 'r.action_id', 'r.ok', 'r.duration_ms', 'r.data_json', 'r.at', 'm.to_number'])
          .where('r.id', '=', id).executeTakeFirst();
        return row ? { kind, event: richEventFromRow(row, row.to_number) } : undefined;
      }
      default:
        return undefined;
    }
  }
}
