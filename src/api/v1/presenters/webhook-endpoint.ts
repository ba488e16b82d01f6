import type { WebhookEndpoint } from '../../../webhooks/endpoints-service.ts';

/** The /v1 JSON of a webhook endpoint; its secret is shown so receivers can verify signatures. */
export function presentWebhookEndpoint(e: WebhookEndpoint) {
  return {
    id: e.id, object: 'webhook_endpoint' as const, url: e.url, events: e.events, description: e.description, enabled: e.enabled, secret: e.secret,
    created_at: new Date(e.createdAt).toISOString(),
  };
}
