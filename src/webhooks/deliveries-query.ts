import { PormError } from '../errors.ts';
import type { Selectable } from 'kysely';
import type { Store } from '../store/store.ts';
import type { WebhookDeliveriesTable } from '../store/schema.ts';
import { decodeCursor, encodeCursor, type Page } from '../messages/query-service.ts';
import type { WebhookRenderer } from './render-delivery.ts';

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_excerpt: string | null;
}

export interface DeliveryResource {
  id: string;
  object: 'webhook_delivery';
  endpoint_id: string | null;
  message_id: string | null;
  url: string;
  event_type: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  payload: unknown;
  attempt_log: DeliveryAttempt[];
}

export interface DeliveryFilter {
  messageId?: string;
  endpointId?: string;
  status?: string;
}

/** The webhook delivery log, as the API shows it: every delivery with every attempt. */
export class WebhookDeliveries {
  constructor(private readonly store: Store, private readonly renderer: WebhookRenderer) {}

  async list(accountId: string, filter: DeliveryFilter, limit: number, cursor?: string): Promise<Page<DeliveryResource>> {
    let query = this.store.db.selectFrom('webhook_deliveries').selectAll().where('account_id', '=', accountId);
    if (filter.messageId) query = query.where('message_id', '=', filter.messageId);
    if (filter.endpointId) query = query.where('endpoint_id', '=', filter.endpointId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (cursor) query = query.where('id', '<', decodeCursor(cursor, 'whd'));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const data = await this.withAttempts(rows.slice(0, limit));
    return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  async get(accountId: string, id: string): Promise<DeliveryResource> {
    const row = await this.store.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw new PormError('PORM_WEBHOOK_DELIVERY_NOT_FOUND');
    return (await this.withAttempts([row]))[0]!;
  }

  private async withAttempts(rows: Array<Selectable<WebhookDeliveriesTable>>): Promise<DeliveryResource[]> {
    const attempts = rows.length === 0 ? [] : await this.store.db.selectFrom('webhook_attempts').selectAll()
      .where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('id').execute();
    // The body is rendered at delivery time; the log renders it the same way to show what was sent.
    const payloads = await Promise.all(rows.map(async (row) => {
      const rendered = await this.renderer.render(row);
      if (!rendered.ok) return null;
      try {
        return JSON.parse(rendered.body) as unknown;
      } catch {
        return rendered.body;
      }
    }));
    return rows.map((row, i) => ({
      id: row.id, object: 'webhook_delivery' as const, endpoint_id: row.endpoint_id, message_id: row.message_id, url: row.url,
      event_type: row.event_type, status: row.status, attempts: row.attempts,
      next_attempt_at: row.next_attempt_at === null ? null : new Date(row.next_attempt_at).toISOString(),
      created_at: new Date(row.created_at).toISOString(), updated_at: new Date(row.updated_at).toISOString(),
      payload: payloads[i],
      attempt_log: attempts.filter((a) => a.delivery_id === row.id).map((a) => ({
        attempt: a.attempt, at: new Date(a.at).toISOString(), duration_ms: a.duration_ms, status_code: a.status_code,
        error: a.error, response_excerpt: a.response_excerpt,
      })),
    }));
  }
}
