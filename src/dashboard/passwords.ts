import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PormError } from '../errors.ts';

// Dashboard passwords, hashed with scrypt: memory-hard (32 MiB a hash at these settings, so a
// stolen database is slow to attack on GPUs) and built into Node, so no native dependency.
// Stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later without locking anyone out.

const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: n, r, p, maxmem: 128 * n * r * 2 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export function checkPasswordStrength(password: string): void {
  const chars = [...password];
  if (chars.length < 12 || chars.length > 200 || new Set(chars).size < 2) throw new PormError('PORM_DASHBOARD_WEAK_PASSWORD', undefined, [{ field: '/password', code: 'PORM_DASHBOARD_WEAK_PASSWORD', message: 'at least 12 characters, not one repeated character' }]);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spent on an unknown e-mail too, so a sign-in takes as long whether the user exists or not. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;
