// A zone's offset from UTC at an instant, from the ICU data built into Node (Intl), so it is right
// across DST changes and historical rule changes without a date library or Temporal.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

// Building an Intl.DateTimeFormat costs ~100 µs: names are resolved once. Bounded, since a
// known zone may come from a contact record (any text).
const canonical = new Map<string, string | undefined>();
const CANONICAL_LIMIT = 10_000;

/** The IANA name Intl knows `zone` by (canonical case), or undefined when it is not a time zone. */
export function canonicalZone(zone: string): string | undefined {
  if (zone.trim() === '' || zone.length > 64) return undefined;
  if (canonical.has(zone)) return canonical.get(zone);
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    name = undefined;
  }
  if (canonical.size >= CANONICAL_LIMIT) canonical.clear();
  canonical.set(zone, name);
  return name;
}

function rawOffset(zone: string, t: number): number {
  const second = Math.floor(t / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(second)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
  return wall - second;
}

// formatToParts costs tens of µs, and the quiet-hours search asks for many offsets: they are kept
// per zone and UTC hour. An hour whose two ends have the same offset has it throughout (no zone
// changes twice within an hour); one whose ends differ holds one change, found to the second.
const HOUR = 3_600_000;
type Hour = { offset: number } | { before: number; after: number; at: number };
const hours = new Map<string, Map<number, Hour>>();
const HOURS_PER_ZONE = 50_000;

function hourOf(zone: string, index: number): Hour {
  let known = hours.get(zone);
  if (!known) {
    known = new Map();
    hours.set(zone, known);
  }
  const hit = known.get(index);
  if (hit) return hit;
  const start = index * HOUR;
  const before = rawOffset(zone, start);
  const after = rawOffset(zone, start + HOUR);
  let entry: Hour;
  if (before === after) {
    entry = { offset: before };
  } else {
    let lo = start / 1000;
    let hi = (start + HOUR) / 1000;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (rawOffset(zone, mid * 1000) === before) lo = mid;
      else hi = mid;
    }
    entry = { before, after, at: hi * 1000 };
  }
  if (known.size >= HOURS_PER_ZONE) known.clear();
  known.set(index, entry);
  return entry;
}

/** Milliseconds to add to `t` (UTC epoch ms) to get the wall clock in `zone` at `t`. */
export function offsetAt(zone: string, t: number): number {
  const hour = hourOf(zone, Math.floor(t / HOUR));
  return 'offset' in hour ? hour.offset : t < hour.at ? hour.before : hour.after;
}
