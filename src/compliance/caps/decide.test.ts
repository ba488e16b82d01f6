import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capDecision, type CapRule } from './decide.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 6, 1, 12);
const hold3: CapRule = { max: 3, windowMs: 24 * HOUR, action: 'hold', source: 'program cap' };
const fail3: CapRule = { ...hold3, action: 'fail' };

test('under the cap goes; at the cap holds until the oldest counted one leaves the window', () => {
  const two = [NOW - 5 * HOUR, NOW - HOUR];
  assert.equal(capDecision([hold3], two, NOW), undefined, '2 of 3: the third goes');
  const three = [NOW - 20 * HOUR, NOW - 5 * HOUR, NOW - HOUR];
  const stop = capDecision([hold3], three, NOW);
  assert.ok(stop && stop.kind === 'defer');
  assert.equal(stop.until, NOW - 20 * HOUR + 24 * HOUR, 'until the oldest is 24 h old');
  assert.match(stop.reason, /program cap: 3 per 24 h/);
  // At that instant the oldest no longer counts, one millisecond before it still does.
  assert.equal(capDecision([hold3], three, stop.until), undefined);
  assert.ok(capDecision([hold3], three, stop.until - 1));
});

test('the window edge: a message sent exactly one window ago no longer counts', () => {
  const edge = [NOW - 24 * HOUR, NOW - 2 * HOUR, NOW - HOUR];
  assert.equal(capDecision([hold3], edge, NOW), undefined);
  const inside = [NOW - 24 * HOUR + 1, NOW - 2 * HOUR, NOW - HOUR];
  assert.ok(capDecision([hold3], inside, NOW));
});

test('over the cap (it was lowered): held until enough have left that only max − 1 remain', () => {
  const five = [NOW - 23 * HOUR, NOW - 22 * HOUR, NOW - 10 * HOUR, NOW - 2 * HOUR, NOW - HOUR];
  const stop = capDecision([hold3], five, NOW);
  assert.ok(stop && stop.kind === 'defer');
  // Of five, three must leave: the third oldest (10 h old) leaves in 14 h.
  assert.equal(stop.until, NOW + 14 * HOUR);
  assert.equal(capDecision([hold3], five, stop.until), undefined);
  assert.ok(capDecision([hold3], five, stop.until - 1));
});

test('fail instead of hold, with the cap code; a failing cap wins over a holding one', () => {
  const three = [NOW - 3 * HOUR, NOW - 2 * HOUR, NOW - HOUR];
  const stop = capDecision([fail3], three, NOW);
  assert.ok(stop && stop.kind === 'fail');
  assert.equal(stop.code, 'PORM_FREQUENCY_CAP_EXCEEDED');
  assert.match(stop.message, /3 marketing messages already sent/);
  assert.equal(capDecision([hold3, fail3], three, NOW)?.kind, 'fail');
  assert.equal(capDecision([fail3], three.slice(1), NOW), undefined);
});

test('several caps: the longest hold wins; order of the sent times does not matter', () => {
  const hourly: CapRule = { max: 1, windowMs: HOUR, action: 'hold', source: 'program cap' };
  const state: CapRule = { max: 3, windowMs: 24 * HOUR, action: 'hold', source: 'Florida 3 per 24 h rule' };
  const sent = [NOW - 30 * 60_000, NOW - 20 * HOUR, NOW - 10 * HOUR];
  const stop = capDecision([hourly, state], sent, NOW);
  assert.ok(stop && stop.kind === 'defer');
  assert.equal(stop.until, NOW + 4 * HOUR, 'Florida: the 20 h old one leaves in 4 h (the hourly cap would free in 30 min)');
  assert.match(stop.reason, /Florida/);
});

test('unusable caps (validation should refuse them) are ignored rather than holding forever', () => {
  const sent = [NOW - HOUR];
  for (const bad of [{ max: 0 }, { max: -1 }, { max: 1.5 }, { max: Number.NaN }, { windowMs: 0 }, { windowMs: -HOUR }, { windowMs: Number.POSITIVE_INFINITY }]) {
    assert.equal(capDecision([{ ...hold3, max: 1, ...bad }], sent, NOW), undefined, JSON.stringify(bad));
  }
  assert.ok(capDecision([{ ...hold3, max: 1 }], sent, NOW), 'the same cap, valid, holds');
});
