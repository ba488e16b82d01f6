import type { WebhookDelivery } from '../../../webhooks/deliveries-query.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The body as sent: JSON bodies as JSON (Standard Webhooks), any other dialect's body as its text. */
function payloadOf(body: string | null): unknown {
  if (body === null) return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** The /v1 JSON of one entry of the webhook delivery log. */
export function presentWebhookDelivery(d: WebhookDelivery) {
  return {
    id: d.id, object: 'webhook_delivery' as const, endpoint_id: d.endpointId, message_id: d.messageId, url: d.url, event_type: d.eventType,
    status: d.status, attempts: d.attempts, next_attempt_at: d.nextAttemptAt === null ? null : iso(d.nextAttemptAt),
    created_at: iso(d.createdAt), updated_at: iso(d.updatedAt), payload: payloadOf(d.body),
    attempt_log: d.attemptLog.map((a) => ({
      attempt: a.attempt, at: iso(a.at), duration_ms: a.durationMs, status_code: a.statusCode, error: a.error, response_excerpt: a.responseExcerpt,
    })),
  };
}
