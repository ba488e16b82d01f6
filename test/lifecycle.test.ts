import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, mmsSandboxOnly, startHarness, waitForStatus, withHarness, type Harness } from './helpers/harness.ts';

// The MMS sandbox's lifecycle (text-only messages would otherwise go as SMS through the sandbox SMSC).

type Event = { seq: number; type: string; status: string | null; at: string; data: Record<string, unknown> | null };

function eventTypes(message: Record<string, unknown>): string[] {
  return (message.events as Event[]).map((e) => e.type);
}

describe('message lifecycle through the sandbox carrier', () => {
  let h: Harness;
  withHarness((harness) => (h = harness), mmsSandboxOnly());

  async function send(body: Record<string, unknown>): Promise<string> {
    const res = await h.api('POST', '/v1/messages', { from: '+14155550199', body: 'hello', ...body });
    assert.equal(res.status, 201, res.text);
    return String(res.body.id);
  }

  test('an ordinary number goes accepted → queued → sending → sent → delivered', async () => {
    const res = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'hello', metadata: { order: 42 } });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'queued');
    assert.deepEqual(res.body.metadata, { order: 42 });
    assert.match(String(res.headers.get('location')), /^\/v1\/messages\/msg_/);
    const done = await waitForStatus(h, String(res.body.id), 'delivered');
    assert.deepEqual(eventTypes(done), ['accepted', 'queued', 'sending', 'sent', 'delivered']);
    const events = done.events as Event[];
    assert.deepEqual(events.map((e) => e.seq), [1, 2, 3, 4, 5]);
    for (let i = 1; i < events.length; i++) assert.ok(events[i]!.at >= events[i - 1]!.at, 'timestamps never go back');
    assert.match(String(done.carrier_message_id), /^SBX/);
    assert.equal(done.attempts, 1);
  });

  test('+15005550001 is rejected permanently → failed, with one attempt', async () => {
    const done = await waitForStatus(h, await send({ to: '+15005550001' }), 'failed');
    assert.equal(done.error_code, 'PORM_MM7_MESSAGE_REJECTED');
    assert.equal(done.attempts, 1);
    assert.deepEqual(eventTypes(done), ['accepted', 'queued', 'sending', 'failed']);
  });

  test('+15005550002 fails twice transiently, is retried with backoff, then delivered', async () => {
    const done = await waitForStatus(h, await send({ to: '+15005550002' }), 'delivered');
    assert.equal(done.attempts, 3);
    assert.deepEqual(eventTypes(done), [
      'accepted', 'queued', 'sending', 'retry_scheduled', 'sending', 'retry_scheduled', 'sending', 'sent', 'delivered',
    ]);
    const retries = (done.events as Event[]).filter((e) => e.type === 'retry_scheduled');
    for (const retry of retries) assert.ok(Date.parse(String(retry.data?.retry_at)) > Date.parse(retry.at), 'retry is in the future');
  });

  test('+15005550003 is accepted, then reported undelivered', async () => {
    const done = await waitForStatus(h, await send({ to: '+15005550003' }), 'undelivered');
    assert.equal(done.error_code, 'PORM_UNDELIVERED');
    assert.deepEqual(eventTypes(done), ['accepted', 'queued', 'sending', 'sent', 'undelivered']);
  });

  test('+15005550004 is accepted and never reported → stays sent', async () => {
    const id = await send({ to: '+15005550004' });
    await waitForStatus(h, id, 'sent');
    await new Promise((r) => setTimeout(r, 400)); // well past the 50 ms report delay
    const res = await h.api('GET', `/v1/messages/${id}`);
    assert.equal(res.body.status, 'sent');
  });

  test('a scheduled message waits for send_at, then goes out', async () => {
    const sendAt = new Date(Date.now() + 1200).toISOString();
    const res = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'later', send_at: sendAt });
    assert.equal(res.body.status, 'scheduled');
    assert.equal(res.body.send_at, sendAt);
    const done = await waitForStatus(h, String(res.body.id), 'delivered');
    const sending = (done.events as Event[]).find((e) => e.type === 'sending')!;
    assert.ok(Date.parse(sending.at) >= Date.parse(sendAt), 'not sent before send_at');
    assert.deepEqual(eventTypes(done), ['accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered']);
  });

  test('cancel stops a scheduled message; a sent one cannot be canceled', async () => {
    const res = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'x', send_at: new Date(Date.now() + 60_000).toISOString() });
    const canceled = await h.api('POST', `/v1/messages/${String(res.body.id)}/cancel`);
    assert.equal(canceled.status, 200);
    assert.equal(canceled.body.status, 'canceled');
    const again = await h.api('POST', `/v1/messages/${String(res.body.id)}/cancel`);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'PORM_MESSAGE_NOT_CANCELABLE');
    const delivered = await waitForStatus(h, await send({ to: '+14155550100' }), 'delivered');
    const late = await h.api('POST', `/v1/messages/${String(delivered.id)}/cancel`);
    assert.equal(late.body.code, 'PORM_MESSAGE_NOT_CANCELABLE');
  });

  test('list filters by status, to and date, and pages with a cursor', async () => {
    const to = '+14155550142';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await send({ to, body: `n${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/messages?to=${encodeURIComponent(to)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await h.api('GET', query);
      assert.equal(page.status, 200, page.text);
      const data = page.body.data as Array<{ id: string }>;
      assert.ok(data.length <= 2);
      seen.push(...data.map((m) => m.id));
      cursor = page.body.next_cursor as string | null;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse(), 'newest first, each exactly once');
    const future = await h.api('GET', `/v1/messages?created_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    assert.deepEqual(future.body.data, []);
    const failed = await h.api('GET', '/v1/messages?status=failed');
    for (const m of failed.body.data as Array<{ status: string }>) assert.equal(m.status, 'failed');
    const bad = await h.api('GET', '/v1/messages?cursor=bm9wZQ');
    assert.equal(bad.body.code, 'PORM_INVALID_CURSOR');
  });
});

describe('validity period', () => {
  test('a message that cannot be sent within its validity period fails as expired', async () => {
    // Retries wait at least 5 s here, longer than the 3 s validity (which leaves a loaded machine
    // time to make the first attempt).
    const h = await startHarness({ ...mmsSandboxOnly(), PORM_RETRY_BASE_DELAY_MS: '10000' });
    try {
      const res = await h.api('POST', '/v1/messages', { to: '+15005550002', from: '+14155550199', body: 'x', validity_period: 3 });
      const done = await waitForStatus(h, String(res.body.id), 'failed');
      assert.equal(done.error_code, 'PORM_MESSAGE_EXPIRED');
      assert.equal(done.attempts, 1);
    } finally {
      await h.stop();
      cleanup(h.dataDir);
    }
  });

  test('transient failures stop after the retry limit', async () => {
    const h = await startHarness({ ...mmsSandboxOnly(), PORM_RETRY_MAX_ATTEMPTS: '2', PORM_RETRY_BASE_DELAY_MS: '20' });
    try {
      const res = await h.api('POST', '/v1/messages', { to: '+15005550002', from: '+14155550199', body: 'x' });
      const done = await waitForStatus(h, String(res.body.id), 'failed');
      assert.equal(done.error_code, 'PORM_CARRIER_UNAVAILABLE');
      assert.equal(done.attempts, 2);
    } finally {
      await h.stop();
      cleanup(h.dataDir);
    }
  });
});
