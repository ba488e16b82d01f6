import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { PormError } from '../errors.ts';
import { fastE164 } from '../phone/e164.ts';
import { Lru } from '../phone/lru.ts';

// Contact numbers as people write them ("(415) 555-0100", "+44 20 7946 0018", "00 49 …") become
// E.164, read as numbers of a default country when they have no +.

export const DEFAULT_COUNTRY = 'US';

/** The default country, checked: an ISO 3166-1 alpha-2 code libphonenumber has metadata for. */
export function countryOf(value: string | undefined, field = '/default_country'): CountryCode {
  const code = (value ?? DEFAULT_COUNTRY).toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || !isSupportedCountry(code)) {
    const message = `"${String(value).slice(0, 10)}" is not a country code libphonenumber knows (US, GB, DE, …)`;
    throw new PormError('PORM_INVALID_COUNTRY', message, [{ field, code: 'PORM_INVALID_COUNTRY', message }]);
  }
  return code;
}

// Numbers as written ("(415) 555-0100") go through libphonenumber itself, ~20–50 µs each; a file
// or a list often repeats them (the same people in several files, re-imports with on_duplicate
// update), so answers are remembered per (text, country), bounded.
const written = new Lru<string, string | null>(20_000);

/** E.164 for a valid number, or undefined. Cheap on the import path: no exceptions, no allocation beyond the parse. */
export function normalizeContactPhone(value: string, country: CountryCode): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 40) return undefined;
  // "00" is the international prefix in most of the world; libphonenumber reads it only for some countries.
  const text = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  // Already "+digits": libphonenumber's answer without the library (e164.ts; a "+" number ignores the country).
  const fast = fastE164(text);
  if (fast !== undefined) return fast ?? undefined;
  const key = `${country}|${text}`;
  let answer = written.get(key);
  if (answer === undefined) {
    const parsed = parsePhoneNumberFromString(text, country);
    answer = parsed?.isValid() ? parsed.number : null;
    written.set(key, answer);
  }
  return answer ?? undefined;
}

/** Like normalizeContactPhone, with the field error an API request gets. */
export function requirePhone(value: string, country: CountryCode, field = '/phone'): string {
  const phone = normalizeContactPhone(value, country);
  if (phone === undefined) {
    const message = `"${value.slice(0, 40)}" is not a valid phone number (E.164 like +14155550100, or a national number of ${country})`;
    throw new PormError('PORM_INVALID_PHONE_NUMBER', message, [{ field, code: 'PORM_INVALID_PHONE_NUMBER', message }]);
  }
  return phone;
}
