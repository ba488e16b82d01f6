import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Standard Webhooks signing (https://www.standardwebhooks.com), symmetric "v1" scheme:
//   webhook-signature: v1,<base64 HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>">
// keyed with the base64-decoded part of a "whsec_<base64>" secret. Receivers can verify porm's
// webhooks with any Standard Webhooks library; tests cross-check against the reference one.

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** The spec's libraries default to five minutes either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface WebhookMessage {
  /** webhook-id: unique per message, the same across retries (receivers de-duplicate on it). */
  id: string;
  /** webhook-timestamp: unix seconds of this attempt. */
  timestamp: number;
  /** The exact body bytes sent, as a string. */
  body: string;
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export interface VerifyWebhookOptions {
  /** Largest allowed distance between `now` and webhook-timestamp, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** Current unix time in seconds. Default: the system clock. */
  now?: number;
}

export type WebhookVerifyFailure =
  | 'missing_headers'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'no_matching_signature';

export type WebhookVerifyResult =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: WebhookVerifyFailure };

/** The HMAC key of a secret. The prefix is optional on input, as in the reference libraries. */
function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  // Buffer.from(.., 'base64') silently skips junk; a mistyped secret must fail loudly instead.
  if (encoded === '' || !BASE64.test(encoded)) throw new RangeError('webhook secret must be whsec_<base64>');
  return Buffer.from(encoded, 'base64');
}

function signatureOf(id: string, timestamp: string, body: string, key: Buffer): string {
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
}

/** `v1,<base64>` for the webhook-signature header. */
export function signWebhook(msg: WebhookMessage, secret: string): string {
  if (!Number.isSafeInteger(msg.timestamp) || msg.timestamp < 0) {
    throw new RangeError('webhook timestamp must be whole unix seconds');
  }
  return `v1,${signatureOf(msg.id, String(msg.timestamp), msg.body, secretKey(secret))}`;
}

/** All three Standard Webhooks headers for one delivery attempt. */
export function webhookHeaders(msg: WebhookMessage, secret: string): WebhookHeaders {
  return {
    'webhook-id': msg.id,
    'webhook-timestamp': String(msg.timestamp),
    'webhook-signature': signWebhook(msg, secret),
  };
}

/** 32 random bytes (the spec asks for 24 to 64), as whsec_<base64>. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

function header(headers: Readonly<Record<string, string | readonly string[] | undefined>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    // Several webhook-signature lines are just more candidates; several ids or timestamps are not.
    if (value !== undefined && (value.length === 1 || name === 'webhook-signature')) return value.join(' ');
    return undefined;
  }
  return undefined;
}

/**
 * Checks a received webhook. Accepts any of the space-separated signatures (senders list several
 * while rotating secrets), ignores versions other than v1, compares in constant time, and refuses
 * timestamps outside the tolerance so a captured request cannot be replayed later.
 */
export function verifyWebhook(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  body: string,
  secret: string,
  options: VerifyWebhookOptions = {},
): WebhookVerifyResult {
  const key = secretKey(secret);
  const id = header(headers, 'webhook-id');
  const stamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (id === undefined || id === '' || stamp === undefined || signatures === undefined) {
    return { ok: false, reason: 'missing_headers' };
  }
  if (!/^[0-9]{1,15}$/.test(stamp)) return { ok: false, reason: 'invalid_timestamp' };
  const timestamp = Number(stamp);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (now - timestamp > tolerance) return { ok: false, reason: 'timestamp_too_old' };
  if (timestamp - now > tolerance) return { ok: false, reason: 'timestamp_too_new' };

  // Sign the header text as received: that is what the sender signed.
  const expected = Buffer.from(signatureOf(id, stamp, body, key));
  for (const candidate of signatures.split(' ')) {
    const comma = candidate.indexOf(',');
    if (comma === -1 || candidate.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(candidate.slice(comma + 1));
    // Lengths are public (a SHA-256 MAC is always 44 base64 chars); only equal lengths are compared.
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, id, timestamp };
  }
  return { ok: false, reason: 'no_matching_signature' };
}
