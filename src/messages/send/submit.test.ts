import { test } from 'node:test';
import assert from 'node:assert/strict';
import { submitToRoute, type SubmitDeps } from './submit.ts';
import { accepted, FakeClock, ScriptedConnector, transient } from './send-test-kit.ts';
import type { Message } from '../model.ts';
import type { Route } from './route.ts';
import type { SendRateLimiter } from './ports.ts';
import type { StepResult } from './step-outcome.ts';
import type { FittedMessage } from '../../media/fit/fit-message.ts';

const message: Message = {
  id: 'msg_1', accountId: 'acct', to: '+14155550100', from: '+14155550199', body: 'hi', subject: null, media: [], statusCallback: null,
  metadata: null, sendAt: null, validityPeriod: null, expiresAt: null, status: 'sending', errorCode: null, errorMessage: null, carrier: 'a',
  carrierMessageId: null, attempts: 1, createdAt: 0, updatedAt: 0, mediaSent: null, rich: null, category: 'transactional',
};
const outgoing = { body: 'hi', subject: null, media: [] };
const fit = async (profile: string): Promise<StepResult<FittedMessage>> => ({ kind: 'continue', value: { media: [], parts: [], profile, budgetBytes: 0 } });

function deps(overrides: Partial<SubmitDeps> = {}) {
  const switches: string[] = [];
  const clock = new FakeClock(1000);
  const d: SubmitDeps = {
    limiter: { acquire: () => ({ ok: true, release: () => undefined }) }, fitFor: fit, profileOf: (c) => `p-${c}`,
    switchTo: async (from, to) => { switches.push(`${from}->${to}`); return true; }, observe: () => undefined, now: () => clock.now(), ...overrides,
  };
  return { d, switches };
}
const route = (...candidates: ScriptedConnector[]): Route => ({ channel: 'mms', candidates });
const signal = new AbortController().signal;

test('a backup that refuses permanently does not fail a message the primary only could not take for now', async () => {
  const a = new ScriptedConnector('a', [transient()]);
  const b = new ScriptedConnector('b', [{ outcome: 'permanent', errorCode: 'PORM_CARRIER_REJECTED', message: 'not served' }]);
  const { d } = deps();
  const end = await submitToRoute(message, outgoing, route(a, b), signal, d);
  assert.equal(end.kind, 'retry', 'retried later, from the primary');
  assert.equal(b.submitted.length, 1);
});

test('a worker whose job was taken over hands the message to no other connector', async () => {
  const a = new ScriptedConnector('a', [transient()]);
  const b = new ScriptedConnector('b', [accepted('b1')]);
  const { d } = deps({ switchTo: async () => false });
  const end = await submitToRoute(message, outgoing, route(a, b), signal, d);
  assert.equal(end.kind, 'retry');
  assert.equal(b.submitted.length, 0, 'the second connector never gets it');
});

test('failover: thrown and transient errors move on; the switch is recorded before the next connector gets it', async () => {
  const a = new ScriptedConnector('a', [new Error('boom')]);
  const b = new ScriptedConnector('b', [transient()]);
  const c = new ScriptedConnector('c', [accepted('c9')]);
  const { d, switches } = deps();
  const end = await submitToRoute(message, outgoing, route(a, b, c), signal, d);
  assert.equal(end.kind === 'accepted' && `${end.carrier}:${end.carrierMessageId}:${end.fitted.profile}`, 'c:c9:p-c');
  assert.deepEqual(switches, ['a->b', 'b->c']);
  assert.equal(a.submitted[0]!.id, 'msg_1');
});

test('every candidate failing transiently ends the attempt as a retry on the last one', async () => {
  const { d } = deps();
  const end = await submitToRoute(message, outgoing, route(new ScriptedConnector('a', [transient('x')]), new ScriptedConnector('b', [transient('y')])), signal, d);
  assert.deepEqual(end, { kind: 'retry', reason: 'y', carrier: 'b' });
});

test('a permanent refusal or a carrier throttle ends the attempt: no failover', async () => {
  const b = new ScriptedConnector('b', [accepted('b1')]);
  const { d } = deps();
  const refused = await submitToRoute(message, outgoing, route(new ScriptedConnector('a', [{ outcome: 'permanent', errorCode: 'PORM_CARRIER_REJECTED', message: 'no' }]), b), signal, d);
  assert.equal(refused.kind === 'fail' && refused.code, 'PORM_CARRIER_REJECTED');
  const throttled = await submitToRoute(message, outgoing, route(new ScriptedConnector('a', [{ outcome: 'throttled', retryAfterMs: 300, message: 'slow' }]), b), signal, d);
  assert.deepEqual(throttled, { kind: 'throttle', until: 1300, reason: 'slow', source: 'carrier', carrier: 'a' });
  assert.equal(b.submitted.length, 0);
});

test('rate limits: the first choice waits; a busy failover candidate is passed over; slots are released', async () => {
  const held: string[] = [];
  const limiter = (busy: string[]): SendRateLimiter => ({
    acquire: (c, now) => (busy.includes(c) ? { ok: false, retryAt: now + 50 } : (held.push(c), { ok: true, release: () => { held.splice(held.indexOf(c), 1); } })),
  });
  const a = new ScriptedConnector('a', [transient()]);
  const b = new ScriptedConnector('b', [accepted('b1')]);
  const c = new ScriptedConnector('c', [accepted('c1')]);
  const waited = await submitToRoute(message, outgoing, route(a, b), signal, deps({ limiter: limiter(['a']) }).d);
  assert.deepEqual(waited, { kind: 'throttle', until: 1050, reason: 'rate limit of a', source: 'rate_limit', carrier: 'a' });
  const skipped = await submitToRoute(message, outgoing, route(a, b, c), signal, deps({ limiter: limiter(['b']) }).d);
  assert.equal(skipped.kind === 'accepted' && skipped.carrier, 'c');
  assert.equal(b.submitted.length, 0);
  assert.deepEqual(held, []);
});

test('media that cannot fit the first route fails the attempt; an unfit failover candidate is skipped', async () => {
  const tooBig = async (profile: string): Promise<StepResult<FittedMessage>> =>
    (profile === 'p-b' ? { kind: 'fail', code: 'PORM_MEDIA_TOO_LARGE', message: 'big' } : fit(profile));
  const a = new ScriptedConnector('a', [transient()]);
  const b = new ScriptedConnector('b', [accepted('b1')]);
  const first = await submitToRoute(message, outgoing, route(b, a), signal, deps({ fitFor: tooBig }).d);
  assert.equal(first.kind === 'fail' && first.code, 'PORM_MEDIA_TOO_LARGE');
  const later = await submitToRoute(message, outgoing, route(a, b), signal, deps({ fitFor: tooBig }).d);
  assert.equal(later.kind, 'retry');
  assert.equal(b.submitted.length, 0);
});

test('no failover once shutdown aborted the attempt', async () => {
  const controller = new AbortController();
  const a = new ScriptedConnector('a', [async () => { controller.abort(); throw new Error('aborted'); }]);
  const b = new ScriptedConnector('b', [accepted('b1')]);
  const end = await submitToRoute(message, outgoing, route(a, b), controller.signal, deps().d);
  assert.equal(end.kind, 'retry');
  assert.equal(b.submitted.length, 0);
});
