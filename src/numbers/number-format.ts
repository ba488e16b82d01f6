import type { ErrorCode } from '../errors.ts';

// The three kinds of sender a number can be, normalised to one canonical text each so that
// ownership is checked by plain equality (the unique constraint and every lookup use it).

export type NumberKind = 'e164' | 'short_code' | 'alphanumeric';

export type ParsedNumber =
  | { ok: true; number: string; kind: NumberKind }
  | { ok: false; code: ErrorCode; message: string };

const E164 = /^\+[1-9][0-9]{7,14}$/;
const SHORT_CODE = /^[0-9]{3,8}$/;
const ALPHANUMERIC = /^[A-Za-z0-9 ]{1,11}$/;
/** Separators people write inside phone numbers; dropped before an E.164 number is checked. */
const PHONE_SEPARATORS = /[\s().-]/g;
const MAX_INPUT = 64;

/**
 * E.164 (`+` and 8–15 digits, separators such as spaces, dots, dashes and brackets dropped),
 * short codes (3–8 digits) and alphanumeric sender ids (1–11 letters, digits and single spaces,
 * at least one letter; case kept, as handsets show it).
 */
export function parseSenderNumber(raw: string): ParsedNumber {
  const text = raw.trim();
  if (text.length === 0 || raw.length > MAX_INPUT) return invalid('a number is 1 to 64 characters');
  if (text.startsWith('+')) {
    const compact = text.replace(PHONE_SEPARATORS, '');
    if (E164.test(compact)) return { ok: true, number: compact, kind: 'e164' };
    return invalid('an E.164 number is + and 8 to 15 digits, not starting with 0 (for example +14155550100)');
  }
  if (SHORT_CODE.test(text)) return { ok: true, number: text, kind: 'short_code' };
  const spaced = text.replace(/ {2,}/g, ' ');
  if (ALPHANUMERIC.test(spaced) && /[A-Za-z]/.test(spaced)) return { ok: true, number: spaced, kind: 'alphanumeric' };
  if (/^[0-9\s().-]+$/.test(text)) return invalid('a long number needs its country code: write it in E.164 (+ and 8 to 15 digits); short codes are 3 to 8 digits');
  return invalid('an alphanumeric sender id is 1 to 11 letters, digits or spaces with at least one letter');
}

function invalid(message: string): ParsedNumber {
  return { ok: false, code: 'PORM_INVALID_NUMBER', message };
}

/** The canonical form of a number an MO or a send names, or null when it is none of the three kinds. */
export function canonicalNumber(raw: string): string | null {
  const parsed = parseSenderNumber(raw);
  return parsed.ok ? parsed.number : null;
}
