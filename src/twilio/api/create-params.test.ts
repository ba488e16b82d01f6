import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { CREATE_KEYS, sendCommandFromForm, type FormBody } from './create-params.ts';
import { TwilioApiError } from './twilio-error.ts';
import { hexOfId } from '../sids.ts';
import { TWILIO_OPENAPI } from '../../../test/helpers/twilio-schema.ts';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const base = { To: '+14155550100', From: '+14155550199' };
const codeOf = (form: FormBody): number => {
  try {
    sendCommandFromForm(form, 'acct_x', now);
  } catch (err) {
    if (err instanceof TwilioApiError) return err.code;
    throw err;
  }
  return 0;
};

test('every create parameter of Twilio\'s OpenAPI is known to porm (honoured, accepted or refused)', (t) => {
  if (!existsSync(TWILIO_OPENAPI)) return t.skip(`skipped: ${TWILIO_OPENAPI} not found`);
  const doc = JSON.parse(readFileSync(TWILIO_OPENAPI, 'utf8')) as { paths: Record<string, { post: { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }> };
  const keys = Object.keys(doc.paths['/2010-04-01/Accounts/{AccountSid}/Messages.json']!.post.requestBody.content['application/x-www-form-urlencoded']!.schema.properties);
  assert.ok(keys.length >= 20);
  assert.deepEqual(keys.filter((k) => !CREATE_KEYS.has(k)), []);
});

test('form → SendCommand: repeated MediaUrl, callback, validity, schedule, the Twilio callback dialect', () => {
  const command = sendCommandFromForm({ ...base, Body: 'hi', MediaUrl: ['https://a.example/1.png', 'https://a.example/2.png'], StatusCallback: 'https://cb.example/s', ValidityPeriod: '600', SendAt: '2026-01-01T13:00:00Z', ScheduleType: 'fixed', ShortenUrls: 'false', SendAsMms: 'true', RiskCheck: 'disable', Attempt: '1', MaxPrice: '0.5' }, 'acct_x', now);
  assert.deepEqual(command, {
    accountId: 'acct_x', to: '+14155550100', from: '+14155550199', callbackDialect: 'twilio', body: 'hi',
    media: [{ url: 'https://a.example/1.png' }, { url: 'https://a.example/2.png' }], statusCallback: 'https://cb.example/s', validityPeriod: 600, sendAt: '2026-01-01T13:00:00Z',
  });
  assert.deepEqual(sendCommandFromForm({ ...base, MediaUrl: 'https://a.example/1.png' }, 'acct_x', now).media, [{ url: 'https://a.example/1.png' }]);
});

test('MessagingServiceSid: the pool picks the sender without From; a From given too is kept', () => {
  const id = 'mgs_01jd8x0000000000000000000z';
  const sid = `MG${hexOfId(id)!}`;
  const pooled = sendCommandFromForm({ To: base.To, MessagingServiceSid: sid, Body: 'x' }, 'acct_x', now);
  assert.equal(pooled.from, '');
  assert.equal(pooled.messagingServiceId, id);
  assert.equal(sendCommandFromForm({ To: base.To, MessagingServiceSid: sid.toUpperCase().replace(/^MG/, 'MG'), Body: 'x' }, 'acct_x', now).messagingServiceId, id, 'hex case does not matter');
  const both = sendCommandFromForm({ ...base, MessagingServiceSid: sid, Body: 'x' }, 'acct_x', now);
  assert.equal(both.from, base.From);
  assert.equal(both.messagingServiceId, id);
  assert.equal(sendCommandFromForm({ ...base, Body: 'x' }, 'acct_x', now).messagingServiceId, undefined);
});

test('refusals carry Twilio\'s codes, and behaviour-changing options are never dropped', () => {
  assert.equal(codeOf({ From: base.From, Body: 'x' }), 21604);
  assert.equal(codeOf({ To: base.To, Body: 'x' }), 21603);
  assert.equal(codeOf({ ...base }), 21602);
  assert.equal(codeOf({ ...base, Body: '' }), 21602);
  assert.equal(codeOf({ ...base, MessagingServiceSid: `MG${'0'.repeat(31)}`, Body: 'x' }), 21701, 'not an MG SID');
  assert.equal(codeOf({ To: base.To, MessagingServiceSid: 'MGxyz', Body: 'x' }), 21701);
  assert.equal(codeOf({ To: base.To, MessagingServiceSid: '', Body: 'x' }), 21603, 'an empty MessagingServiceSid is none');
  assert.equal(codeOf({ To: base.To, MessagingServiceSid: [`MG${'0'.repeat(32)}`, `MG${'1'.repeat(32)}`], Body: 'x' }), 20001);
  assert.equal(codeOf({ ...base, MediaUrl: Array.from({ length: 11 }, (_, i) => `https://a.example/${i}`) }), 21623);
  assert.equal(codeOf({ ...base, MediaUrl: '' }), 21620);
  for (const [key, value] of [['ShortenUrls', 'maybe'], ['SmartEncoded', 'true'], ['ProvideFeedback', 'true'], ['ForceDelivery', 'true'], ['PersistentAction', 'geo:1,2'],
    ['FallbackFrom', '+14155550111'], ['TrafficType', 'free'], ['ContentRetention', 'discard'], ['AddressRetention', 'obfuscate'], ['ApplicationSid', `AP${'0'.repeat(32)}`],
    ['ValidityPeriod', '0'], ['ValidityPeriod', '36001'], ['ValidityPeriod', '1.5'], ['SendAsMms', 'maybe'], ['Unknown', 'x'], ['to', 'lowercase keys are other keys']] as const) {
    assert.equal(codeOf({ ...base, Body: 'x', [key]: value }), 20001, `${key}=${value}`);
  }
  assert.equal(codeOf({ ...base, ContentSid: `HX${'0'.repeat(32)}` }), 21655);
  assert.equal(codeOf({ ...base, Body: 'x', SendAt: '2026-01-01T13:00:00Z' }), 35111);
  assert.equal(codeOf({ ...base, Body: 'x', ScheduleType: 'fixed' }), 35111);
  assert.equal(codeOf({ ...base, Body: 'x', ScheduleType: 'daily', SendAt: '2026-01-01T13:00:00Z' }), 35111);
  assert.equal(codeOf({ ...base, Body: 'x', ScheduleType: 'fixed', SendAt: '2026-01-01T12:04:00Z' }), 35114, 'under 300 s ahead');
  assert.equal(codeOf({ ...base, Body: 'x', ScheduleType: 'fixed', SendAt: '2026-03-01T12:00:00Z' }), 35114, 'over 35 days ahead');
  assert.equal(codeOf({ ...base, Body: 'x', ScheduleType: 'fixed', SendAt: 'tomorrow' }), 35114);
  assert.equal(codeOf({ ...base, Body: ['a', 'b'] }), 20001, 'a repeated single-valued key');
  assert.equal(codeOf({ ...base, Body: 'x', ApplicationSid: `AP${'0'.repeat(32)}`, StatusCallback: 'https://cb.example/' }), 0, 'ApplicationSid is overridden by StatusCallback, as on Twilio');
});

test('ShortenUrls=true tracks the links of the body (porm\'s tracked links)', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  const form = { To: '+14155550100', From: '+14155550199', Body: 'see https://a.example/x', ShortenUrls: 'true' };
  assert.equal(sendCommandFromForm(form, 'acct_x', now).trackLinks, true);
  assert.equal(sendCommandFromForm({ ...form, ShortenUrls: 'false' }, 'acct_x', now).trackLinks, undefined);
});
