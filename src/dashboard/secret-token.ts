import { createHash, randomBytes } from 'node:crypto';

// Session ids and one-time links: 32 random bytes shown once; only their SHA-256 is stored, so
// a read of the database gives no one a way in.

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
