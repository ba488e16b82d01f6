import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGE_STATUSES, canTransition, isFinal, sourcesOf } from './status.ts';

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
