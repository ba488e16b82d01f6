// Checks on rendered values that leave the server as links, phone numbers and instants. Data can
// put anything into a template string, so every rendered URL is parsed again here and only a
// canonical, allowed URL passes; anything else drops its unit (it never passes through).

export const WEB_SCHEMES: ReadonlySet<string> = new Set(['http', 'https']);

// Never allowed, even if configured as an "app scheme": each can run code or read local data.
const NEVER: ReadonlySet<string> = new Set(['javascript', 'vbscript', 'data', 'blob', 'file', 'filesystem']);

function parse(raw: string): URL | null {
  try {
    return new URL(raw.trim());
  } catch {
    return null;
  }
}

function schemeOf(url: URL): string {
  return url.protocol.slice(0, -1).toLowerCase();
}

/**
 * The URL as the WHATWG parser serialises it, or null. Returning `href` (not the input) means the
 * renderer and the phone get exactly what was checked: tabs and newlines inside the scheme
 * (`java\tscript:`) are removed by the parser before the scheme is compared, never after.
 */
export function normaliseUrl(raw: string, allowed: ReadonlySet<string>): string | null {
  const url = parse(raw);
  if (url === null) return null;
  const scheme = schemeOf(url);
  return allowed.has(scheme) && !NEVER.has(scheme) ? url.href : null;
}

/** Why normaliseUrl refused `raw`; names the scheme only, never echoes the data. */
export function urlRejection(raw: string, allowed: ReadonlySet<string>): string {
  const url = parse(raw);
  if (url === null) return raw.trim() === '' ? 'URL is empty' : 'not a valid absolute URL';
  const scheme = schemeOf(url);
  return allowed === WEB_SCHEMES ? `scheme "${scheme}" is not allowed here (http/https only)` : `scheme "${scheme}" is not allowed`;
}

/** Keeps a leading `+` and the digits; null with fewer than 3 or more than 20 digits. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/\D+/g, '');
  if (digits.length < 3 || digits.length > 20) return null;
  return raw.trimStart().startsWith('+') ? `+${digits}` : digits;
}

export function phoneRejection(raw: string): string {
  const n = raw.replace(/\D+/g, '').length;
  return n < 3 ? `a phone number needs at least 3 digits, got ${n}` : `a phone number has at most 20 digits, got ${n}`;
}

// ISO 8601 date or date-time; group 2 is the zone. Zoneless date-times are read as UTC, like the
// binding engine's `date` filter, where Date.parse alone would use the server's local zone.
const ISO = /^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?)\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** An instant as ISO 8601 UTC (toISOString), or null when the text is not a date. */
export function normaliseInstant(raw: string): string | null {
  const text = raw.trim();
  const m = ISO.exec(text);
  let ms: number;
  if (m) {
    const local = m[1]!.replace(' ', 'T').replace(',', '.');
    const zone = m[2] === undefined || m[2] === 'z' ? 'Z' : m[2].length === 3 ? `${m[2]}:00` : m[2].length === 5 ? `${m[2].slice(0, 3)}:${m[2].slice(3)}` : m[2];
    ms = Date.parse(local.length === 10 && zone === 'Z' ? local : `${local.length === 10 ? `${local}T00:00` : local}${zone}`);
  } else {
    ms = Date.parse(text);
  }
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
