import { randomBytes, randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulidx';

// Resource ids are a type prefix plus a ULID: sortable by creation time, so cursor
// pagination can order by id alone, and unguessable enough (80 random bits) to be public.
// Cryptographic randomness drawn in blocks: one system call per 1024 ids' worth instead of one
// per id (ids are made on every accepted message and every webhook delivery).
const pool = new Uint32Array(1024);
let poolAt = pool.length;
function secureRandom(): number {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  return pool[poolAt++]! / 0x1_0000_0000;
}

const ulid = monotonicFactory(secureRandom);

export type IdPrefix = 'acct' | 'key' | 'msg' | 'med' | 'whe' | 'whd' | 'inb' | 'tpl' | 'evt' | 'fsb' | 'num' | 'prg' | 'cev' | 'clk' | 'cnv' | 'usr' | 'con' | 'lst' | 'imp' | 'seg' | 'cmp';

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

/**
 * A messaging service id (`mgs_` + ULID; src/messaging-services). Its own function rather than a
 * member of IdPrefix, so that parallel additions to that union do not collide.
 */
export function newMessagingServiceId(now = Date.now()): string {
  return `mgs_${ulid(now).toLowerCase()}`;
}
