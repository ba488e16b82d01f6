import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SegmentedMessage } from 'sms-segments-calculator';
import { newId } from '../../ids.ts';
import { mediaSidOf, messageIdOf, messageSidOf } from './sids.ts';
import { segmentCount } from './segments.ts';
import { rfc2822 } from './rfc2822.ts';

test('message SIDs map porm ids both ways, SM without media and MM with', () => {
  for (let i = 0; i < 200; i++) {
    const id = newId('msg', Date.now() + i * 7919);
    const sm = messageSidOf(id, false)!;
    const mm = messageSidOf(id, true)!;
    assert.match(sm, /^SM[0-9a-f]{32}$/);
    assert.equal(mm, `MM${sm.slice(2)}`);
    assert.equal(messageIdOf(sm), id);
    assert.equal(messageIdOf(mm), id);
    assert.equal(messageIdOf(sm.toUpperCase().replace(/^SM/, 'SM')), id, 'hex case does not matter');
  }
  assert.equal(messageSidOf('msg_doesnotexist', false), undefined);
  assert.equal(messageSidOf('inb_01h0000000000000000000000', false), undefined);
  for (const bad of ['', 'SM', `SM${'0'.repeat(31)}`, `SM${'g'.repeat(32)}`, `ME${'0'.repeat(32)}`, `SM${'0'.repeat(32)}/`, `xSM${'0'.repeat(32)}`]) {
    assert.equal(messageIdOf(bad), undefined, bad);
  }
});

test('media SIDs are stable per message and position, and differ otherwise', () => {
  const a = newId('msg');
  const b = newId('msg');
  assert.match(mediaSidOf(a, 0), /^ME[0-9a-f]{32}$/);
  assert.equal(mediaSidOf(a, 0), mediaSidOf(a, 0));
  assert.notEqual(mediaSidOf(a, 0), mediaSidOf(a, 1));
  assert.notEqual(mediaSidOf(a, 0), mediaSidOf(b, 0));
});

test('num_segments agrees with sms-segments-calculator (Twilio\'s own segment calculator) on text; MMS is one', () => {
  const bodies = ['hello', 'x'.repeat(160), 'x'.repeat(161), 'x'.repeat(306), 'x'.repeat(307), '€'.repeat(80), '€'.repeat(81), 'ü'.repeat(70),
    'ł'.repeat(70), 'ł'.repeat(71), 'ł'.repeat(134), 'ł'.repeat(135), 'emoji 😀 '.repeat(10), '[{}]~^|\\'.repeat(20), 'x'.repeat(1600)];
  for (const body of bodies) assert.equal(segmentCount(body, false), new SegmentedMessage(body).segmentsCount, `${body.slice(0, 20)}… (${body.length})`);
  assert.equal(segmentCount('x'.repeat(500), true), 1);
  assert.equal(segmentCount('', false), 0);
});

test('dates are RFC 2822 in GMT, as the SDK parses them', () => {
  assert.equal(rfc2822(Date.UTC(2023, 7, 24, 5, 1, 45)), 'Thu, 24 Aug 2023 05:01:45 +0000');
  assert.equal(rfc2822(Date.UTC(2026, 0, 2, 0, 0, 0)), 'Fri, 02 Jan 2026 00:00:00 +0000');
  assert.equal(new Date(rfc2822(1_700_000_000_000)).getTime(), 1_700_000_000_000);
});
