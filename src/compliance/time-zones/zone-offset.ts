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

/** The IANA name Intl knows `zone` by (canonical case), or undefined when it is not a time zone. */
export function canonicalZone(zone: string): string | undefined {
  if (zone.trim() === '' || zone.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Milliseconds to add to `t` (UTC epoch ms) to get the wall clock in `zone` at `t`. */
export function offsetAt(zone: string, t: number): number {
  const second = Math.floor(t / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(second)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
  return wall - second;
}
