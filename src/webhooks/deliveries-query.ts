import { PormError } from '../errors.ts';
import type { Selectable } from 'kysely';
import type { Store } from '../store/store.ts';
import type { WebhookDeliveriesTable } from '../store/schema.ts';
import { decodeCursor, encodeCursor, type Page } from '../messages/query-service.ts';
import type { WebhookRenderer } from './render-delivery.ts';

export interface DeliveryAttempt {
  attempt: number;
  at: number;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
}

/** One delivery of one event to one target, with every attempt made. */
export interface WebhookDelivery {
  id: string;
  endpointId: string | null;
  messageId: string | null;
  url: string;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** The body its dialect renders (what was, or will be, sent); null when nothing can be rendered. */
  body: string | null;
  attemptLog: DeliveryAttempt[];
}

export interface DeliveryFilter {
  messageId?: string;
  endpointId?: string;
  status?: string;
}

/** The webhook delivery log: every delivery with every attempt. */
export class WebhookDeliveries {
  constructor(private readonly store: Store, private readonly renderer: WebhookRenderer) {}

  async list(accountId: string, filter: DeliveryFilter, limit: number, cursor?: string): Promise<Page<WebhookDelivery>> {
    let query = this.store.db.selectFrom('webhook_deliveries').selectAll().where('account_id', '=', accountId);
    if (filter.messageId) query = query.where('message_id', '=', filter.messageId);
    if (filter.endpointId) query = query.where('endpoint_id', '=', filter.endpointId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (cursor) query = query.where('id', '<', decodeCursor(cursor, 'whd'));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const data = await this.withAttempts(rows.slice(0, limit));
    return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  async get(accountId: string, id: string): Promise<WebhookDelivery> {
    const row = await this.store.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw new PormError('PORM_WEBHOOK_DELIVERY_NOT_FOUND');
    return (await this.withAttempts([row]))[0]!;
  }

  private async withAttempts(rows: Array<Selectable<WebhookDeliveriesTable>>): Promise<WebhookDelivery[]> {
    const attempts = rows.length === 0 ? [] : await this.store.db.selectFrom('webhook_attempts').selectAll()
      .where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('id').execute();
    // Bodies are rendered at delivery time; the log renders them the same way to show what was sent.
    const bodies = await Promise.all(rows.map(async (row) => {
      const rendered = await this.renderer.render(row);
      return rendered.ok ? rendered.body : null;
    }));
    return rows.map((row, i) => ({
      id: row.id, endpointId: row.endpoint_id, messageId: row.message_id, url: row.url, eventType: row.event_type, status: row.status,
      attempts: row.attempts, nextAttemptAt: row.next_attempt_at, createdAt: row.created_at, updatedAt: row.updated_at, body: bodies[i] ?? null,
      attemptLog: attempts.filter((a) => a.delivery_id === row.id).map((a) => ({
        attempt: a.attempt, at: a.at, durationMs: a.duration_ms, statusCode: a.status_code, error: a.error, responseExcerpt: a.response_excerpt,
      })),
    }));
  }
}
