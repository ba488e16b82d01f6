import { createHmac, timingSafeEqual } from 'node:crypto';

// Media URLs that carriers and handsets fetch: /media/<sha256>-<expiry>-<signature>. The
// signature (HMAC-SHA256, 128 bits kept) binds the content hash to the expiry, so a URL can be
// neither guessed nor extended; the hash in it reveals nothing a fetch would not.

const TOKEN = /^([0-9a-f]{64})-([0-9a-z]{1,11})-([A-Za-z0-9_-]{22})$/;

function signature(sha256: string, expiresAt: number, key: Buffer): string {
  return createHmac('sha256', key).update(`${sha256}.${expiresAt}`).digest('base64url').slice(0, 22);
}

/** A token valid until `expiresAt` (unix seconds). */
export function signMediaToken(sha256: string, expiresAt: number, key: Buffer): string {
  return `${sha256}-${expiresAt.toString(36)}-${signature(sha256, expiresAt, key)}`;
}

export type TokenCheck = { ok: true; sha256: string; expiresAt: number } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyMediaToken(token: string, key: Buffer, nowSeconds: number): TokenCheck {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const sha256 = m[1]!;
  const expiresAt = Number.parseInt(m[2]!, 36);
  const given = Buffer.from(m[3]!);
  const expected = Buffer.from(signature(sha256, expiresAt, key));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  if (expiresAt < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, sha256, expiresAt };
}

/** Parses one `bytes=` range against a size; undefined when unsatisfiable or multi-range. */
export function parseRange(header: string, size: number): { start: number; end: number } | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return undefined;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || start >= size || end < start) return undefined;
  return { start, end };
}
