import { signWebhook } from '../../signature.ts';
import type { SignInput } from '../dialect.ts';

/** Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature) for one attempt. */
export function signStandard(input: SignInput, secret: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': input.deliveryId,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': signWebhook({ id: input.deliveryId, timestamp: input.timestamp, body: input.body }, secret),
  };
}
