// ISO 8601 dates as templates produce them, read strictly by hand: Date.parse reads a time
// without an offset in the server's zone, which would make the output depend on where porm runs.

/** A calendar day, a wall-clock time without zone ("floating"), or an instant with its original offset. */
export type IsoMoment =
  | { readonly kind: 'date'; readonly ms: number }
  | { readonly kind: 'floating'; readonly ms: number }
  | { readonly kind: 'instant'; readonly ms: number; readonly offsetMinutes: number };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** For 'date' and 'floating', `ms` holds the wall-clock fields as if they were UTC. */
export function parseIsoMoment(text: string): IsoMoment | null {
  const m = ISO.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Math.min(Number(s ?? 0), 59)] as const;
  const ms = Date.UTC(...fields);
  const back = new Date(ms);
  // Date.UTC rolls 31 February over to March; a real date reads back the same fields.
  if (back.getUTCFullYear() !== fields[0] || back.getUTCMonth() !== fields[1] || back.getUTCDate() !== fields[2]) return null;
  if (fields[3] > 23 || fields[4] > 59) return null;
  if (h === undefined) return { kind: 'date', ms };
  if (zone === undefined) return { kind: 'floating', ms };
  const offsetMinutes = zone === 'Z' || zone === 'z' ? 0 : offsetOf(zone);
  if (Math.abs(offsetMinutes) >= 24 * 60) return null;
  return { kind: 'instant', ms: ms - offsetMinutes * 60_000, offsetMinutes };
}

function offsetOf(zone: string): number {
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}

function formatter(locale: string | null, withTime: boolean): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(locale ?? 'en', options);
  } catch {
    // A malformed locale tag from template data must not break the fallback.
    return new Intl.DateTimeFormat('en', options);
  }
}

function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A fixed date for text that cannot tick (MMS, SMS): shown in the offset the author wrote, with
 * that offset named, because the recipient's own zone is unknown at send time. Unreadable input
 * is shown as written rather than dropped.
 */
export function formatMoment(text: string, locale: string | null): string {
  const m = parseIsoMoment(text);
  if (m === null) return text.trim();
  if (m.kind === 'date') return formatter(locale, false).format(m.ms);
  if (m.kind === 'floating') return formatter(locale, true).format(m.ms);
  return `${formatter(locale, true).format(m.ms + m.offsetMinutes * 60_000)} ${offsetLabel(m.offsetMinutes)}`;
}
