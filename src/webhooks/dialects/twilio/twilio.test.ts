import { test } from 'node:test';
import assert from 'node:assert/strict';
import twilio from 'twilio';
import type { Message } from '../../../messages/model.ts';
import type { InboundMessage } from '../../../inbound/model.ts';
import { messageStateOf, type OutboxEvent } from '../../outbox-event.ts';
import { webhookDialect } from '../registry.ts';
import { twilioDialect } from './index.ts';
import { decodeForm } from './form.ts';
import { inboundSegments } from './segments.ts';

const at = Date.parse('2026-11-22T02:39:18.902Z');
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const message: Message = {
  id: 'msg_01m80hykvp31ca9q44b25h61wm', accountId: 'acct_1', to: '+14155550100', from: '+14155550199',
  body: 'Hi', subject: null, media: [], statusCallback: 'https://app.example/cb?x=1', callbackDialect: 'twilio', category: 'transactional', metadata: null, sendAt: null, validityPeriod: null, expiresAt: null,
  status: 'sent', errorCode: null, errorMessage: null, carrier: 'sandbox', carrierMessageId: 'c1', attempts: 1, createdAt: at, updatedAt: at, mediaSent: null, rich: null,
};
const eventOf = (m: Message, seq: number): OutboxEvent => ({ type: `message.${m.status}`, at: m.updatedAt, subject: { kind: 'message', id: m.id }, seq, state: messageStateOf(m) });
const context = { baseUrl: 'https://porm.example', accountSid: ACCOUNT_SID };
const render = (m: Message): string => twilioDialect.render(eventOf(m, 4), { kind: 'message', message: m }, context);

test('the Twilio dialect is registered under its name', () => {
  assert.equal(webhookDialect('twilio'), twilioDialect);
  assert.equal(twilioDialect.credentials, 'twilio');
});

test('a status callback is the form Twilio posts, with the message SID the REST surface shows', () => {
  // The SID is SM + the ULID of msg_01m80hykvp31ca9q44b25h61wm in hex (computed independently).
  const body = render(message);
  assert.equal(body, `SmsSid=SM01a2011f4f761858a4dc84588b130794&SmsStatus=sent&MessageStatus=sent&To=%2B14155550100&MessageSid=SM01a2011f4f761858a4dc84588b130794&AccountSid=${ACCOUNT_SID}&From=%2B14155550199&ApiVersion=2010-04-01`);
});

test('delivered and undelivered carry RawDlrDoneDate; failures carry a Twilio ErrorCode; MMS are MM with NumMedia', () => {
  const delivered = decodeForm(render({ ...message, status: 'delivered', updatedAt: Date.parse('2026-11-22T23:05:59Z') }));
  assert.equal(delivered.RawDlrDoneDate, '2611222305');
  assert.equal(delivered.ErrorCode, undefined);
  const undelivered = decodeForm(render({ ...message, status: 'undelivered', errorCode: 'PORM_UNDELIVERED' }));
  assert.equal(undelivered.ErrorCode, '30003');
  assert.ok(undelivered.RawDlrDoneDate);
  const failed = decodeForm(render({ ...message, status: 'failed', errorCode: 'PORM_MEDIA_TOO_LARGE' }));
  assert.deepEqual([failed.ErrorCode, failed.RawDlrDoneDate], ['30019', undefined]);
  assert.equal(decodeForm(render({ ...message, status: 'failed', errorCode: null })).ErrorCode, '30008', 'a failure without a porm code is Twilio\'s unknown error');
  const mms = decodeForm(render({ ...message, media: [{ kind: 'url', url: 'https://cdn.example/a.jpg' }, { kind: 'id', id: 'med_1' }] }));
  assert.match(String(mms.MessageSid), /^MM[0-9a-f]{32}$/);
  assert.equal(mms.SmsSid, mms.MessageSid);
  assert.equal(mms.NumMedia, '2');
});

test('Twilio does not announce the initial status: the first two events of a message are skipped', () => {
  assert.equal(twilioDialect.announces?.(eventOf({ ...message, status: 'accepted' }, 1)), false);
  assert.equal(twilioDialect.announces?.(eventOf({ ...message, status: 'queued' }, 2)), false);
  assert.equal(twilioDialect.announces?.(eventOf({ ...message, status: 'queued' }, 3)), true, 'a scheduled message coming due');
  assert.equal(twilioDialect.announces?.(eventOf({ ...message, status: 'sending' }, 3)), true);
});

test('the signature validates with the twilio package over the exact callback URL, query string included', () => {
  const body = render({ ...message, body: 'ünïcode & = + %', status: 'delivered' });
  const url = 'https://app.example/cb?x=1&y=a%20b';
  const headers = twilioDialect.sign({ deliveryId: 'whd_1', url, body, timestamp: 1 }, TOKEN);
  assert.equal(headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(headers['i-twilio-idempotency-token'], 'whd_1');
  const params = Object.fromEntries(new URLSearchParams(body));
  assert.ok(twilio.validateRequest(TOKEN, headers['x-twilio-signature']!, url, params));
  assert.ok(!twilio.validateRequest('another-token', headers['x-twilio-signature']!, url, params));
  assert.ok(!twilio.validateRequest(TOKEN, headers['x-twilio-signature']!, 'https://app.example/cb?x=1', params));
  assert.ok(!twilio.validateRequest(TOKEN, headers['x-twilio-signature']!, url, { ...params, MessageStatus: 'failed' }));
});

test('a GET carries no body: the signature covers the URL with the parameters in its query', () => {
  const url = `https://app.example/sms?${render(message)}`;
  const headers = twilioDialect.sign({ deliveryId: 'whd_2', url, body: '', timestamp: 1 }, TOKEN);
  assert.equal(headers['content-type'], undefined);
  assert.ok(twilio.validateRequest(TOKEN, headers['x-twilio-signature']!, url, {}));
});

const inbound: InboundMessage = {
  id: 'inb_01m80hykvp31ca9q44b25h61wm', carrier: 'sandbox', from: '+14155550123', to: '+14155550199', subject: null, body: 'Hello there',
  media: [{ id: 'med_a', contentType: 'image/jpeg', size: 10 }, { id: 'med_b', contentType: 'text/plain', size: 3 }], linkedId: null, receivedAt: at,
};

test('an inbound message is the request Twilio makes to a number\'s webhook, media URLs and types by index', () => {
  const body = twilioDialect.render({ type: 'inbound.received', at, subject: { kind: 'inbound_message', id: inbound.id } }, { kind: 'inbound_message', inbound },
    { ...context, mediaUrls: ['https://porm.example/media/t1', null] });
  const p = decodeForm(body);
  assert.match(String(p.MessageSid), /^MM[0-9a-f]{32}$/);
  assert.equal(p.SmsMessageSid, p.MessageSid);
  assert.equal(p.SmsSid, p.MessageSid);
  assert.deepEqual([p.From, p.To, p.Body, p.NumMedia, p.NumSegments, p.AccountSid, p.ApiVersion, p.SmsStatus], ['+14155550123', '+14155550199', 'Hello there', '2', '1', ACCOUNT_SID, '2010-04-01', 'received']);
  assert.deepEqual([p.MediaUrl0, p.MediaContentType0, p.MediaContentType1, p.MediaUrl1], ['https://porm.example/media/t1', 'image/jpeg', 'text/plain', undefined], 'an item whose bytes are gone has no URL');
  const sms = decodeForm(twilioDialect.render({ type: 'inbound.received', at, subject: { kind: 'inbound_message', id: inbound.id } }, { kind: 'inbound_message', inbound: { ...inbound, media: [] } }, context));
  assert.match(String(sms.MessageSid), /^SM/);
  assert.equal(sms.NumMedia, '0');
  assert.equal(sms.MediaUrl0, undefined);
});

test('NumSegments counts GSM-7 and UCS-2 segments as Twilio does', () => {
  assert.equal(inboundSegments('', false), 1);
  assert.equal(inboundSegments('a'.repeat(160), false), 1);
  assert.equal(inboundSegments('a'.repeat(161), false), 2);
  assert.equal(inboundSegments('€'.repeat(80), false), 1, 'extension characters take two septets');
  assert.equal(inboundSegments('€'.repeat(81), false), 2);
  assert.equal(inboundSegments('ж'.repeat(70), false), 1);
  assert.equal(inboundSegments('ж'.repeat(71), false), 2);
  assert.equal(inboundSegments('x'.repeat(500), true), 1);
});

test('without the AccountSid, or for an event it has no form for, the dialect refuses instead of sending half a callback', () => {
  assert.throws(() => twilioDialect.render(eventOf(message, 3), { kind: 'message', message }, { baseUrl: 'x' }));
  const rich = { id: 'evt_1', kind: 'click', messageId: 'msg_1', to: '+1', templateId: 't', revision: 1, actionId: null, ok: null, durationMs: null, data: null, at };
  assert.throws(() => twilioDialect.render({ type: 'rich.clicked', at, subject: { kind: 'rich_event', id: 'evt_1' } }, { kind: 'rich_event', event: rich }, context));
});

test('a posted name such as __proto__ is an ordinary parameter when the signer reads the form back', () => {
  const params = decodeForm('__proto__=x&a=1&a=2');
  assert.deepEqual(Object.keys(params).sort(), ['__proto__', 'a']);
  assert.deepEqual(params.a, ['1', '2']);
});
