import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { newId } from '../ids.ts';
import { hexOfId, idOfHex, idOfMessageSid, messageSidOf } from './sids.ts';

test('a message SID is SM or MM and 32 hex digits, and maps back to the porm id', () => {
  const id = 'msg_01m80hykvp31ca9q44b25h61wm';
  const sid = messageSidOf(id, false);
  assert.match(sid, /^SM[0-9a-f]{32}$/);
  assert.equal(messageSidOf(id, true), `MM${sid.slice(2)}`);
  assert.equal(idOfMessageSid(sid, 'msg'), id);
  assert.equal(idOfMessageSid(sid.toUpperCase().replace(/^SM/, 'SM'), 'msg'), id, 'hex digits in either case');
});

test('the ULID digits carry exactly the 128 bits of the SID', () => {
  assert.equal(hexOfId('msg_00000000000000000000000000'), '0'.repeat(32));
  assert.equal(hexOfId('msg_7zzzzzzzzzzzzzzzzzzzzzzzzz'), 'f'.repeat(32));
  assert.equal(hexOfId('inb_00000000000000000000000001'), `${'0'.repeat(31)}1`);
  assert.equal(idOfHex('msg', 'f'.repeat(32)), 'msg_7zzzzzzzzzzzzzzzzzzzzzzzzz');
});

test('ids and SIDs that are not of the form are refused, never mapped to something else', () => {
  for (const bad of ['msg_', 'msg_8zzzzzzzzzzzzzzzzzzzzzzzzz', 'msg_01m80hykvp31ca9q44b25h61wu', 'msg_01m80hykvp31ca9q44b25h61w', 'nope']) assert.equal(hexOfId(bad), null, bad);
  assert.throws(() => messageSidOf('msg_x', false));
  for (const bad of ['SM123', `XX${'0'.repeat(32)}`, `SM${'g'.repeat(32)}`, `SM${'0'.repeat(33)}`, `sm${'0'.repeat(32)}`]) assert.equal(idOfMessageSid(bad, 'msg'), null, bad);
});

test('every generated id round-trips through its SID', () => {
  // From 1 ms: ulidx's monotonic factory throws when its very first call is at time 0 (it takes 0 for
  // "a time already seen" and increments a random part it has not made yet). porm's ids use the clock.
  fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 47 }), fc.boolean(), (at, media) => {
    const id = newId('msg', at);
    assert.equal(idOfMessageSid(messageSidOf(id, media), 'msg'), id);
  }));
});

test('messaging service (MG) and phone number (PN) SIDs map both ways; anything else names nothing', async () => {
  const { idOfMessagingServiceSid, idOfPhoneNumberSid, messagingServiceSidOf, phoneNumberSidOf } = await import('./sids.ts');
  const { newMessagingServiceId } = await import('../ids.ts');
  const service = newMessagingServiceId();
  const sid = messagingServiceSidOf(service);
  assert.match(sid, /^MG[0-9a-f]{32}$/);
  assert.equal(idOfMessagingServiceSid(sid), service);
  assert.equal(idOfMessagingServiceSid(`MG${sid.slice(2).toUpperCase()}`), service, 'hex case does not matter');
  const number = newId('num');
  assert.equal(idOfPhoneNumberSid(phoneNumberSidOf(number)), number);
  for (const bad of ['', 'MG', `MG${'0'.repeat(31)}`, `MG${'g'.repeat(32)}`, `SM${'0'.repeat(32)}`, `MG${'0'.repeat(32)}x`, ` MG${'0'.repeat(32)}`]) {
    assert.equal(idOfMessagingServiceSid(bad), null, bad);
    assert.equal(idOfPhoneNumberSid(bad.replace(/^MG/, 'PN')), null, bad);
  }
  assert.equal(idOfPhoneNumberSid(sid), null, 'an MG SID is no PN SID');
});
