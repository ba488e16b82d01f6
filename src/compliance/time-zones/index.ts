import { canonicalZone } from './zone-offset.ts';
import { prefixSource, type PrefixSource } from './prefix-data.ts';
import { regionOfPlace, type NanpRegion } from './us-state.ts';

export { canonicalZone, offsetAt } from './zone-offset.ts';
export type { NanpRegion } from './us-state.ts';

/**
 * Where porm cannot place a number (no usable zone in the data, or the +1 country-wide list an
 * unassigned area code falls back to), it treats it as possibly anywhere in the 50 states: the
 * window must be open in all of these zones at once. That is the most restrictive US reading (an
 * 08:00–20:00 window becomes 13:00–20:00 Eastern, 08:00–15:00 in Hawaii, in winter) rather than a
 * guess such as the sender's zone, which could wake someone up. A program sending abroad sets the
 * contact's zone (knownZone) for numbers the data does not place.
 */
export const UNPLACED_ZONES: readonly string[] = [
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles',
  'America/Anchorage', 'America/Adak', 'Pacific/Honolulu',
];

function digitsOf(to: string): string | undefined {
  const match = /^\+([1-9]\d{6,14})$/.exec(to.trim());
  return match?.[1];
}

/**
 * The recipient's time zones, most trusted first: a zone porm already knows for the recipient (a
 * contact's stored zone) when it is a real IANA zone; else the zones libphonenumber gives the number
 * (one, or several when the prefix spans zones, e.g. +1 907 → America/Adak, America/Anchorage);
 * else UNPLACED_ZONES. Never empty.
 */
export async function recipientZones(to: string, knownZone: string | null, source?: PrefixSource): Promise<string[]> {
  if (knownZone !== null) {
    const zone = canonicalZone(knownZone);
    if (zone !== undefined) return [zone];
  }
  const digits = digitsOf(to);
  if (digits === undefined) return [...UNPLACED_ZONES];
  const zones = (await (source ?? await prefixSource()).zones(digits))?.flatMap((zone) => canonicalZone(zone) ?? []);
  if (!zones || zones.length === 0) return [...UNPLACED_ZONES];
  // No +1 prefix spans more than two zones; a longer list is the whole country code's (an area code
  // the data does not know), from Guam to Newfoundland, where no window is open in all at once.
  // Other countries' lists are kept even when country-wide (Mexico's 8, Russia's 16 still share a
  // daily window).
  if (digits.startsWith('1') && zones.length > 2) return [...UNPLACED_ZONES];
  return zones;
}

/** For a +1 number, its US state (or that it is outside the US, or unknown); undefined for other countries. */
export async function nanpRegion(to: string, source?: PrefixSource): Promise<NanpRegion | undefined> {
  const digits = digitsOf(to);
  if (digits === undefined) return { kind: 'unknown' };
  if (!digits.startsWith('1')) return undefined;
  return regionOfPlace(await (source ?? await prefixSource()).nanpPlace(digits));
}

/**
 * Loads the prefix tables now rather than in the first claim that needs them (~100 ms of file
 * reading inside a write unit). For startup; a failure is not fatal (the lookup falls back).
 */
export async function preloadRecipientData(): Promise<void> {
  await prefixSource();
}
