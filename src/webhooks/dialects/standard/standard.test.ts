import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import type { Message } from '../../../messages/model.ts';
import { messageStateOf, type OutboxEvent } from '../../outbox-event.ts';
import { standardDialect } from './index.ts';

const at = Date.parse('2026-11-22T02:39:18.902Z');
const message: Message = {
  id: 'msg_01m80hykvp31ca9q44b25h61wm', accountId: 'acct_01m80htb0z8vpbj231dybqejnk', to: '+14155550100', from: '+14155550199',
  body: 'Hi', subject: null, media: [], statusCallback: 'http://127.0.0.1:4000/cb', metadata: null, sendAt: null, validityPeriod: null, expiresAt: null,
  status: 'accepted', errorCode: null, errorMessage: null, carrier: null, carrierMessageId: null, attempts: 0, createdAt: at, updatedAt: at,
  mediaSent: null, rich: null, category: 'transactional',
};

test('the Standard Webhooks body of a message event is the documented {type, timestamp, data} bytes', () => {
  const event: OutboxEvent = { type: 'message.accepted', at, subject: { kind: 'message', id: message.id }, seq: 1, state: messageStateOf(message) };
  const body = standardDialect.render(event, { kind: 'message', message }, { baseUrl: 'http://127.0.0.1:3000' });
  assert.equal(body, '{"type":"message.accepted","timestamp":"2026-11-22T02:39:18.902Z","data":{"id":"msg_01m80hykvp31ca9q44b25h61wm","object":"message",'
    + '"account_id":"acct_01m80htb0z8vpbj231dybqejnk","to":"+14155550100","from":"+14155550199","body":"Hi","subject":null,"media":[],"status":"accepted",'
    + '"error_code":null,"error_message":null,"status_callback":"http://127.0.0.1:4000/cb","send_at":null,"validity_period":null,"expires_at":null,'
    + '"metadata":null,"carrier":null,"carrier_message_id":null,"attempts":0,"created_at":"2026-11-22T02:39:18.902Z","updated_at":"2026-11-22T02:39:18.902Z",'
    + '"media_sent":null,"template":null,"channel":"sms","segments":null,"encoding":null,"fallback":"auto","channel_fallback":null,"page_url":null,"category":"transactional"}}');
});

test('rich events render as their documented object; the signature verifies with the reference library', () => {
  const event = { id: 'evt_1', kind: 'click', messageId: 'msg_1', to: '+14155550100', templateId: 'tpl_1', revision: 2, actionId: 'track', ok: null, durationMs: null, data: null, at };
  const body = standardDialect.render({ type: 'rich.clicked', at, subject: { kind: 'rich_event', id: 'evt_1' } }, { kind: 'rich_event', event }, { baseUrl: 'x' });
  assert.equal(body, '{"type":"rich.clicked","timestamp":"2026-11-22T02:39:18.902Z","data":{"id":"evt_1","object":"rich_event","kind":"click","message_id":"msg_1",'
    + '"to":"+14155550100","template_id":"tpl_1","revision":2,"action_id":"track","ok":null,"duration_ms":null,"data":null,"at":"2026-11-22T02:39:18.902Z"}}');
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = standardDialect.sign({ deliveryId: 'whd_1', url: 'https://h', body, timestamp }, secret);
  assert.equal(headers['content-type'], 'application/json');
  assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
});
