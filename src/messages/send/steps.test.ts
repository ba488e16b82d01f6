import { test } from 'node:test';
import type { RouteRequest } from './ports.ts';
import assert from 'node:assert/strict';
import { checkExpiry } from './expiry.ts';
import { checkSchedule } from './schedule.ts';
import { channelOf, pickRoute } from './route.ts';
import { acquireSlot } from './rate-limit.ts';
import { mediaFailure } from './media-failure.ts';
import { decideRetry } from './retry-decision.ts';
import { PormError } from '../../errors.ts';
import { MediaResolveError } from '../../media/media-resolver.ts';
import { ScriptedConnector, accepted, policy } from './send-test-kit.ts';
import type { RichRef } from '../model.ts';

const rich = (channel: RichRef['channel']): RichRef => ({ templateId: 't', pinnedRevision: null, data: {}, pageToken: 'p', channel });
const base = { accountId: 'acct', from: '+14155550199', to: '+14155550100', media: [] as [], rich: null };

test('expiry: fails at and after expires_at, never without a validity period', () => {
  assert.equal(checkExpiry({ expiresAt: null, validityPeriod: null }, 1e15), undefined);
  assert.equal(checkExpiry({ expiresAt: 100, validityPeriod: 10 }, 99), undefined);
  const expired = checkExpiry({ expiresAt: 100, validityPeriod: 10 }, 100);
  assert.equal(expired?.kind === 'fail' && expired.code, 'PORM_MESSAGE_EXPIRED');
});

test('schedule: a job due before its send time defers until it', () => {
  assert.deepEqual(checkSchedule({ sendAt: 500 }, 100), { kind: 'defer', until: 500, reason: 'scheduled for later' });
  assert.equal(checkSchedule({ sendAt: 500 }, 500), undefined);
  assert.equal(checkSchedule({ sendAt: null }, 0), undefined);
});

test('channel: media or a rich MMS form is mms; text and the porm/sms forms are sms', () => {
  assert.equal(channelOf({ media: [], rich: null }), 'sms');
  assert.equal(channelOf({ media: [{ kind: 'id', id: 'm' }], rich: null }), 'mms');
  assert.equal(channelOf({ media: [], rich: rich('mms') }), 'mms');
  assert.equal(channelOf({ media: [], rich: rich('porm') }), 'sms');
  assert.equal(channelOf({ media: [], rich: rich('sms') }), 'sms');
});

test('route: sms falls back to mms routes when none serves sms; resume puts the recorded connector first; none fails', () => {
  const a = new ScriptedConnector('a', [accepted('x')]);
  const b = new ScriptedConnector('b', [accepted('x')]);
  const sms = new ScriptedConnector('s', [accepted('x')]);
  const mmsOnly = { candidates: (r: RouteRequest) => (r.channel === 'mms' ? [a, b] : []) };
  assert.deepEqual(pickRoute(mmsOnly, base), { kind: 'continue', value: { channel: 'mms', fellBackFrom: 'sms', fallbackReason: 'no_sms_route', candidates: [a, b] } });
  const both = { candidates: (r: RouteRequest) => (r.channel === 'mms' ? [a, b] : [sms]) };
  assert.deepEqual(pickRoute(both, base), { kind: 'continue', value: { channel: 'sms', candidates: [sms] } });
  assert.deepEqual(pickRoute(mmsOnly, base, 'b'), { kind: 'continue', value: { channel: 'mms', fellBackFrom: 'sms', fallbackReason: 'no_sms_route', candidates: [b, a] } });
  assert.deepEqual(pickRoute(mmsOnly, base, 'gone'), { kind: 'continue', value: { channel: 'mms', fellBackFrom: 'sms', fallbackReason: 'no_sms_route', candidates: [a, b] } });
  const none = pickRoute({ candidates: () => [] }, base);
  assert.equal(none.kind === 'fail' && none.code, 'PORM_NO_ROUTE');
  const smsOnly = { candidates: (r: RouteRequest) => (r.channel === 'sms' ? [sms] : []) };
  const withMedia = { ...base, media: [{ kind: 'id' as const, id: 'm' }] };
  assert.deepEqual(pickRoute(smsOnly, withMedia), { kind: 'continue', value: { channel: 'sms', fellBackFrom: 'mms', fallbackReason: 'no_mms_route', candidates: [sms] } }, 'an MMS without an MMS route goes as its SMS form');
  assert.equal(pickRoute(smsOnly, { ...withMedia, fallback: 'none' }).kind, 'fail', 'unless its fallback is none');
  assert.equal(pickRoute(smsOnly, { ...withMedia, channel: 'mms' }).kind, 'continue', 'a stored channel decides like a derived one');
});

test('rate limit: a slot, or a throttle until the limiter frees one (never in the past)', () => {
  let released = 0;
  const ok = acquireSlot({ acquire: () => ({ ok: true, release: () => { released++; } }) }, 'a', 10);
  assert.equal(ok.kind, 'continue');
  if (ok.kind === 'continue') ok.value();
  assert.equal(released, 1);
  assert.deepEqual(acquireSlot({ acquire: () => ({ ok: false, retryAt: 50 }) }, 'a', 10), { kind: 'throttle', until: 50, reason: 'rate limit of a', source: 'rate_limit' });
  const past = acquireSlot({ acquire: () => ({ ok: false, retryAt: 5 }) }, 'a', 10);
  assert.equal(past.kind === 'throttle' && past.until, 10);
});

test('media failures: porm errors and refused URLs are permanent, other fetch errors retried', () => {
  assert.deepEqual(mediaFailure(new PormError('PORM_RICH_DATA_BLOCKED', 'x')), { kind: 'fail', code: 'PORM_RICH_DATA_BLOCKED', message: 'x' });
  assert.equal(mediaFailure(new MediaResolveError('refused', true)).kind, 'fail');
  assert.deepEqual(mediaFailure(new Error('ETIMEDOUT')), { kind: 'retry', reason: 'media: ETIMEDOUT', exhaustedCode: 'PORM_MEDIA_FETCH_FAILED' });
});

test('retry decision: backoff for errors up to maxAttempts; throttles have their own allowance; rate limits none; validity wins', () => {
  const retry = { kind: 'retry' as const, reason: 'busy' };
  const carrierThrottle = { kind: 'throttle' as const, until: 9000, reason: 'slow', source: 'carrier' as const };
  const ownThrottle = { ...carrierThrottle, source: 'rate_limit' as const };
  const half = () => 0.5;
  assert.deepEqual(decideRetry(retry, { attempts: 1, throttles: 0, rateLimited: 0 }, policy, 0, null, half), { again: true, at: 750 });
  assert.deepEqual(decideRetry(retry, { attempts: 2, throttles: 0, rateLimited: 0 }, policy, 0, null, half), { again: true, at: 1500 });
  assert.deepEqual(decideRetry(retry, { attempts: 3, throttles: 0, rateLimited: 0 }, policy, 0, null, half), { again: false, code: 'PORM_CARRIER_UNAVAILABLE', message: 'busy (after 3 attempts)' });
  assert.equal(decideRetry({ ...retry, exhaustedCode: 'PORM_MEDIA_FETCH_FAILED' }, { attempts: 3, throttles: 0, rateLimited: 0 }, policy, 0, null).again === false, true);
  assert.deepEqual(decideRetry(retry, { attempts: 5, throttles: 1, rateLimited: 2 }, policy, 0, null, half), { again: true, at: 1500 }, 'waits are not attempts');
  assert.deepEqual(decideRetry(carrierThrottle, { attempts: 1, throttles: 0, rateLimited: 0 }, policy, 0, null), { again: true, at: 9000 });
  assert.equal(decideRetry(carrierThrottle, { attempts: 3, throttles: 2, rateLimited: 0 }, policy, 0, null).again, false);
  assert.deepEqual(decideRetry(ownThrottle, { attempts: 50, throttles: 0, rateLimited: 49 }, policy, 0, null), { again: true, at: 9000 });
  assert.deepEqual(decideRetry(ownThrottle, { attempts: 1, throttles: 0, rateLimited: 0 }, policy, 0, 9000), { again: false, code: 'PORM_MESSAGE_EXPIRED', message: 'slow (after 1 attempts)' });
});
