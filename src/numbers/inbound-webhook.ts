import { PormError } from '../errors.ts';
import { isHttpUrl } from '../messages/validate.ts';
import { literalPrivateTarget } from '../net/index.ts';
import type { NumbersTable } from '../store/schema.ts';

/**
 * Where MOs to a number are posted, Twilio-style (a number's "A message comes in" URL): the
 * form Twilio sends, signed with the account's auth token, and the TwiML answer is sent as
 * replies from the number (src/twilio/inbound). /v1 webhook endpoints are unaffected.
 */
export interface InboundWebhook {
  url: string;
  method: 'POST' | 'GET';
  dialect: 'twilio';
}

export interface InboundWebhookInput {
  url: string;
  method?: 'POST' | 'GET';
  dialect?: 'twilio';
}

type Columns = Pick<NumbersTable, 'inbound_webhook_url' | 'inbound_webhook_method' | 'inbound_webhook_dialect'>;

export function inboundWebhookOf(row: Columns): InboundWebhook | null {
  if (row.inbound_webhook_url === null) return null;
  return { url: row.inbound_webhook_url, method: row.inbound_webhook_method === 'GET' ? 'GET' : 'POST', dialect: 'twilio' };
}

/** The columns for a webhook given in a request (null removes it), checked as /v1 webhook endpoints are. */
export function inboundWebhookColumns(input: InboundWebhookInput | null, allowPrivateNetworks: boolean): Columns {
  if (input === null) return { inbound_webhook_url: null, inbound_webhook_method: null, inbound_webhook_dialect: null };
  const field = '/inbound_webhook/url';
  if (!isHttpUrl(input.url)) throw new PormError('PORM_INVALID_URL', 'inbound_webhook.url must be an absolute http(s) URL without credentials', [{ field, code: 'PORM_INVALID_URL', message: 'must be an absolute http(s) URL' }]);
  // Deliveries there would be refused every time: refused now, where the client sees why.
  const privateTarget = allowPrivateNetworks ? undefined : literalPrivateTarget(input.url);
  if (privateTarget !== undefined) {
    const message = `${privateTarget}; porm delivers webhooks to public addresses only, unless the server sets webhooks.allowPrivateNetworks (PORM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true)`;
    throw new PormError('PORM_URL_BLOCKED', message, [{ field, code: 'PORM_URL_BLOCKED', message }]);
  }
  return { inbound_webhook_url: input.url, inbound_webhook_method: input.method ?? 'POST', inbound_webhook_dialect: input.dialect ?? 'twilio' };
}
