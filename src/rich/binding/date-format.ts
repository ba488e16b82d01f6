import { isNil, looseNumber, toPrimitive, toValue } from './values.ts';

// The `date` filter: a fixed-English, UTC-by-default subset of strftime. Locale-dependent codes
// (%c %x %X) and %Z are left out on purpose so output never depends on the server's locale or zone.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Wall-clock fields of an instant shown at a fixed offset (minutes east of UTC). */
interface Shown {
  readonly wall: Date; // read with getUTC* only
  readonly epochMs: number;
  readonly offsetMinutes: number;
}

const PAD_WIDTH: Readonly<Record<string, number>> = { C: 2, d: 2, e: 2, H: 2, I: 2, j: 3, k: 2, l: 2, L: 3, m: 2, M: 2, S: 2, U: 2, W: 2, y: 2, Y: 4 };
const PAD_SPACE = new Set('aAbBceklpP');

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

function weekOfYear(d: Date, startDay: number): number {
  const daysSinceStart = (d.getUTCDay() - startDay + 7) % 7;
  return Math.floor((dayOfYear(d) - 1 - daysSinceStart + 7) / 7);
}

function ordinal(day: number): string {
  if (day === 11 || day === 12 || day === 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

function zone(offsetMinutes: number, colon: boolean): string {
  const abs = Math.abs(offsetMinutes);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${colon ? ':' : ''}${String(abs % 60).padStart(2, '0')}`;
}

const CODES: Readonly<Record<string, (s: Shown, colon: boolean) => string | number>> = {
  a: (s) => DAYS[s.wall.getUTCDay()]!.slice(0, 3),
  A: (s) => DAYS[s.wall.getUTCDay()]!,
  b: (s) => MONTHS[s.wall.getUTCMonth()]!.slice(0, 3),
  h: (s) => MONTHS[s.wall.getUTCMonth()]!.slice(0, 3),
  B: (s) => MONTHS[s.wall.getUTCMonth()]!,
  C: (s) => Math.floor(s.wall.getUTCFullYear() / 100),
  d: (s) => s.wall.getUTCDate(),
  e: (s) => s.wall.getUTCDate(),
  H: (s) => s.wall.getUTCHours(),
  I: (s) => s.wall.getUTCHours() % 12 || 12,
  j: (s) => dayOfYear(s.wall),
  k: (s) => s.wall.getUTCHours(),
  l: (s) => s.wall.getUTCHours() % 12 || 12,
  L: (s) => s.wall.getUTCMilliseconds(),
  m: (s) => s.wall.getUTCMonth() + 1,
  M: (s) => s.wall.getUTCMinutes(),
  p: (s) => (s.wall.getUTCHours() < 12 ? 'AM' : 'PM'),
  P: (s) => (s.wall.getUTCHours() < 12 ? 'am' : 'pm'),
  q: (s) => ordinal(s.wall.getUTCDate()),
  s: (s) => Math.floor(s.epochMs / 1000),
  S: (s) => s.wall.getUTCSeconds(),
  u: (s) => s.wall.getUTCDay() || 7,
  U: (s) => weekOfYear(s.wall, 0),
  w: (s) => s.wall.getUTCDay(),
  W: (s) => weekOfYear(s.wall, 1),
  y: (s) => ((s.wall.getUTCFullYear() % 100) + 100) % 100,
  Y: (s) => s.wall.getUTCFullYear(),
  z: (s, colon) => zone(s.offsetMinutes, colon),
  t: () => '\t',
  n: () => '\n',
  '%': () => '%',
};

const FORMAT = /%([-_0^#:]+)?(\d+)?([EO])?(.)/g;

/** strftime over the supported codes; unknown codes stay as written. Flags: - _ 0 ^ # : and a width. */
export function strftime(shown: Shown, format: string): string {
  return format.replace(FORMAT, (input, flagStr: string | undefined, width: string | undefined, _mod: string | undefined, code: string) => {
    const convert = CODES[code];
    if (!convert) return input;
    const flags = new Set(flagStr ?? '');
    let out = String(convert(shown, flags.has(':')));
    let padChar = PAD_SPACE.has(code) ? ' ' : '0';
    let padWidth = Number(width) || PAD_WIDTH[code] || 0;
    if (flags.has('^')) out = out.toUpperCase();
    else if (flags.has('#')) out = /[a-z]/.test(out) ? out.toUpperCase() : out.toLowerCase();
    if (flags.has('_')) padChar = ' ';
    else if (flags.has('0')) padChar = '0';
    if (flags.has('-')) padWidth = 0;
    if (padChar === '0' && out.startsWith('-')) return '-' + out.slice(1).padStart(padWidth - 1, padChar);
    return out.padStart(padWidth, padChar);
  });
}

// A string with an explicit zone is an instant; one without is read as UTC wall-clock time.
const HAS_ZONE = /(?:[zZ]|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC)\b.*)$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseZoneless(v: string): number {
  const ms = Date.parse(v);
  // Date.parse reads zoneless date-times in the server's zone; undo that so the server zone never matters.
  if (Number.isNaN(ms) || DATE_ONLY.test(v.trim()) || HAS_ZONE.test(v.trim())) return ms;
  return ms - new Date(ms).getTimezoneOffset() * 60_000;
}

/** Epoch milliseconds of a date filter input, or undefined when it is not a date. */
export function parseDateInput(input: unknown, now: () => number): number | undefined {
  const v = toValue(input);
  if (isNil(v)) return undefined;
  if (v === 'now' || v === 'today') return now();
  let ms: number;
  if (typeof v === 'number') ms = v * 1000;
  else if (typeof v === 'string') {
    if (/^\d+$/.test(v)) ms = Number(v) * 1000;
    else ms = parseZoneless(v);
  } else if (typeof v === 'boolean') ms = Number(v);
  // Lists and objects: what JavaScript's new Date(value) makes of them, as LiquidJS does.
  else ms = parseZoneless(String(toPrimitive(v)));
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : undefined;
}

/**
 * Offset in minutes east of UTC for the filter's optional zone argument: a number of minutes
 * *behind* UTC as LiquidJS takes it (e.g. 300 for UTC-5), or an IANA zone name. Undefined if unusable.
 */
export function zoneOffset(arg: unknown, epochMs: number): number | undefined {
  const v = toValue(arg);
  if (v === undefined) return 0;
  if (typeof v === 'number') return Number.isFinite(v) ? -v : undefined;
  if (typeof v !== 'string') return Number.isFinite(looseNumber(v)) ? -looseNumber(v) : undefined;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: v, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(new Date(epochMs));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60_000);
  } catch {
    return undefined;
  }
}

export function formatDate(epochMs: number, format: string, offsetMinutes: number): string {
  return strftime({ wall: new Date(epochMs + offsetMinutes * 60_000), epochMs, offsetMinutes }, format);
}
