import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLocalSchedule, fanoutSendAt, instantInZone, instantInZones, localSendAt, parseLocalDateTime } from './local-schedule.ts';
import type { FieldError } from '../errors.ts';

const wall = (text: string): number => parseLocalDateTime(text)!;
const at = (text: string, zone: string): string => new Date(instantInZone(wall(text), zone)).toISOString();
const DAY = 86_400_000;

test('parseLocalDateTime: a date-time without zone, strictly', () => {
  assert.equal(parseLocalDateTime('2026-12-04T10:00'), Date.UTC(2026, 11, 4, 10, 0));
  assert.equal(parseLocalDateTime('2026-12-04T10:00:30'), Date.UTC(2026, 11, 4, 10, 0, 30));
  for (const bad of ['2026-12-04T10:00Z', '2026-12-04T10:00-05:00', '2026-12-04T10:00+01:00', '2026-12-04', '2026-12-04 10:00', '2026-02-30T10:00',
    '2026-12-04T24:00', '2026-12-04T10:60', '2026-13-01T10:00', '2026-12-4T10:00', '2026-12-04T10:00:00.000', ' 2026-12-04T10:00', '']) {
    assert.equal(parseLocalDateTime(bad), undefined, bad);
  }
});

test('instantInZone: plain days in New York, Phoenix, Honolulu and London', () => {
  assert.equal(at('2026-12-04T10:00', 'America/New_York'), '2026-12-04T15:00:00.000Z');
  assert.equal(at('2026-07-04T10:00', 'America/New_York'), '2026-07-04T14:00:00.000Z');
  assert.equal(at('2026-12-04T10:00', 'America/Phoenix'), '2026-12-04T17:00:00.000Z');
  assert.equal(at('2026-07-04T10:00', 'America/Phoenix'), '2026-07-04T17:00:00.000Z', 'Phoenix keeps -07:00 all year');
  assert.equal(at('2026-12-04T10:00', 'Pacific/Honolulu'), '2026-12-04T20:00:00.000Z');
  assert.equal(at('2026-07-04T10:00', 'Pacific/Honolulu'), '2026-07-04T20:00:00.000Z');
  assert.equal(at('2026-12-04T10:00', 'Europe/London'), '2026-12-04T10:00:00.000Z');
  assert.equal(at('2026-07-04T10:00', 'Europe/London'), '2026-07-04T09:00:00.000Z');
  assert.equal(at('2026-12-04T10:00', 'UTC'), '2026-12-04T10:00:00.000Z');
});

test('instantInZone: a time in a spring-forward gap moves forward by the gap', () => {
  // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT; 02:30 does not exist and goes at 03:30 EDT.
  assert.equal(at('2026-03-08T02:30', 'America/New_York'), '2026-03-08T07:30:00.000Z');
  assert.equal(at('2026-03-08T02:00', 'America/New_York'), '2026-03-08T07:00:00.000Z');
  assert.equal(at('2026-03-08T01:59', 'America/New_York'), '2026-03-08T06:59:00.000Z');
  assert.equal(at('2026-03-08T03:00', 'America/New_York'), '2026-03-08T07:00:00.000Z');
  // London, 2026-03-29: 01:00 GMT becomes 02:00 BST.
  assert.equal(at('2026-03-29T01:30', 'Europe/London'), '2026-03-29T01:30:00.000Z');
  assert.equal(at('2026-03-29T10:00', 'Europe/London'), '2026-03-29T09:00:00.000Z');
  // Phoenix has no gap that day.
  assert.equal(at('2026-03-08T02:30', 'America/Phoenix'), '2026-03-08T09:30:00.000Z');
});

test('instantInZone: a time that occurs twice in a fall-back hour takes the first occurrence', () => {
  // New York, 2026-11-01: 02:00 EDT becomes 01:00 EST; 01:30 happens at 05:30Z (EDT) and 06:30Z (EST).
  assert.equal(at('2026-11-01T01:30', 'America/New_York'), '2026-11-01T05:30:00.000Z');
  assert.equal(at('2026-11-01T00:59', 'America/New_York'), '2026-11-01T04:59:00.000Z');
  assert.equal(at('2026-11-01T02:00', 'America/New_York'), '2026-11-01T07:00:00.000Z');
  // London, 2026-10-25: 02:00 BST becomes 01:00 GMT.
  assert.equal(at('2026-10-25T01:30', 'Europe/London'), '2026-10-25T00:30:00.000Z');
  assert.equal(at('2026-10-25T02:00', 'Europe/London'), '2026-10-25T02:00:00.000Z');
  assert.equal(at('2026-11-01T01:30', 'Pacific/Honolulu'), '2026-11-01T11:30:00.000Z');
});

test('a number spanning zones goes at the latest of its instants; stored zone first; unplaced numbers use the fallback', async () => {
  // +1 907: America/Adak (-10:00 in winter) and America/Anchorage (-09:00): 10:00 Adak is the later.
  assert.equal(new Date(instantInZones(wall('2026-12-04T10:00'), ['America/Anchorage', 'America/Adak'])).toISOString(), '2026-12-04T20:00:00.000Z');
  assert.equal(new Date(await localSendAt(wall('2026-12-04T10:00'), '+19075550100', null, 'UTC')).toISOString(), '2026-12-04T20:00:00.000Z');
  assert.equal(new Date(await localSendAt(wall('2026-12-04T10:00'), '+12125550100', null, 'UTC')).toISOString(), '2026-12-04T15:00:00.000Z');
  assert.equal(new Date(await localSendAt(wall('2026-12-04T10:00'), '+12125550100', 'America/Los_Angeles', 'UTC')).toISOString(), '2026-12-04T18:00:00.000Z', 'the stored zone wins');
  assert.equal(new Date(await localSendAt(wall('2026-12-04T10:00'), '+12125550100', 'Mars/Olympus', 'UTC')).toISOString(), '2026-12-04T15:00:00.000Z', 'a stored zone Intl does not know is ignored');
  // +1 999 is no area code: porm cannot place it, so the campaign's fallback zone applies.
  assert.equal(new Date(await localSendAt(wall('2026-12-04T10:00'), '+19995550100', null, 'UTC')).toISOString(), '2026-12-04T10:00:00.000Z');
  assert.equal(new Date(await localSendAt(wall('2026-12-04T10:00'), '+19995550100', null, 'Europe/London')).toISOString(), '2026-12-04T10:00:00.000Z');
  assert.equal(new Date(await localSendAt(wall('2026-12-04T10:00'), '+19995550100', null, 'Pacific/Honolulu')).toISOString(), '2026-12-04T20:00:00.000Z');
});

test('fanoutSendAt: none for other campaigns, and none once the local time has passed (sent at once)', async () => {
  const campaign = { sendAtLocal: '2026-12-04T10:00', sendAtLocalFallbackZone: 'UTC' };
  const now = Date.parse('2026-12-04T16:00:00Z');
  assert.equal(await fanoutSendAt({ sendAtLocal: null, sendAtLocalFallbackZone: null }, { phone: '+12125550100', timeZone: null }, now), undefined);
  assert.equal(await fanoutSendAt(campaign, { phone: '+12125550100', timeZone: null }, now), undefined, '10:00 New York was 15:00Z: late');
  assert.equal(await fanoutSendAt(campaign, { phone: '+12125550100', timeZone: 'America/Los_Angeles' }, now), '2026-12-04T18:00:00.000Z');
});

test('checkLocalSchedule: strict text, not with send_at, at most 35 days ahead in every zone, a real fallback zone', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  const check = (input: Parameters<typeof checkLocalSchedule>[0]): { value: ReturnType<typeof checkLocalSchedule>; errors: FieldError[] } => {
    const errors: FieldError[] = [];
    return { value: checkLocalSchedule(input, now, 35 * DAY, errors), errors };
  };
  assert.deepEqual(check({}), { value: null, errors: [] });
  assert.deepEqual(check({ sendAtLocal: '2026-12-04T10:00' }), { value: { sendAtLocal: '2026-12-04T10:00', fallbackZone: 'UTC' }, errors: [] });
  assert.deepEqual(check({ sendAtLocal: '2026-12-04T10:00:00', sendAtLocalFallbackZone: 'america/new_york' }).value, { sendAtLocal: '2026-12-04T10:00', fallbackZone: 'America/New_York' });
  const fieldOf = (input: Parameters<typeof checkLocalSchedule>[0]): string | undefined => check(input).errors[0]?.field;
  assert.equal(fieldOf({ sendAtLocal: '2026-12-04T10:00-05:00' }), '/send_at_local');
  assert.equal(fieldOf({ sendAtLocal: '2026-12-04T10:00', sendAt: '2026-12-04T10:00:00Z' }), '/send_at_local');
  assert.equal(fieldOf({ sendAtLocal: '2027-01-12T10:00' }), '/send_at_local', '40 days ahead');
  assert.equal(fieldOf({ sendAtLocal: '2027-01-07T00:00' }), undefined, 'within 35 days in every zone');
  assert.equal(fieldOf({ sendAtLocal: '2027-01-07T00:01' }), '/send_at_local', 'past 35 days somewhere (UTC-12)');
  assert.equal(fieldOf({ sendAtLocal: '2026-12-04T10:00', sendAtLocalFallbackZone: 'Mars/Olympus' }), '/send_at_local_fallback_zone');
  assert.equal(fieldOf({ sendAtLocalFallbackZone: 'UTC' }), '/send_at_local_fallback_zone', 'only with send_at_local');
  assert.ok(check({ sendAtLocal: 'x' }).errors.every((e) => e.code === 'PORM_INVALID_SEND_AT'));
});
