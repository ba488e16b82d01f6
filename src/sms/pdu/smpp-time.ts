import { PormError } from '../../errors.ts';

// SMPP 3.4 time fields (§7.1.1: schedule_delivery_time, validity_period), 16 characters:
//   absolute "YYMMDDhhmmsstnnp": t tenths of a second, nn quarter hours from UTC, p '+' or '-';
//   relative "YYMMDDhhmmss000R": an amount of time from when the SMSC takes the message.
// An empty field means "the SMSC's default". porm writes absolute times in UTC (nn 00, '+').

export type SmppTime =
  | { kind: 'absolute'; at: number }
  | { kind: 'relative'; seconds: number };

/** The longest relative time porm writes: 31 days, so that DD stays a day of a month for strict SMSCs. */
export const MAX_RELATIVE_SECONDS = 31 * 86_400;

const two = (n: number): string => String(n).padStart(2, '0');

/** Relative validity: days, hours, minutes, seconds (years and months stay 00, as they have no fixed length). */
export function formatRelativeTime(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_RELATIVE_SECONDS) throw new RangeError(`relative SMPP time must be 1..${MAX_RELATIVE_SECONDS} whole seconds, got ${seconds}`);
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  return `0000${two(days)}${two(Math.floor(rest / 3600))}${two(Math.floor((rest % 3600) / 60))}${two(rest % 60)}000R`;
}

/** Absolute time in UTC, to the tenth of a second (years 2000–2099). */
export function formatAbsoluteTime(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(ms) || year < 2000 || year > 2099) throw new RangeError(`absolute SMPP time must fall in 2000..2099, got ${d.toISOString?.() ?? ms}`);
  return `${two(year - 2000)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}${Math.floor(d.getUTCMilliseconds() / 100)}00+`;
}

function invalid(text: string, why: string): PormError {
  return new PormError('PORM_SMPP_TIME_INVALID', `SMPP time ${JSON.stringify(text)} ${why}`);
}

/** Reads a time field; null for the empty field. Anything else malformed is PORM_SMPP_TIME_INVALID. */
export function parseSmppTime(text: string): SmppTime | null {
  if (text === '') return null;
  if (!/^\d{12}\d\d\d[+\-R]$/.test(text)) throw invalid(text, 'is not YYMMDDhhmmsstnnp (16 characters, p one of + - R)');
  const n = (from: number): number => Number(text.slice(from, from + 2));
  const [yy, mo, dd, hh, mi, ss] = [n(0), n(2), n(4), n(6), n(8), n(10)];
  const tenths = Number(text[12]);
  const quarters = n(13);
  const p = text[15];
  if (p === 'R') {
    // Years and months have no fixed length; an SMSC reads them as 365 and 30 days.
    return { kind: 'relative', seconds: ((yy * 365 + mo * 30 + dd) * 24 + hh) * 3600 + mi * 60 + ss };
  }
  if (mo < 1 || mo > 12) throw invalid(text, `has month ${mo}`);
  const lastDay = new Date(Date.UTC(2000 + yy, mo, 0)).getUTCDate();
  if (dd < 1 || dd > lastDay) throw invalid(text, `has day ${dd} in a month of ${lastDay}`);
  if (hh > 23 || mi > 59 || ss > 59) throw invalid(text, 'has an impossible time of day');
  if (quarters > 48) throw invalid(text, `is ${quarters} quarter hours from UTC (at most 48)`);
  const local = Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss, tenths * 100);
  const offsetMs = quarters * 15 * 60_000 * (p === '+' ? 1 : -1);
  return { kind: 'absolute', at: local - offsetMs };
}

/** When a time field ends, for a message the SMSC took at `takenAt` (ms). */
export function smppTimeDeadline(time: SmppTime, takenAt: number): number {
  return time.kind === 'absolute' ? time.at : takenAt + time.seconds * 1000;
}
