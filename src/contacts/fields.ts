import type { FieldError } from '../errors.ts';
import { canonicalZone } from '../compliance/time-zones/index.ts';
import type { AttributeValue, Attributes } from './model.ts';

// Validation of a contact's own fields, shared by the API, the CLI and the CSV importer (which
// reports the first problem of a row as its reason). Each check pushes field errors and returns
// the normalised value.

export const MAX_NAME = 200;
export const MAX_TAGS = 50;
export const MAX_TAG = 64;
export const MAX_ATTRIBUTES = 50;
export const MAX_ATTRIBUTE_TEXT = 1000;
export const MAX_ATTRIBUTES_BYTES = 8 * 1024;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N}_.:\- ]*$/u;
export const ATTRIBUTE_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
// BCP 47 as people use it: en, en-US, pt-BR, zh-Hant-TW.
const LOCALE = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/;

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

export function checkName(value: string | null, errors: FieldError[], field = '/name'): string | null {
  if (value === null) return null;
  const name = value.trim();
  if (name.length > MAX_NAME || !name.isWellFormed() || hasControl(name)) {
    errors.push({ field, code: 'PORM_INVALID_FIELD', message: `a name is at most ${MAX_NAME} characters of text without control characters` });
  }
  return name === '' ? null : name;
}

export function checkTimeZone(value: string | null, errors: FieldError[], field = '/time_zone'): string | null {
  if (value === null || value.trim() === '') return null;
  // Intl accepts "utc" or "est5edt" too; canonicalZone gives the tz database's own spelling. Offsets
  // like "+02:00" are refused: a zone, not an offset, knows summer time.
  const zone = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value.trim()) ? canonicalZone(value.trim()) : undefined;
  if (zone === undefined) errors.push({ field, code: 'PORM_INVALID_TIME_ZONE', message: `"${value.slice(0, 64)}" is not an IANA time zone (like America/New_York)` });
  return zone ?? null;
}

export function checkLocale(value: string | null, errors: FieldError[], field = '/locale'): string | null {
  if (value === null || value.trim() === '') return null;
  const locale = value.trim().replace(/_/g, '-');
  if (!LOCALE.test(locale)) {
    errors.push({ field, code: 'PORM_INVALID_FIELD', message: 'a locale is a BCP 47 tag such as en, en-US or pt-BR' });
    return null;
  }
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? locale;
  } catch {
    errors.push({ field, code: 'PORM_INVALID_FIELD', message: 'a locale is a BCP 47 tag such as en, en-US or pt-BR' });
    return null;
  }
}

/** Tags, trimmed, de-duplicated and sorted (so two writes of one set store the same JSON). */
export function checkTags(value: readonly string[], errors: FieldError[], field = '/tags'): string[] {
  const tags = new Set<string>();
  value.forEach((raw, i) => {
    const tag = raw.trim();
    if (tag === '') return;
    if (tag.length > MAX_TAG || !TAG.test(tag)) errors.push({ field: `${field}/${i}`, code: 'PORM_INVALID_FIELD', message: `a tag is 1 to ${MAX_TAG} letters, digits, spaces or _ . : - , starting with a letter or digit` });
    else tags.add(tag);
  });
  if (tags.size > MAX_TAGS) errors.push({ field, code: 'PORM_INVALID_FIELD', message: `at most ${MAX_TAGS} tags` });
  return [...tags].sort();
}

function isAttributeValue(v: unknown): v is AttributeValue {
  return v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= MAX_ATTRIBUTE_TEXT && v.isWellFormed());
}

/** A flat object of scalars, size-limited; `null` values are kept (a merge uses them to delete). */
export function checkAttributes(value: unknown, errors: FieldError[], field = '/attributes'): Attributes {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ field, code: 'PORM_INVALID_ATTRIBUTES', message: 'attributes are a JSON object' });
    return {};
  }
  const out: Attributes = {};
  const entries = Object.entries(value);
  if (entries.length > MAX_ATTRIBUTES) {
    errors.push({ field, code: 'PORM_INVALID_ATTRIBUTES', message: `at most ${MAX_ATTRIBUTES} attributes` });
    return {};
  }
  for (const [key, v] of entries) {
    if (!ATTRIBUTE_KEY.test(key)) errors.push({ field: `${field}/${key.slice(0, 64)}`, code: 'PORM_INVALID_ATTRIBUTES', message: 'an attribute name is letters, digits and _, starting with a letter or _, at most 64 characters' });
    else if (!isAttributeValue(v)) errors.push({ field: `${field}/${key}`, code: 'PORM_INVALID_ATTRIBUTES', message: `an attribute is a string (at most ${MAX_ATTRIBUTE_TEXT} characters), a finite number, a boolean or null` });
    else out[key] = v;
  }
  if (Buffer.byteLength(JSON.stringify(out)) > MAX_ATTRIBUTES_BYTES) errors.push({ field, code: 'PORM_INVALID_ATTRIBUTES', message: `attributes are at most ${MAX_ATTRIBUTES_BYTES} bytes of JSON` });
  return out;
}

/** `patch` over `current`: a null value removes the key. */
export function mergeAttributes(current: Attributes, patch: Attributes): Attributes {
  const removed = new Set(Object.entries(patch).filter(([, v]) => v === null).map(([k]) => k));
  return Object.fromEntries([...Object.entries(current), ...Object.entries(patch)].filter(([k]) => !removed.has(k)));
}
