import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quietHoursStop, type QuietHoursInput } from './index.ts';
import type { QuietHoursSettings } from './settings.ts';

const DEFAULTS: QuietHoursSettings = { start: '08:00', end: '20:00', appliesToTransactional: false, stateRules: true };
const at = (iso: string): number => Date.parse(iso);

function input(to: string, now: string, quietHours: Partial<QuietHoursSettings> = {}, extra: Partial<QuietHoursInput> = {}): QuietHoursInput {
  return { category: 'marketing', to, knownZone: null, now: at(now), settings: { quietHours: { ...DEFAULTS, ...quietHours } }, ...extra };
}

async function heldUntil(i: QuietHoursInput): Promise<string | undefined> {
  const stop = await quietHoursStop(i);
  if (stop === undefined) return undefined;
  assert.equal(stop.kind, 'defer');
  return stop.kind === 'defer' ? new Date(stop.until).toISOString() : undefined;
}

test('marketing to New York at 21:00 local is held until 08:00 local, the reason naming zone and window', async () => {
  const stop = await quietHoursStop(input('+12125550100', '2026-01-16T02:00:00Z'));
  assert.ok(stop && stop.kind === 'defer');
  assert.equal(new Date(stop.until).toISOString(), '2026-01-16T13:00:00.000Z');
  assert.match(stop.reason, /08:00–20:00/);
  assert.match(stop.reason, /America\/New_York 21:00/);
  assert.match(stop.reason, /held until 2026-01-16T13:00:00\.000Z/);
  assert.equal(await heldUntil(input('+12125550100', '2026-01-15T13:00:00Z')), undefined, '08:00 local goes');
});

test('transactional messages are exempt unless the program opts them in', async () => {
  const night = input('+12125550100', '2026-01-16T02:00:00Z', {}, { category: 'transactional' });
  assert.equal(await quietHoursStop(night), undefined);
  const optedIn = input('+12125550100', '2026-01-16T02:00:00Z', { appliesToTransactional: true }, { category: 'transactional' });
  assert.equal(await heldUntil(optedIn), '2026-01-16T13:00:00.000Z');
});

test('the recipient\'s zone, not the server\'s: Phoenix, Honolulu, and a stored contact zone', async () => {
  // 14:30Z on 2026-07-01: 10:30 in New York, 07:30 in Phoenix, 04:30 in Honolulu.
  assert.equal(await heldUntil(input('+12125550100', '2026-07-01T14:30:00Z')), undefined);
  assert.equal(await heldUntil(input('+16235550100', '2026-07-01T14:30:00Z')), '2026-07-01T15:00:00.000Z');
  assert.equal(await heldUntil(input('+18085550100', '2026-07-01T14:30:00Z')), '2026-07-01T18:00:00.000Z');
  assert.equal(await heldUntil(input('+12125550100', '2026-07-01T14:30:00Z', {}, { knownZone: 'Pacific/Honolulu' })), '2026-07-01T18:00:00.000Z');
});

test('a number in two zones (+1 907) is sent only when the window is open in both', async () => {
  const stop = await quietHoursStop(input('+19075550100', '2026-07-01T16:30:00Z'));
  assert.ok(stop && stop.kind === 'defer');
  assert.equal(new Date(stop.until).toISOString(), '2026-07-01T17:00:00.000Z');
  assert.match(stop.reason, /America\/Adak 07:30, America\/Anchorage 08:30/);
});

test('state rules: 8pm in Florida, Oklahoma, Maryland, Connecticut, Washington; federal 9pm elsewhere; off when the program says', async () => {
  const wide = { start: '07:00', end: '22:00' };
  // 20:30 local in each (Eastern 00:30Z, Central 01:30Z, Pacific 03:30Z in July).
  const strict: [string, string, RegExp][] = [
    ['+13055550123', '2026-07-02T00:30:00Z', /Florida/], ['+14105550123', '2026-07-02T00:30:00Z', /Maryland/],
    ['+12035550123', '2026-07-02T00:30:00Z', /Connecticut/], ['+14055550123', '2026-07-02T01:30:00Z', /Oklahoma/],
    ['+12065550123', '2026-07-02T03:30:00Z', /Washington/],
  ];
  for (const [to, now, rule] of strict) {
    const stop = await quietHoursStop(input(to, now, wide));
    assert.ok(stop && stop.kind === 'defer', `${to} held at 20:30 local`);
    assert.match(stop.reason, rule);
    assert.match(stop.reason, /08:00–20:00/);
    assert.equal(await quietHoursStop(input(to, now, { ...wide, stateRules: false })), undefined, `${to} without state rules`);
  }
  assert.equal(await quietHoursStop(input('+12125550100', '2026-07-02T00:30:00Z', wide)), undefined, 'New York at 20:30: federal 21:00');
  const federal = await quietHoursStop(input('+12125550100', '2026-07-02T01:30:00Z', wide));
  assert.ok(federal && federal.kind === 'defer', 'New York at 21:30 is past the federal 21:00 even though the program allows 22:00');
  assert.match(federal.reason, /federal/);
  // 07:30 local: the program allows 07:00, the law only 08:00.
  assert.equal(await heldUntil(input('+13055550123', '2026-07-01T11:30:00Z', wide)), '2026-07-01T12:00:00.000Z');
  // Outside the US no US rule applies: Vancouver at 20:30 PDT with a 22:00 program window goes.
  assert.equal(await quietHoursStop(input('+16045550100', '2026-07-02T03:30:00Z', wide)), undefined);
});

test('a number porm cannot place waits for the window open in every US zone (and the strictest state rule)', async () => {
  // 12:30Z in January: 07:30 in New York. 18:30Z: 13:30 New York, 08:30 Honolulu, 07:30 Adak (HST too, UTC−10).
  assert.equal(await heldUntil(input('+19995550100', '2026-01-15T12:30:00Z')), '2026-01-15T18:00:00.000Z');
  assert.equal(await heldUntil(input('+19995550100', '2026-01-15T18:30:00Z')), undefined);
  // 20:30 Eastern: closed (most restrictive), whatever the program's window.
  assert.ok(await quietHoursStop(input('+19995550100', '2026-01-16T01:30:00Z', { start: '07:00', end: '22:00' })));
});

test('windows: midnight-crossing, a program window the law never opens, an unreadable window', async () => {
  // A 22:00–06:00 program without state rules (say, a night-shift service abroad): 23:00 goes, 07:00 waits.
  const night = { start: '22:00', end: '06:00', stateRules: false };
  assert.equal(await quietHoursStop(input('+4930123456', '2026-01-15T22:00:00Z', night)), undefined, '23:00 Berlin');
  assert.equal(await heldUntil(input('+4930123456', '2026-01-15T06:00:00Z', night)), '2026-01-15T21:00:00.000Z');
  // Same window with state rules in Florida: never lawful, so the legal window decides and says so.
  const stop = await quietHoursStop(input('+13055550123', '2026-01-15T04:00:00Z', { start: '22:00', end: '06:00' }));
  assert.ok(stop && stop.kind === 'defer');
  assert.equal(new Date(stop.until).toISOString(), '2026-01-15T13:00:00.000Z');
  assert.match(stop.reason, /never open under it/);
  // An empty or malformed window (validation should refuse it) falls back to the safe 08:00–20:00.
  const broken = await quietHoursStop(input('+12125550100', '2026-01-16T02:00:00Z', { start: '09:00', end: '09:00' }));
  assert.ok(broken && broken.kind === 'defer');
  assert.match(broken.reason, /safe default/);
});
