// A daily sending window on the recipient's wall clock, as spans of the local day.

const MINUTE = 60_000;
export const DAY = 86_400_000;

/** [from, to) in milliseconds since local midnight; from < to, both within one day. */
export interface Span {
  from: number;
  to: number;
}

/** When sending is allowed each local day: disjoint spans in order. Empty means never. */
export type DailyWindow = readonly Span[];

/** "HH:MM" (00:00–23:59, or 24:00 meaning the end of the day) as milliseconds since midnight. */
export function parseClock(text: string): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  const value = (Number(match[1]) * 60 + Number(match[2])) * MINUTE;
  return value > DAY ? undefined : value;
}

/**
 * The window from `start` to `end` local time. A start after the end crosses midnight (22:00–06:00
 * is two spans). Equal times are not a window (empty or all day is ambiguous): undefined, as is
 * text that is not HH:MM.
 */
export function dailyWindow(start: string, end: string): DailyWindow | undefined {
  const from = parseClock(start);
  const to = parseClock(end);
  if (from === undefined || to === undefined || from === DAY || from === to) return undefined;
  if (from < to) return [{ from, to }];
  return [{ from: 0, to }, { from, to: DAY }].filter((span) => span.from < span.to);
}

/** The times allowed by both windows. */
export function intersect(a: DailyWindow, b: DailyWindow): DailyWindow {
  const out: Span[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from < to) out.push({ from, to });
    }
  }
  return out.sort((p, q) => p.from - q.from);
}

export function contains(window: DailyWindow, msOfDay: number): boolean {
  return window.some((span) => msOfDay >= span.from && msOfDay < span.to);
}

function clock(ms: number): string {
  const minutes = Math.floor(ms / MINUTE);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "08:00–20:00", or "00:00–06:00, 22:00–24:00" for a window crossing midnight. */
export function formatWindow(window: DailyWindow): string {
  if (window.length === 0) return 'never';
  return window.map((span) => `${clock(span.from)}–${clock(span.to)}`).join(', ');
}

export function formatClock(ms: number): string {
  return clock(((ms % DAY) + DAY) % DAY);
}
