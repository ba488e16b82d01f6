import { randomBytes } from 'node:crypto';

// A short link's token: 10 base62 characters (about 59 bits), as Twilio's link shortening uses.
// It is the only credential a click carries, so it is random, never derived from the message.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const TOKEN_LENGTH = 10;
export const TOKEN_PATTERN = /^[0-9A-Za-z]{10}$/;

export function newShortToken(): string {
  let out = '';
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
  while (out.length < TOKEN_LENGTH) {
    for (const byte of randomBytes(16)) {
      if (byte < 248 && out.length < TOKEN_LENGTH) out += ALPHABET[byte % 62];
    }
  }
  return out;
}
