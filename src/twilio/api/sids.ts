import { createHash } from 'node:crypto';

// Message SIDs are porm message ids re-spelled: `msg_` + a ULID (128 bits, 26 Crockford base32
// characters) is exactly 32 hex digits, so SM/MM + hex maps both ways with no table and no
// lookup. MM marks a message with media, as Twilio's do; either prefix resolves. Media SIDs
// name the Nth media item of a message: a hash of (message id, position), resolved by
// recomputing it over the message's items (the path always names the message too).

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const MESSAGE_ID = /^msg_[0-7][0-9a-hjkmnp-tv-z]{25}$/;
const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;
export const MEDIA_SID = /^ME[0-9a-fA-F]{32}$/;

function ulidToHex(ulid: string): string {
  let value = 0n;
  for (const ch of ulid) value = (value << 5n) | BigInt(CROCKFORD.indexOf(ch));
  return value.toString(16).padStart(32, '0');
}

function hexToUlid(hex: string): string {
  let value = BigInt(`0x${hex}`);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** The SID of a porm message id (undefined for an id porm did not mint as msg_ + ULID). */
export function messageSidOf(messageId: string, hasMedia: boolean): string | undefined {
  if (!MESSAGE_ID.test(messageId)) return undefined;
  return `${hasMedia ? 'MM' : 'SM'}${ulidToHex(messageId.slice(4))}`;
}

/** The porm message id a SID names, or undefined when it is not an SM/MM SID. */
export function messageIdOf(sid: string): string | undefined {
  if (!MESSAGE_SID.test(sid)) return undefined;
  return `msg_${hexToUlid(sid.slice(2).toLowerCase())}`;
}

export function mediaSidOf(messageId: string, index: number): string {
  return `ME${createHash('sha256').update(`porm-media:${messageId}:${index}`).digest('hex').slice(0, 32)}`;
}
