import type { FieldError } from '../errors.ts';
import { offsetAt } from '../compliance/time-zones/zone-offset.ts';
import { canonicalZone, recipientZones, UNPLACED_ZONES } from '../compliance/time-zones/index.ts';

// A campaign sent "at 10:00 local time in each recipient's zone" (send_at_local): the wall-clock
// arithmetic, on the zone rules Intl carries (zone-offset.ts, the ones quiet hours use), with no
// date library. Pure apart from the number-to-zone lookup in zonesFor.

const DAY = 86_400_000;
/** No zone is further behind UTC than -12:00: an instant in every zone is at most this after the wall time read as UTC. */
const MAX_BEHIND_UTC = 12 * 3_600_000;

/** "2026-12-04T10:00" or "2026-12-04T10:00:30", no zone or offset: the wall time as if it were UTC (ms), or undefined. */
export function parseLocalDateTime(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((p) => (p === undefined ? 0 : Number(p))) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wall);
  // 2026-02-30 would roll over to March 2: refused rather than moved.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return wall;
}

/** The wall time back as "YYYY-MM-DDTHH:MM" (seconds when not zero). */
export function formatLocalDateTime(wall: number): string {
  const iso = new Date(wall).toISOString();
  return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 19);
}

/** The latest instant the wall time `wall` can fall on anywhere: what the 35-day limit is checked against. */
export function latestInstant(wall: number): number {
  return wall + MAX_BEHIND_UTC;
}

/**
 * The instant the wall-clock time `wall` (ms, read as UTC) happens in `zone`. A time that occurs
 * twice (a fall-back hour) takes its first occurrence; one skipped by a spring-forward gap moves
 * forward by the gap (02:30 on the New York spring-forward day is 03:30 EDT), as Temporal's
 * 'compatible' disambiguation does, so a message is never sent before its local time.
 */
export function instantInZone(wall: number, zone: string): number {
  // Any change of offset near `wall` is between the offsets a day either side (no zone changes twice in two days).
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  const fits = [wall - before, wall - after].filter((t) => t + offsetAt(zone, t) === wall);
  if (fits.length > 0) return Math.min(...fits);
  // In a gap: the wall time read with the offset in force before it lands the gap's length later.
  return wall - before;
}

/**
 * The instant for a recipient in `zones`: the latest across them, so a number that spans zones
 * (+1 907: Anchorage and Adak) is not early in any of them.
 */
export function instantInZones(wall: number, zones: readonly string[]): number {
  return Math.max(...zones.map((zone) => instantInZone(wall, zone)));
}

function isUnplaced(zones: readonly string[]): boolean {
  return zones.length === UNPLACED_ZONES.length && zones.every((z, i) => z === UNPLACED_ZONES[i]);
}

/**
 * The zones a recipient's local time is read in: the contact's stored zone, else the number's
 * zones (both as quiet hours read them, recipientZones), else — a number porm cannot place —
 * the campaign's fallback zone rather than quiet hours' "anywhere in the 50 states".
 */
export async function zonesFor(phone: string, storedZone: string | null, fallbackZone: string): Promise<string[]> {
  const zones = await recipientZones(phone, storedZone);
  return isUnplaced(zones) ? [fallbackZone] : zones;
}

/** When one recipient's message of a send_at_local campaign goes. */
export async function localSendAt(wall: number, phone: string, storedZone: string | null, fallbackZone: string): Promise<number> {
  return instantInZones(wall, await zonesFor(phone, storedZone, fallbackZone));
}

/** The fallback zone by its canonical IANA name, or undefined when it is not one. */
export function fallbackZoneOf(text: string): string | undefined {
  return canonicalZone(text);
}

export interface LocalSchedule {
  /** "2026-12-04T10:00" as given (normalised). */
  sendAtLocal: string;
  fallbackZone: string;
}

/** Where no zone is known for a recipient nor given for the campaign: porm has no account zone, and UTC reads the same on every host. */
export const DEFAULT_FALLBACK_ZONE = 'UTC';

/**
 * Checks a create's send_at_local and send_at_local_fallback_zone (pushing field errors): null
 * when the campaign is not sent at a local time. At most `maxAheadMs` ahead in every zone, as
 * send_at is, so each recipient's message is within the 35 days a message may be scheduled.
 */
export function checkLocalSchedule(
  input: { sendAt?: string; sendAtLocal?: string; sendAtLocalFallbackZone?: string },
  now: number, maxAheadMs: number, errors: FieldError[],
): LocalSchedule | null {
  if (input.sendAtLocal === undefined) {
    if (input.sendAtLocalFallbackZone !== undefined) errors.push({ field: '/send_at_local_fallback_zone', code: 'PORM_INVALID_SEND_AT', message: 'only with send_at_local' });
    return null;
  }
  if (input.sendAt !== undefined) {
    errors.push({ field: '/send_at_local', code: 'PORM_INVALID_SEND_AT', message: 'send_at or send_at_local, not both' });
    return null;
  }
  const wall = parseLocalDateTime(input.sendAtLocal);
  if (wall === undefined || latestInstant(wall) > now + maxAheadMs) {
    errors.push({ field: '/send_at_local', code: 'PORM_INVALID_SEND_AT', message: 'a local date-time without zone or offset (2026-12-04T10:00), at most 35 days ahead' });
    return null;
  }
  const fallbackZone = fallbackZoneOf(input.sendAtLocalFallbackZone ?? DEFAULT_FALLBACK_ZONE);
  if (fallbackZone === undefined) {
    errors.push({ field: '/send_at_local_fallback_zone', code: 'PORM_INVALID_SEND_AT', message: 'an IANA time zone such as America/New_York' });
    return null;
  }
  return { sendAtLocal: formatLocalDateTime(wall), fallbackZone };
}

/** The instant of a send_at_local campaign's message to one contact (see localSendAt). */
export function campaignSendAt(campaign: { sendAtLocal: string; sendAtLocalFallbackZone: string | null }, phone: string, storedZone: string | null): Promise<number> {
  return localSendAt(parseLocalDateTime(campaign.sendAtLocal)!, phone, storedZone, campaign.sendAtLocalFallbackZone ?? DEFAULT_FALLBACK_ZONE);
}

/**
 * The message sendAt the fan-out passes for one contact: undefined unless the campaign is sent at
 * a local time, and undefined too when that time has passed in the contact's zone (sent at once,
 * and counted late: local-late.ts).
 */
export async function fanoutSendAt(campaign: { sendAtLocal: string | null; sendAtLocalFallbackZone: string | null }, contact: { phone: string; timeZone: string | null }, now: number): Promise<string | undefined> {
  if (campaign.sendAtLocal === null) return undefined;
  const at = await campaignSendAt({ sendAtLocal: campaign.sendAtLocal, sendAtLocalFallbackZone: campaign.sendAtLocalFallbackZone }, contact.phone, contact.timeZone);
  return at > now ? new Date(at).toISOString() : undefined;
}
