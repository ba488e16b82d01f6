// A +1 number's US state, from the place libphonenumber names for its prefix ("Florida",
// "Miami, FL", "Washington State", "Ontario"). An area code never spans two states, and the law
// the reference cites presumes residency from it.

const STATE_CODES: Readonly<Record<string, string>> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT',
  delaware: 'DE', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA',
  kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI',
  minnesota: 'MN', mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH',
  'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH',
  oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD',
  tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA', washington: 'WA', 'washington state': 'WA',
  'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY', 'washington d.c.': 'DC', 'district of columbia': 'DC',
};

const CODES = new Set(Object.values(STATE_CODES));

/** Where a +1 number is, as far as US rules go. */
export type NanpRegion =
  | { kind: 'us'; state: string }
  /** Canada or the Caribbean: not under the US state rules. */
  | { kind: 'outside-us'; place: string }
  /** The data has no place for the prefix. */
  | { kind: 'unknown' };

export function regionOfPlace(place: string | undefined): NanpRegion {
  if (place === undefined || place.trim() === '') return { kind: 'unknown' };
  const abbreviation = /,\s*([A-Z]{2})$/.exec(place.trim())?.[1];
  if (abbreviation !== undefined) return CODES.has(abbreviation) ? { kind: 'us', state: abbreviation } : { kind: 'outside-us', place };
  const state = STATE_CODES[place.trim().toLowerCase()];
  return state ? { kind: 'us', state } : { kind: 'outside-us', place };
}
