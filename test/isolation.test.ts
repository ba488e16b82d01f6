import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, eventually, request, startHarness, waitForStatus, type ApiResponse, type Harness } from './helpers/harness.ts';
import { WebhookReceiver } from './helpers/webhook-receiver.ts';

// Two accounts on one server: B must never see, change or use anything of A's, and each
// account's webhooks carry only its own events.

type Resource = { id: string; account_id?: string; message_id?: string | null; endpoint_id?: string | null };

describe('account isolation', () => {
  let h: Harness;
  let accountA: string;
  let accountB: string;
  let keyB: string;
  const hooksA = new WebhookReceiver();
  const hooksB = new WebhookReceiver();
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => h.api(method, path, body);
  const b = (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(h.url, method, path, body, { authorization: `Bearer ${keyB}` });
  let endpointA: string;
  let endpointB: string;
  let mediaA: string;
  let deliveredA: string;
  let scheduledA: string;
  let deliveredB: string;

  function assertNotFound(res: ApiResponse, code: string): void {
    assert.equal(res.status, 404, res.text);
    assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
    assert.equal(res.body.code, code);
    for (const secret of [accountA, endpointA, mediaA, deliveredA, scheduledA]) {
      assert.ok(!res.text.includes(secret) || (res.body.instance as string).includes(secret), 'no data of A outside the echoed path');
    }
  }

  function idsOf(res: ApiResponse): Resource[] {
    assert.equal(res.status, 200, res.text);
    return res.body.data as Resource[];
  }

  async function hookFor(receiver: WebhookReceiver, messageId: string, type: string): Promise<void> {
    await eventually(async () => (receiver.received.some((r) => r.json.type === type && r.json.data.id === messageId) ? true : undefined), 10_000, `${type} for ${messageId}`);
  }

  before(async () => {
    h = await startHarness();
    await Promise.all([hooksA.start(), hooksB.start()]);
    accountA = h.porm.bootstrap.accountId;
    const other = await h.porm.services.accounts.create('other');
    accountB = other.account.id;
    keyB = other.apiKey.key;

    const whA = await a('POST', '/v1/webhooks', { url: hooksA.url, description: 'A hooks' });
    const whB = await b('POST', '/v1/webhooks', { url: hooksB.url });
    assert.equal(whA.status, 201, whA.text);
    assert.equal(whB.status, 201, whB.text);
    endpointA = String(whA.body.id);
    endpointB = String(whB.body.id);

    const form = new FormData();
    form.append('file', new Blob([Buffer.from('A secret picture')], { type: 'image/png' }), 'a.png');
    const up = await h.api('POST', '/v1/media', form);
    assert.equal(up.status, 201, up.text);
    mediaA = String(up.body.id);

    const sentA = await a('POST', '/v1/messages', { to: '+14155550111', from: '+14155550199', body: 'for A', media: [{ id: mediaA }], metadata: { owner: 'A' } });
    const laterA = await a('POST', '/v1/messages', { to: '+14155550111', from: '+14155550199', body: 'later', send_at: new Date(Date.now() + 3_600_000).toISOString() });
    // +14155550199 is A's now (claimed by A's first send on the sandbox route); B has its own.
    const sentB = await b('POST', '/v1/messages', { to: '+14155550122', from: '+14155550188', body: 'for B' });
    for (const res of [sentA, laterA, sentB]) assert.equal(res.status, 201, res.text);
    deliveredA = String(sentA.body.id);
    scheduledA = String(laterA.body.id);
    deliveredB = String(sentB.body.id);
    assert.equal(sentB.body.account_id, accountB);
    await waitForStatus(h, deliveredA, 'delivered');
    await hookFor(hooksA, deliveredA, 'message.delivered');
    await hookFor(hooksB, deliveredB, 'message.delivered');
  });

  after(async () => {
    await h.stop();
    await Promise.all([hooksA.stop(), hooksB.stop()]);
    cleanup(h.dataDir);
  });

  test('B cannot read or cancel A\'s messages', async () => {
    assertNotFound(await b('GET', `/v1/messages/${deliveredA}`), 'PORM_MESSAGE_NOT_FOUND');
    assertNotFound(await b('GET', `/v1/messages/${scheduledA}`), 'PORM_MESSAGE_NOT_FOUND');
    assertNotFound(await b('POST', `/v1/messages/${scheduledA}/cancel`), 'PORM_MESSAGE_NOT_FOUND');
    const still = await a('GET', `/v1/messages/${scheduledA}`);
    assert.equal(still.body.status, 'scheduled', 'B\'s cancel changed nothing');
    assert.equal((await b('GET', `/v1/messages/${deliveredB}`)).status, 200, 'B reads its own message');
  });

  test('B\'s message lists never include A\'s messages, whatever the filter', async () => {
    for (const query of ['', '?limit=200', '?status=delivered', '?status=scheduled', `?to=${encodeURIComponent('+14155550111')}`, `?from=${encodeURIComponent('+14155550199')}`]) {
      const data = idsOf(await b('GET', `/v1/messages${query}`));
      for (const m of data) assert.equal(m.account_id, accountB, `only B's messages for "${query}"`);
      assert.ok(!data.some((m) => m.id === deliveredA || m.id === scheduledA));
    }
    assert.deepEqual(idsOf(await b('GET', '/v1/messages')).map((m) => m.id), [deliveredB]);
    const ofA = idsOf(await a('GET', '/v1/messages')).map((m) => m.id);
    assert.ok(!ofA.includes(deliveredB), 'and A does not see B\'s');
  });

  test('B cannot read A\'s media or its bytes', async () => {
    assertNotFound(await b('GET', `/v1/media/${mediaA}`), 'PORM_MEDIA_NOT_FOUND');
    assertNotFound(await b('GET', `/v1/media/${mediaA}/content`), 'PORM_MEDIA_NOT_FOUND');
    assert.equal((await a('GET', `/v1/media/${mediaA}/content`)).text, 'A secret picture');
  });

  test('B cannot send from A\'s number, nor see or take it', async () => {
    const before = idsOf(await b('GET', '/v1/messages')).length;
    const res = await b('POST', '/v1/messages', { to: '+14155550122', from: '+14155550199', body: 'pretending to be A' });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.body.code, 'PORM_SENDER_NOT_OWNED');
    assert.deepEqual((res.body.errors as Array<{ field: string }>).map((e) => e.field), ['/from']);
    assert.ok(!res.text.includes(accountA), 'the owner is not named');
    assert.equal(idsOf(await b('GET', '/v1/messages')).length, before, 'nothing was created');
    const numberA = idsOf(await a('GET', '/v1/numbers')).find((n) => (n as { number?: string }).number === '+14155550199');
    assert.ok(numberA, 'A holds the number it sent from first');
    assert.deepEqual(idsOf(await b('GET', '/v1/numbers')).map((n) => (n as { number?: string }).number), ['+14155550188']);
    assertNotFound(await b('GET', `/v1/numbers/${numberA.id}`), 'PORM_NUMBER_NOT_FOUND');
    assertNotFound(await b('PATCH', `/v1/numbers/${numberA.id}`, { capabilities: ['sms'] }), 'PORM_NUMBER_NOT_FOUND');
    assertNotFound(await b('DELETE', `/v1/numbers/${numberA.id}`), 'PORM_NUMBER_NOT_FOUND');
    const claim = await b('POST', '/v1/numbers', { number: '+1 415 555 0199' });
    assert.equal(claim.status, 409, claim.text);
    assert.equal(claim.body.code, 'PORM_NUMBER_ALREADY_CLAIMED');
    assert.ok(!claim.text.includes(accountA) && !claim.text.includes(numberA.id), 'the owner and its number id are not named');
  });

  test('B cannot send a message that references A\'s media', async () => {
    const before = idsOf(await b('GET', '/v1/messages')).length;
    const res = await b('POST', '/v1/messages', { to: '+14155550122', from: '+14155550188', media: [{ id: mediaA }] });
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.code, 'PORM_INVALID_MEDIA_REFERENCE');
    assert.deepEqual((res.body.errors as Array<{ field: string }>).map((e) => e.field), ['/media/0/id']);
    assert.equal(idsOf(await b('GET', '/v1/messages')).length, before, 'nothing was created');
  });

  test('B cannot read, change or delete A\'s webhook endpoints', async () => {
    assertNotFound(await b('GET', `/v1/webhooks/${endpointA}`), 'PORM_WEBHOOK_NOT_FOUND');
    assertNotFound(await b('PATCH', `/v1/webhooks/${endpointA}`, { url: hooksB.url, enabled: false }), 'PORM_WEBHOOK_NOT_FOUND');
    assertNotFound(await b('DELETE', `/v1/webhooks/${endpointA}`), 'PORM_WEBHOOK_NOT_FOUND');
    const mine = await a('GET', `/v1/webhooks/${endpointA}`);
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.body.url, hooksA.url, 'A\'s endpoint is unchanged');
    assert.equal(mine.body.enabled, true);
    assert.deepEqual(idsOf(await b('GET', '/v1/webhooks')).map((e) => e.id), [endpointB]);
    assert.deepEqual(idsOf(await a('GET', '/v1/webhooks')).map((e) => e.id), [endpointA]);
  });

  test('B\'s delivery log never shows A\'s deliveries, even when filtering by A\'s ids', async () => {
    const all = idsOf(await b('GET', '/v1/webhook-deliveries?limit=200'));
    assert.ok(all.length > 0, 'B has deliveries of its own');
    for (const d of all) {
      assert.equal(d.message_id, deliveredB);
      assert.equal(d.endpoint_id, endpointB);
    }
    assert.deepEqual(idsOf(await b('GET', `/v1/webhook-deliveries?message_id=${deliveredA}`)), []);
    assert.deepEqual(idsOf(await b('GET', `/v1/webhook-deliveries?endpoint_id=${endpointA}`)), []);
  });

  test('B cannot fetch one of A\'s deliveries by id', async () => {
    const ofA = idsOf(await a('GET', `/v1/webhook-deliveries?message_id=${deliveredA}`));
    assert.ok(ofA.length > 0);
    const res = await b('GET', `/v1/webhook-deliveries/${ofA[0]!.id}`);
    assert.equal(res.status, 404, res.text);
    assert.ok(!res.text.includes(deliveredA) && !res.text.includes(endpointA), 'no data of A');
  });

  test('a missing delivery has its own not-found code, not the unknown-route one', async () => {
    const ofA = idsOf(await a('GET', `/v1/webhook-deliveries?message_id=${deliveredA}`));
    assertNotFound(await b('GET', `/v1/webhook-deliveries/${ofA[0]!.id}`), 'PORM_WEBHOOK_DELIVERY_NOT_FOUND');
  });

  test('each account\'s webhooks receive only that account\'s events', async () => {
    await hookFor(hooksA, deliveredA, 'message.delivered');
    await hookFor(hooksB, deliveredB, 'message.delivered');
    assert.ok(hooksA.received.length > 0 && hooksB.received.length > 0);
    for (const hook of hooksA.received) {
      assert.equal(hook.json.data.account_id, accountA);
      assert.notEqual(hook.json.data.id, deliveredB);
    }
    for (const hook of hooksB.received) {
      assert.equal(hook.json.data.account_id, accountB);
      assert.equal(hook.json.data.id, deliveredB);
      assert.ok(!hook.body.includes('A secret') && !hook.body.includes(mediaA));
    }
  });
});
