import { PormError } from '../../errors.ts';
import { parseIsoMoment, type IsoMoment } from './dates.ts';
import { escapeText, foldLine, uriValue } from './ics-text.ts';

// An add-to-calendar action as an iCalendar file (RFC 5545): attached to the MMS fallback and
// served by the hosted page. One VEVENT, METHOD:PUBLISH (an announcement, not an invitation
// that expects a reply).

export interface IcsEvent {
  /** Globally unique and stable, so importing the same file twice updates rather than duplicates. */
  readonly uid: string;
  readonly title: string;
  /** ISO 8601: a date-time with offset or Z (exact instant), a date-time without one (same wall time in every zone), or a date (all day). */
  readonly start: string;
  /** Same form as start; absent, unreadable or not after start: start + 1 hour (+ 1 day for an all-day event). */
  readonly end: string | null;
  readonly location: string | null;
  readonly description: string | null;
  /** Only an absolute http(s) URL is written; anything else is left out. */
  readonly url?: string | null;
}

export type CalendarEvent = Omit<IcsEvent, 'uid'>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function stamp(ms: number, withTime: boolean): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  // RFC 5545 dates have four-digit years; an offset can push 0001 or 9999 over the edge.
  if (!Number.isFinite(ms) || year < 1 || year > 9999) throw new PormError('PORM_RICH_DATA_INVALID', 'a calendar date is outside the years 0001–9999');
  const iso = d.toISOString();
  const date = iso.slice(0, 10).replace(/-/g, '');
  return withTime ? `${date}T${iso.slice(11, 19).replace(/:/g, '')}` : date;
}

function dateProperty(name: string, m: IsoMoment, ms: number): string {
  if (m.kind === 'date') return `${name};VALUE=DATE:${stamp(ms, false)}`;
  // A floating time carries no Z: every calendar shows it at that wall-clock time in its own zone.
  return `${name}:${stamp(ms, true)}${m.kind === 'instant' ? 'Z' : ''}`;
}

function endOf(start: IsoMoment, text: string | null): number {
  const end = text === null ? null : parseIsoMoment(text);
  // DTEND must have DTSTART's value type (§3.6.1); a mismatched or backwards end is replaced, not refused.
  if (end !== null && end.kind === start.kind && end.ms > start.ms) return end.ms;
  return start.ms + (start.kind === 'date' ? DAY : HOUR);
}

function textProperty(name: string, value: string | null | undefined): string[] {
  const escaped = escapeText(value ?? '');
  return escaped === '' ? [] : [`${name}:${escaped}`];
}

/** A file name for the event: lowercase letters, digits and dashes from the title, then `.ics`. */
export function icsFilename(title: string): string {
  const base = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '');
  return `${base || 'event'}.ics`;
}

/** The event as an iCalendar object: CRLF line endings, lines folded at 75 octets. */
export function buildIcs(event: IcsEvent, now: number): string {
  const start = parseIsoMoment(event.start);
  if (start === null) throw new PormError('PORM_RICH_DATA_INVALID', 'the calendar entry\'s start is not an ISO 8601 date or date-time');
  const uid = escapeText(event.uid);
  if (uid === '') throw new RangeError('a calendar entry needs a UID');
  if (!Number.isFinite(now)) throw new RangeError('now must be a finite timestamp');
  const url = event.url ? uriValue(event.url) : null;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//porm//rich messages//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:${stamp(now, true)}Z`,
    dateProperty('DTSTART', start, start.ms),
    dateProperty('DTEND', start, endOf(start, event.end)),
    ...textProperty('SUMMARY', event.title),
    ...textProperty('LOCATION', event.location),
    ...textProperty('DESCRIPTION', event.description),
    ...(url === null ? [] : [`URL:${url}`]),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
