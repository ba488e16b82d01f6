import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOpenIn, localTime, nextOpenInAll } from './next-open.ts';
import { dailyWindow, formatClock, intersect, type DailyWindow } from './window.ts';

const EIGHT_TO_EIGHT = dailyWindow('08:00', '20:00')!;
const NY = ['America/New_York'];
const at = (iso: string): number => Date.parse(iso);
const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

test('window: HH:MM parsing, midnight-crossing windows, intersections, and what is not a window', () => {
  assert.deepEqual(dailyWindow('08:00', '20:00'), [{ from: 8 * 3_600_000, to: 20 * 3_600_000 }]);
  assert.deepEqual(dailyWindow('22:00', '06:00'), [{ from: 0, to: 6 * 3_600_000 }, { from: 22 * 3_600_000, to: 24 * 3_600_000 }]);
  assert.deepEqual(dailyWindow('00:00', '24:00'), [{ from: 0, to: 24 * 3_600_000 }]);
  for (const [start, end] of [['08:00', '08:00'], ['8:00', '20:00'], ['08:60', '20:00'], ['24:00', '08:00'], ['25:00', '08:00'], ['08:00', '24:01'], ['', ''], ['08:00:00', '20:00'], ['０８:00', '20:00']] as const) {
    assert.equal(dailyWindow(start, end), undefined, `${start}–${end}`);
  }
  const program = dailyWindow('20:00', '10:00')!;
  assert.deepEqual(intersect(program, dailyWindow('08:00', '21:00')!), [{ from: 8 * 3_600_000, to: 10 * 3_600_000 }, { from: 20 * 3_600_000, to: 21 * 3_600_000 }]);
});

test('New York, spring forward (2026-03-08): the window opens at 08:00 EDT = 12:00Z, not 13:00Z', () => {
  // Saturday 21:00 EST; Sunday's 08:00 is on the other side of the change.
  assert.equal(iso(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-03-08T02:00:00Z'))), '2026-03-08T12:00:00.000Z');
  assert.equal(iso(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-03-08T11:59:59.999Z'))), '2026-03-08T12:00:00.000Z', '07:59:59.999 EDT is closed');
  assert.equal(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-03-08T12:00:00Z')), at('2026-03-08T12:00:00Z'), '08:00 EDT is open');
  assert.equal(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-03-08T23:59:59.999Z')), at('2026-03-08T23:59:59.999Z'), '19:59:59.999 EDT is open');
  assert.equal(iso(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-03-09T00:00:00Z'))), '2026-03-09T12:00:00.000Z', '20:00 EDT is closed');
  // The day before the change, 08:00 EST is 13:00Z.
  assert.equal(iso(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-03-07T05:00:00Z'))), '2026-03-07T13:00:00.000Z');
});

test('New York, fall back (2026-11-01): the window opens at 08:00 EST = 13:00Z, not 12:00Z', () => {
  assert.equal(iso(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-11-01T01:00:00Z'))), '2026-11-01T13:00:00.000Z');
  assert.equal(iso(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-11-01T12:30:00Z'))), '2026-11-01T13:00:00.000Z', '07:30 EST is closed');
  assert.equal(iso(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-11-02T01:00:00Z'))), '2026-11-02T13:00:00.000Z', '20:00 EST is closed');
  assert.equal(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-11-02T00:59:59Z')), at('2026-11-02T00:59:59Z'), '19:59:59 EST is open');
  // Saturday 19:59 EDT is still open, 20:00 EDT (00:00Z) is not.
  assert.equal(iso(nextOpenInAll(NY, EIGHT_TO_EIGHT, at('2026-11-01T00:00:00Z'))), '2026-11-01T13:00:00.000Z');
});

test('a window edge inside the changed hour: a skipped start opens at the jump, a repeated one opens twice', () => {
  // 02:30 does not exist on 2026-03-08 in New York: at 07:00Z the clock jumps 02:00 EST → 03:00 EDT, inside the window.
  assert.equal(iso(nextOpenInAll(NY, dailyWindow('02:30', '20:00')!, at('2026-03-08T06:00:00Z'))), '2026-03-08T07:00:00.000Z');
  // 01:30 happens twice on 2026-11-01: at 05:30Z (EDT) and at 06:30Z (EST). Between, 06:00Z is 01:00 EST: closed.
  const late = dailyWindow('01:30', '20:00')!;
  assert.equal(iso(nextOpenInAll(NY, late, at('2026-11-01T04:00:00Z'))), '2026-11-01T05:30:00.000Z');
  assert.equal(iso(nextOpenInAll(NY, late, at('2026-11-01T06:00:00Z'))), '2026-11-01T06:30:00.000Z');
});

test('America/Phoenix keeps UTC−7 all year: 08:00 is 15:00Z either side of the US change', () => {
  const phoenix = ['America/Phoenix'];
  assert.equal(iso(nextOpenInAll(phoenix, EIGHT_TO_EIGHT, at('2026-03-07T10:00:00Z'))), '2026-03-07T15:00:00.000Z');
  assert.equal(iso(nextOpenInAll(phoenix, EIGHT_TO_EIGHT, at('2026-03-09T10:00:00Z'))), '2026-03-09T15:00:00.000Z');
  assert.equal(iso(nextOpenInAll(phoenix, EIGHT_TO_EIGHT, at('2026-07-01T03:00:00Z'))), '2026-07-01T15:00:00.000Z', '20:00 MST closes');
  assert.equal(nextOpenInAll(phoenix, EIGHT_TO_EIGHT, at('2026-07-01T02:59:00Z')), at('2026-07-01T02:59:00Z'));
  // Same wall time as Denver in winter, as Los Angeles in summer.
  assert.ok(isOpenIn(['America/Phoenix', 'America/Denver'], EIGHT_TO_EIGHT, at('2026-01-15T15:00:00Z')));
  assert.ok(!isOpenIn(['America/Phoenix', 'America/Denver'], EIGHT_TO_EIGHT, at('2026-07-15T02:30:00Z')), '20:30 MDT in Denver');
});

test('Pacific/Honolulu is UTC−10 all year: 08:00–20:00 is 18:00Z–06:00Z', () => {
  const honolulu = ['Pacific/Honolulu'];
  for (const day of ['2026-01-15', '2026-07-15']) {
    assert.equal(iso(nextOpenInAll(honolulu, EIGHT_TO_EIGHT, at(`${day}T17:59:59Z`))), `${day}T18:00:00.000Z`);
  }
  assert.equal(iso(nextOpenInAll(honolulu, EIGHT_TO_EIGHT, at('2026-07-16T06:00:00Z'))), '2026-07-16T18:00:00.000Z');
});

test('a number in several zones waits for the window to be open in all of them (+1 907: Adak and Anchorage)', () => {
  const alaska = ['America/Adak', 'America/Anchorage'];
  // July: Adak is UTC−9, Anchorage UTC−8. Open from 08:00 Adak (17:00Z) to 20:00 Anchorage (04:00Z).
  assert.equal(iso(nextOpenInAll(alaska, EIGHT_TO_EIGHT, at('2026-07-01T16:30:00Z'))), '2026-07-01T17:00:00.000Z', 'Anchorage 08:30 but Adak 07:30');
  assert.equal(nextOpenInAll(alaska, EIGHT_TO_EIGHT, at('2026-07-02T03:59:00Z')), at('2026-07-02T03:59:00Z'));
  assert.equal(iso(nextOpenInAll(alaska, EIGHT_TO_EIGHT, at('2026-07-02T04:00:00Z'))), '2026-07-02T17:00:00.000Z', 'Adak 19:00 but Anchorage 20:00');
  assert.equal(iso(nextOpenInAll(['America/Anchorage'], EIGHT_TO_EIGHT, at('2026-07-01T16:30:00Z'))), '2026-07-01T16:30:00.000Z');
});

test('zones too far apart for the window give no instant open in all', () => {
  assert.equal(nextOpenInAll(['Pacific/Guam', 'Pacific/Honolulu'], dailyWindow('08:00', '09:00')!, at('2026-07-01T00:00:00Z')), undefined);
  assert.equal(nextOpenInAll(NY, [], at('2026-07-01T00:00:00Z')), undefined);
});

// Deterministic pseudo-random cases, checked against a brute-force minute-by-minute scan.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('property: the answer is open, and no minute between now and it is open in all zones (DST-heavy zones)', () => {
  const zones = ['America/New_York', 'America/Phoenix', 'Pacific/Honolulu', 'America/Adak', 'America/Anchorage', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago', 'Europe/London', 'America/St_Johns'];
  const changeDays = ['2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2026-04-05', '2026-09-06', '2026-07-01'];
  const next = random(13);
  for (let i = 0; i < 24; i++) {
    const picked = [...new Set([zones[Math.floor(next() * zones.length)]!, ...(next() < 0.4 ? [zones[Math.floor(next() * zones.length)]!] : [])])];
    const startMinute = Math.floor(next() * 24 * 4) * 15;
    const length = 60 + Math.floor(next() * 14 * 4) * 15;
    const fmt = (m: number): string => formatClock((m % 1440) * 60_000);
    const window: DailyWindow = dailyWindow(fmt(startMinute), fmt(startMinute + length))!;
    const now = at(`${changeDays[Math.floor(next() * changeDays.length)]}T00:00:00Z`) + Math.floor(next() * 2 * 86_400_000);
    const answer = nextOpenInAll(picked, window, now);
    const label = `${picked.join('+')} ${fmt(startMinute)}–${fmt(startMinute + length)} from ${iso(now)}`;
    let brute: number | undefined;
    for (let t = now; t < now + 4 * 86_400_000; t += 60_000) {
      if (isOpenIn(picked, window, t)) { brute = t; break; }
    }
    if (brute === undefined) {
      assert.equal(answer, undefined, label);
      continue;
    }
    assert.ok(answer !== undefined, label);
    assert.ok(isOpenIn(picked, window, answer), `${label}: open at ${iso(answer)}`);
    assert.ok(answer <= brute, `${label}: ${iso(answer)} no later than the first open minute ${iso(brute)}`);
    assert.ok(brute - answer < 60_000, `${label}: ${iso(answer)} within the minute before ${iso(brute)}`);
    if (answer > now) assert.ok(!isOpenIn(picked, window, answer - 1), `${label}: closed just before ${iso(answer)}`);
  }
});

test('local wall time follows the zone rules (sanity for the helpers above)', () => {
  assert.equal(formatClock(localTime('America/New_York', at('2026-03-08T06:59:59Z'))), '01:59');
  assert.equal(formatClock(localTime('America/New_York', at('2026-03-08T07:00:00Z'))), '03:00');
  assert.equal(formatClock(localTime('Asia/Kathmandu', at('2026-01-01T00:00:00Z'))), '05:45');
});
