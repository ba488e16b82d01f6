import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '../../../messages/model.ts';
import { presentMessage, presentMessageEvent } from './message.ts';
import { presentInboundMessage } from './inbound-message.ts';
import { presentMedia } from './media.ts';
import { presentWebhookEndpoint } from './webhook-endpoint.ts';
import { presentWebhookDelivery } from './webhook-delivery.ts';
import { toApiPointer, SEND_MESSAGE_POINTERS } from '../field-pointers.ts';

const at = Date.parse('2026-11-22T02:39:18.902Z');

const sampleMessage: Message = {
  id: 'msg_01m80hykvp31ca9q44b25h61wm', accountId: 'acct_01m80htb0z8vpbj231dybqejnk', to: '+14155550100', from: '+14155550199',
  body: 'Hi', subject: null, media: [{ kind: 'url', url: 'https://e.com/a.jpg' }, { kind: 'id', id: 'med_1' }], statusCallback: 'http://127.0.0.1:4000/cb',
  metadata: null, sendAt: null, validityPeriod: null, expiresAt: null, status: 'accepted', errorCode: null, errorMessage: null, carrier: null,
  carrierMessageId: null, attempts: 0, createdAt: at, updatedAt: at, mediaSent: null, rich: null, category: 'transactional',
};

test('a message is its /v1 resource: snake_case, ISO times, media refs as {url} or {id}, no events key unless asked', () => {
  const json = presentMessage(sampleMessage, { baseUrl: 'https://porm.example' });
  assert.equal(JSON.stringify(json), JSON.stringify({
    id: 'msg_01m80hykvp31ca9q44b25h61wm', object: 'message', account_id: 'acct_01m80htb0z8vpbj231dybqejnk', to: '+14155550100', from: '+14155550199',
    body: 'Hi', subject: null, media: [{ url: 'https://e.com/a.jpg' }, { id: 'med_1' }], status: 'accepted', error_code: null, error_message: null,
    status_callback: 'http://127.0.0.1:4000/cb', send_at: null, validity_period: null, expires_at: null, metadata: null, carrier: null,
    carrier_message_id: null, attempts: 0, created_at: '2026-11-22T02:39:18.902Z', updated_at: '2026-11-22T02:39:18.902Z', media_sent: null,
    template: null, channel: 'mms', segments: null, encoding: null, fallback: 'auto', channel_fallback: null, page_url: null, category: 'transactional',
  }));
  const withEvents = presentMessage(sampleMessage, { baseUrl: 'https://porm.example' }, [{ seq: 1, type: 'accepted', status: 'accepted', at, data: null }]);
  assert.deepEqual(withEvents.events, [{ seq: 1, type: 'accepted', status: 'accepted', at: '2026-11-22T02:39:18.902Z', data: null }]);
  assert.deepEqual(presentMessageEvent({ seq: 2, type: 'queued', status: 'queued', at, data: { a: 1 } }).data, { a: 1 });
});

test('a rich message links its page under the base URL given at presentation time', () => {
  const rich = { ...sampleMessage, rich: { templateId: 'tpl_1', pinnedRevision: 3, data: {}, pageToken: 'TOKENxxxxxxxxxxxxxxxxx', channel: 'porm' as const } };
  const a = presentMessage(rich, { baseUrl: 'http://127.0.0.1:3000' });
  const b = presentMessage(rich, { baseUrl: 'https://porm.example/' });
  assert.equal(a.page_url, 'http://127.0.0.1:3000/m/TOKENxxxxxxxxxxxxxxxxx');
  assert.equal(b.page_url, 'https://porm.example/m/TOKENxxxxxxxxxxxxxxxxx');
  assert.deepEqual(a.template, { id: 'tpl_1', revision: 3 });
  assert.equal(a.channel, 'porm');
});

test('inbound messages, media, endpoints and deliveries have their documented /v1 keys', () => {
  const inbound = presentInboundMessage({ id: 'inb_1', carrier: 'acme', from: '+1', to: '+2', subject: null, body: 'x', media: [{ id: 'med_1', contentType: 'image/gif', size: 42 }], linkedId: 'l', receivedAt: at });
  assert.equal(JSON.stringify(inbound), '{"id":"inb_1","object":"inbound_message","carrier":"acme","from":"+1","to":"+2","subject":null,"body":"x","media":[{"id":"med_1","content_type":"image/gif","size":42}],"linked_id":"l","received_at":"2026-11-22T02:39:18.902Z"}');
  const media = presentMedia({ id: 'med_1', accountId: 'a', sha256: 'aa', size: 3, contentType: 'image/png', declaredType: null, filename: 'a.png', createdAt: at },
    [{ profile: 'us-600k', maxBytes: 600, sha256: 'bb', contentType: 'image/jpeg', size: 2, width: 1, height: 1 }], (sha) => `https://m/${sha}`);
  assert.equal(media.url, 'https://m/aa');
  assert.deepEqual(media.variants, [{ profile: 'us-600k', max_bytes: 600, content_type: 'image/jpeg', size: 2, width: 1, height: 1, url: 'https://m/bb' }]);
  const endpoint = presentWebhookEndpoint({ id: 'whe_1', accountId: 'a', url: 'https://h', secret: 'whsec_x', events: ['*'], description: null, enabled: true, createdAt: at });
  assert.deepEqual(Object.keys(endpoint), ['id', 'object', 'url', 'events', 'description', 'enabled', 'secret', 'created_at']);
  const delivery = presentWebhookDelivery({
    id: 'whd_1', endpointId: null, messageId: 'msg_1', url: 'https://h', eventType: 'message.sent', status: 'succeeded', attempts: 1, nextAttemptAt: null,
    createdAt: at, updatedAt: at, body: '{"type":"message.sent"}', attemptLog: [{ attempt: 1, at, durationMs: 3, statusCode: 204, error: null, responseExcerpt: '' }],
  });
  assert.deepEqual(delivery.payload, { type: 'message.sent' });
  assert.deepEqual(delivery.attempt_log, [{ attempt: 1, at: '2026-11-22T02:39:18.902Z', duration_ms: 3, status_code: 204, error: null, response_excerpt: '' }]);
  assert.equal(presentWebhookDelivery({ ...delivery, endpointId: null, messageId: null, eventType: 'x', nextAttemptAt: null, createdAt: at, updatedAt: at, attemptLog: [], body: null }).payload, null);
});

test('domain field names map to /v1 pointers on their first segment only', () => {
  assert.equal(toApiPointer('/sendAt', SEND_MESSAGE_POINTERS), '/send_at');
  assert.equal(toApiPointer('/statusCallback', SEND_MESSAGE_POINTERS), '/status_callback');
  assert.equal(toApiPointer('/templateRevision', SEND_MESSAGE_POINTERS), '/template_revision');
  assert.equal(toApiPointer('/media/0/url', SEND_MESSAGE_POINTERS), '/media/0/url');
  // Below the first segment are the sender's own keys (template documents, recipient data): untouched.
  assert.equal(toApiPointer('/data/sendAt', SEND_MESSAGE_POINTERS), '/data/sendAt');
  assert.equal(toApiPointer('/sendAt/x', SEND_MESSAGE_POINTERS), '/send_at/x');
  assert.equal(toApiPointer('data', SEND_MESSAGE_POINTERS), 'data');
});
