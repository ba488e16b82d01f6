import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PormError } from '../../errors.ts';
import type { NewMessage } from '../model.ts';
import { acceptChannel, type SmsAcceptPolicy } from './accept-channel.ts';
import { fallbackText } from './fallback-text.ts';
import { countSegments } from '../../sms/text/index.ts';

const value = (patch: Partial<NewMessage> = {}): NewMessage => ({
  to: '+14155550100', from: '+14155550199', body: 'hello', subject: null, media: [], statusCallback: null, metadata: null,
  sendAt: null, validityPeriod: null, callbackDialect: 'standard', category: 'transactional', fallback: 'auto', requestedChannel: 'auto', ...patch,
});
const withSms: SmsAcceptPolicy = { maxSegments: 10, smsRouteExists: () => true };
const withoutSms: SmsAcceptPolicy = { maxSegments: 10, smsRouteExists: () => false };
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof PormError ? `${err.code} ${err.fields[0]?.field ?? ''}` : String(err);
  }
  return 'accepted';
};

test('text goes as SMS with its count when an SMS route exists, as MMS when none does', () => {
  assert.deepEqual(acceptChannel(value({ body: '€'.repeat(81) }), 'a', null, withSms), { channel: 'sms', sms: { segments: 2, encoding: 'gsm7' } });
  assert.deepEqual(acceptChannel(value({ body: 'Ж' }), 'a', null, withSms), { channel: 'sms', sms: { segments: 1, encoding: 'ucs2' } });
  assert.deepEqual(acceptChannel(value(), 'a', null, withoutSms), { channel: 'mms', sms: null });
  assert.deepEqual(acceptChannel(value({ media: [{ kind: 'id', id: 'm' }] }), 'a', null, withSms), { channel: 'mms', sms: null });
  assert.deepEqual(acceptChannel(value({ requestedChannel: 'mms' }), 'a', null, withSms), { channel: 'mms', sms: null });
});

test('the segment limit: 10 GSM-7 segments (1530 characters) pass, 1531 are PORM_SMS_BODY_TOO_LONG at /body', () => {
  assert.equal(acceptChannel(value({ body: 'a'.repeat(1530) }), 'a', null, withSms).sms?.segments, 10);
  assert.equal(codeOf(() => acceptChannel(value({ body: 'a'.repeat(1531) }), 'a', null, withSms)), 'PORM_SMS_BODY_TOO_LONG /body');
  assert.equal(codeOf(() => acceptChannel(value({ body: '😀'.repeat(336) }), 'a', null, withSms)), 'PORM_SMS_BODY_TOO_LONG /body', '11 UCS-2 segments');
  assert.equal(codeOf(() => acceptChannel(value({ body: 'a'.repeat(161) }), 'a', null, { ...withSms, maxSegments: 1 })), 'PORM_SMS_BODY_TOO_LONG /body');
  assert.equal(acceptChannel(value({ body: 'a'.repeat(1600) }), 'a', null, withoutSms).channel, 'mms', 'no limit on text that goes as MMS');
});

test('channel "sms" without an SMS route is PORM_SMS_NO_ROUTE at /channel', () => {
  assert.equal(codeOf(() => acceptChannel(value({ requestedChannel: 'sms' }), 'a', null, withoutSms)), 'PORM_SMS_NO_ROUTE /channel');
});

test('rich forms: porm and sms go as SMS when a route serves it; the count waits for the send', () => {
  assert.deepEqual(acceptChannel(value(), 'a', 'porm', withSms), { channel: 'sms', sms: null });
  assert.deepEqual(acceptChannel(value(), 'a', 'porm', withoutSms), { channel: 'mms', sms: null });
  assert.deepEqual(acceptChannel(value(), 'a', 'mms', withSms), { channel: 'mms', sms: null });
});

test('the fallback text keeps the link whole within the limit, cutting the text between graphemes', () => {
  const link = 'https://porm.example/v/Abcdefghij0123456789XY';
  assert.equal(fallbackText('Sub', 'Body', link, 10), `Sub\nBody\n${link}`);
  assert.equal(fallbackText(null, '', link, 10), link);
  for (const body of ['a'.repeat(2000), '👨‍👩‍👧'.repeat(300), 'Ж'.repeat(500) + '€']) {
    for (const max of [1, 2, 5]) {
      const text = fallbackText(null, body, link, max);
      assert.ok(text.endsWith(link));
      assert.ok(countSegments(text).segments <= max, `${max}: ${countSegments(text).segments}`);
      assert.ok(text.isWellFormed(), 'never a lone surrogate');
    }
  }
});
