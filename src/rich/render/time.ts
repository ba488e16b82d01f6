// Countdown arithmetic. Only strict ISO 8601 is accepted: Date.parse guesses at other formats
// differently per engine, and the same message must render the same on the server and the phone.
// A date-time without an offset is read as UTC, never as the local time of whoever renders it.

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Epoch ms of an ISO 8601 date or instant, or null. */
export function parseInstant(iso: string): number | null {
  if (iso.length > 40) return null;
  const m = ISO.exec(iso.trim());
  if (m === null) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const ms = Number((frac + '00').slice(0, 3));
  const month = Number(mo) - 1;
  if (month > 11 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), ms);
  if (date.getUTCDate() !== Number(d)) return null; // 2026-02-30
  let t = date.getTime();
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) return null;
    t -= sign * (oh * 60 + om) * 60_000;
  }
  return Number.isFinite(t) ? t : null;
}

/** Time left until `toIso` as "2 d 4 h", "3 h 5 min", "4 min"; null when passed or unreadable. Minutes round up. */
export function formatRemaining(toIso: string, now: number): string | null {
  const to = parseInstant(toIso);
  if (to === null || !Number.isFinite(now) || to <= now) return null;
  const minutes = Math.ceil((to - now) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}
