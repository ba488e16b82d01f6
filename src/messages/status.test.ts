import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGE_STATUSES, canTransition, isFinal, sourcesOf, type MessageStatus } from './status.ts';

test('final states never move', () => {
  for (const from of MESSAGE_STATUSES.filter(isFinal)) {
    for (const to of MESSAGE_STATUSES) assert.equal(canTransition(from, to), false, `${from} → ${to}`);
  }
});

test('the happy path is legal step by step', () => {
  const path = ['accepted', 'queued', 'sending', 'sent', 'delivered'] as const;
  for (let i = 1; i < path.length; i++) assert.ok(canTransition(path[i - 1]!, path[i]!));
});

test('cancel only before sending; sent never goes back to queued', () => {
  assert.deepEqual(sourcesOf('canceled').sort(), ['accepted', 'queued', 'scheduled']);
  assert.equal(canTransition('sending', 'canceled'), false);
  assert.equal(canTransition('sent', 'queued'), false);
  assert.equal(canTransition('sending', 'queued'), true, 'a transient failure schedules a retry');
});

test('a final state never moves back: no legal move starts from one, for any target', () => {
  for (const to of MESSAGE_STATUSES) for (const from of sourcesOf(to)) assert.equal(isFinal(from), false, `${from} → ${to}`);
  assert.deepEqual(MESSAGE_STATUSES.filter((s) => isFinal(s)).sort(), ['canceled', 'delivered', 'failed', 'undelivered']);
});

test('every state that is not final can still reach one', () => {
  const reachesFinal = (from: MessageStatus, seen = new Set<MessageStatus>()): boolean =>
    isFinal(from) || MESSAGE_STATUSES.some((to) => canTransition(from, to) && !seen.has(to) && reachesFinal(to, new Set([...seen, from])));
  for (const status of MESSAGE_STATUSES) assert.ok(reachesFinal(status), status);
});

test('a compliance hold: queued → scheduled, and back to queued when released; sending never goes to scheduled', () => {
  assert.ok(canTransition('queued', 'scheduled'));
  assert.ok(canTransition('scheduled', 'queued'));
  assert.equal(canTransition('sending', 'scheduled'), false);
  assert.equal(canTransition('sent', 'scheduled'), false);
});
