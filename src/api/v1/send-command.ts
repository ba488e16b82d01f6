import type { Static } from '@sinclair/typebox';
import { PormError } from '../../errors.ts';
import type { SendCommand } from '../../messages/commands.ts';
import type { SendMessageBody } from '../schemas/message-schemas.ts';
import { requestHash } from './request-hash.ts';

export type SendMessageRequest = Static<typeof SendMessageBody>;

/** The Idempotency-Key header: 1–255 visible ASCII characters. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] ?? '' : header;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) throw new PormError('PORM_INVALID_IDEMPOTENCY_KEY');
  return value;
}

/**
 * POST /v1/messages as a send command. The idempotency hash is of the /v1 body as received (key
 * order aside): it is this API's notion of "the same request", not the domain's.
 */
export function sendCommandOf(accountId: string, body: SendMessageRequest, idempotencyKey: string | undefined): SendCommand {
  return {
    accountId, to: body.to, from: body.from,
    ...(body.body !== undefined ? { body: body.body } : {}),
    ...(body.subject !== undefined ? { subject: body.subject } : {}),
    ...(body.media !== undefined ? { media: body.media } : {}),
    ...(body.status_callback !== undefined ? { statusCallback: body.status_callback } : {}),
    ...(body.send_at !== undefined ? { sendAt: body.send_at } : {}),
    ...(body.validity_period !== undefined ? { validityPeriod: body.validity_period } : {}),
    ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
    ...(body.template !== undefined ? { template: body.template } : {}),
    ...(body.template_revision !== undefined ? { templateRevision: body.template_revision } : {}),
    ...(body.data !== undefined ? { data: body.data } : {}),
    ...(body.channel !== undefined ? { channel: body.channel } : {}),
    ...(body.fallback !== undefined ? { fallback: body.fallback } : {}),
    ...(body.category !== undefined ? { category: body.category } : {}),
    ...(body.track_links !== undefined ? { trackLinks: body.track_links } : {}),
    ...(body.utm !== undefined ? { utm: body.utm } : {}),
    ...(idempotencyKey !== undefined ? { idempotency: { key: idempotencyKey, requestHash: requestHash(body) } } : {}),
  };
}
