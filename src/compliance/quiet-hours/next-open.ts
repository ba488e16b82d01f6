import { offsetAt } from '../time-zones/zone-offset.ts';
import { contains, DAY, type DailyWindow } from './window.ts';

// The quiet-hours core: given the recipient's zones, the daily window and an instant, is the window
// open in every zone, and if not, when does it next open in all of them at once. Pure apart from
// reading the zone rules Intl carries; no I/O, no clock.

/** Offsets are sampled this often to find DST changes (no zone changes twice within 3 hours). */
const SAMPLE = 3 * 3_600_000;
/** How far ahead to look; a window open at all in every zone opens within two days. */
export const HORIZON = 4 * DAY;

export function localTime(zone: string, t: number): number {
  return t + offsetAt(zone, t);
}

function msOfDay(local: number): number {
  return ((local % DAY) + DAY) % DAY;
}

export function isOpenIn(zones: readonly string[], window: DailyWindow, t: number): boolean {
  return zones.every((zone) => contains(window, msOfDay(localTime(zone, t))));
}

/** A stretch of time over which a zone's offset does not change: [start, end). */
interface Segment {
  start: number;
  end: number;
  offset: number;
}

/** The first instant in (lo, hi] with an offset other than `before` (lo has `before`, hi does not). */
function transitionBetween(zone: string, lo: number, hi: number, before: number): number {
  // Offsets change on whole seconds: bisect over seconds.
  let a = Math.floor(lo / 1000);
  let b = Math.ceil(hi / 1000);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(zone, mid * 1000) === before) a = mid;
    else b = mid;
  }
  return Math.max(b * 1000, lo + 1);
}

function segments(zone: string, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let start = from;
  let offset = offsetAt(zone, from);
  for (let t = from; t < to;) {
    const next = Math.min(t + SAMPLE, to);
    const later = offsetAt(zone, next);
    if (later !== offset) {
      const change = transitionBetween(zone, t, next, offset);
      out.push({ start, end: change, offset });
      start = change;
      offset = offsetAt(zone, change);
      t = change;
    } else {
      t = next;
    }
  }
  out.push({ start, end: to, offset });
  return out;
}

/**
 * The instants at which the window can open in `zone` between `from` and `to`: each local day's
 * span starts (a wall time that occurs twice in a fall-back hour gives two instants; one skipped by
 * a spring-forward gives none) and each offset change (a jump that lands inside a span opens it).
 */
function openings(zone: string, window: DailyWindow, from: number, to: number): number[] {
  const out: number[] = [];
  for (const segment of segments(zone, from, to)) {
    out.push(segment.start);
    const firstDay = Math.floor((segment.start + segment.offset) / DAY);
    const lastDay = Math.floor((segment.end + segment.offset) / DAY);
    for (let day = firstDay; day <= lastDay; day++) {
      for (const span of window) {
        const t = day * DAY + span.from - segment.offset;
        if (t >= segment.start && t < segment.end) out.push(t);
      }
    }
  }
  return out;
}

/**
 * `now` when the window is open in every zone, else the first later instant at which it is open in
 * all of them, or undefined when there is none within HORIZON (zones too far apart for the window).
 * Being open in all zones can only begin where one zone's window begins or its offset jumps, so
 * only those instants are tried.
 */
export function nextOpenInAll(zones: readonly string[], window: DailyWindow, now: number, horizon = HORIZON): number | undefined {
  if (zones.length === 0 || window.length === 0) return undefined;
  if (isOpenIn(zones, window, now)) return now;
  const candidates = zones.flatMap((zone) => openings(zone, window, now, now + horizon)).filter((t) => t > now).sort((a, b) => a - b);
  let previous = Number.NaN;
  for (const t of candidates) {
    if (t === previous) continue;
    previous = t;
    if (isOpenIn(zones, window, t)) return t;
  }
  return undefined;
}
