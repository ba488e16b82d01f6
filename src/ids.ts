import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulidx';

// Resource ids are a type prefix plus a ULID: sortable by creation time, so cursor
// pagination can order by id alone, and unguessable enough (80 random bits) to be public.
const ulid = monotonicFactory();

export type IdPrefix = 'acct' | 'key' | 'msg' | 'med' | 'whe' | 'whd' | 'inb';

export function newId(prefix: IdPrefix, now = Date.now()): string {
  return `${prefix}_${ulid(now).toLowerCase()}`;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 text with rejection sampling, so every character is uniformly likely. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}
