import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTables, NANP_PLACE_PREFIX_DIGITS, publicApiSource, tableSource, ZONE_PREFIX_DIGITS } from './prefix-data.ts';
import { nanpRegion, recipientZones, UNPLACED_ZONES } from './index.ts';
import { canonicalZone, offsetAt } from './zone-offset.ts';
import { regionOfPlace } from './us-state.ts';

test('zones of real numbers from libphonenumber data: one zone, several, and the known zone first', async () => {
  assert.deepEqual(await recipientZones('+12125550100', null), ['America/New_York']);
  assert.deepEqual(await recipientZones('+16235550100', null), ['America/Phoenix']);
  assert.deepEqual(await recipientZones('+18085550100', null), ['Pacific/Honolulu']);
  assert.deepEqual(await recipientZones('+19075550100', null), ['America/Adak', 'America/Anchorage']);
  assert.deepEqual(await recipientZones('+12085550100', null), ['America/Boise', 'America/Los_Angeles'], 'Idaho spans Mountain and Pacific');
  assert.deepEqual(await recipientZones('+16045550100', null), ['America/Vancouver']);
  assert.deepEqual(await recipientZones('+12125550100', 'pacific/honolulu'), ['Pacific/Honolulu'], 'a stored zone wins, canonicalised');
  assert.deepEqual(await recipientZones('+12125550100', 'Mars/Olympus_Mons'), ['America/New_York'], 'a zone Intl does not know is ignored');
  assert.deepEqual(await recipientZones('+12125550100', ''), ['America/New_York']);
});

test('fallback: a number the data cannot place is treated as anywhere in the 50 states', async () => {
  // 999 is no area code: libphonenumber only knows the +1 country-wide list (42 zones, Guam to Newfoundland).
  assert.deepEqual(await recipientZones('+19995550100', null), UNPLACED_ZONES);
  for (const hostile of ['', 'not a number', '+', '+0123456789', '12125550100', '+1212555010012345678', '+1 212 555 0100\n', '+١٢١٢٥٥٥٠١٠٠', '\u0000+12125550100']) {
    assert.deepEqual(await recipientZones(hostile, null), UNPLACED_ZONES, JSON.stringify(hostile));
  }
  // Other countries keep their own zones.
  assert.ok((await recipientZones('+447700900123', null)).includes('Europe/London'));
  assert.deepEqual(await recipientZones('+4930123456', null), ['Europe/Berlin']);
});

test('US state from the area code (geocoder data), for the state rules', async () => {
  const cases: [string, string][] = [['+13055550123', 'FL'], ['+14055550123', 'OK'], ['+14105550123', 'MD'], ['+12035550123', 'CT'], ['+12065550123', 'WA'], ['+12125550100', 'NY'], ['+16235550100', 'AZ'], ['+12025550100', 'DC']];
  for (const [to, state] of cases) assert.deepEqual(await nanpRegion(to), { kind: 'us', state }, to);
  assert.equal((await nanpRegion('+16045550100'))?.kind, 'outside-us', 'Vancouver, BC');
  assert.equal((await nanpRegion('+14165550100'))?.kind, 'outside-us', 'Toronto');
  assert.deepEqual(await nanpRegion('+19995550100'), { kind: 'unknown' });
  assert.equal(await nanpRegion('+447700900123'), undefined, 'not +1');
  assert.deepEqual(regionOfPlace('Miami, FL'), { kind: 'us', state: 'FL' });
  assert.deepEqual(regionOfPlace('Washington State'), { kind: 'us', state: 'WA' });
  assert.equal(regionOfPlace('Montreal, QC').kind, 'outside-us');
  assert.equal(regionOfPlace('').kind, 'unknown');
});

test('the in-memory tables answer exactly as the library\'s public functions, and the prefix lengths cover its data', async (t) => {
  const tables = await loadTables();
  let longestZone = 0;
  for (const key of tables.zones.keys()) longestZone = Math.max(longestZone, key.length);
  let longestPlace = 0;
  for (const key of tables.nanpPlaces.keys()) longestPlace = Math.max(longestPlace, key.length);
  assert.ok(longestZone <= ZONE_PREFIX_DIGITS, `zone keys up to ${longestZone} digits`);
  assert.ok(longestPlace <= NANP_PLACE_PREFIX_DIGITS, `+1 place keys up to ${longestPlace} digits`);
  const fast = tableSource(tables);
  const slow = publicApiSource();
  const numbers = ['12125550100', '19075550100', '12083205555', '12084005555', '16055550100', '17015550100', '13055550123', '12035550123', '14165550100', '19995550100', '447700900123', '4930123456', '61291234567', '525512345678', '79123456789'];
  t.diagnostic(`${numbers.length} numbers compared`);
  for (const digits of numbers) {
    assert.deepEqual(await fast.zones(digits), await slow.zones(digits), `zones of +${digits}`);
    assert.equal(await fast.nanpPlace(digits), await slow.nanpPlace(digits), `place of +${digits}`);
  }
});

test('zone offsets: canonical names, DST, and odd offsets', () => {
  assert.equal(canonicalZone('america/new_york'), 'America/New_York');
  assert.equal(canonicalZone('Not/AZone'), undefined);
  assert.equal(canonicalZone(' '), undefined);
  assert.equal(offsetAt('America/New_York', Date.parse('2026-01-15T12:00:00Z')), -5 * 3_600_000);
  assert.equal(offsetAt('America/New_York', Date.parse('2026-07-15T12:00:00Z')), -4 * 3_600_000);
  assert.equal(offsetAt('Asia/Kathmandu', Date.parse('2026-07-15T12:00:00Z')), 5.75 * 3_600_000);
  assert.equal(offsetAt('Pacific/Honolulu', Date.parse('2026-07-15T12:00:00Z')), -10 * 3_600_000);
});
