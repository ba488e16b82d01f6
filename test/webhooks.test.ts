import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { cleanup, eventually, startHarness, waitForStatus, withHarness, type Harness } from './helpers/harness.ts';
import { WebhookReceiver, type ReceivedHook } from './helpers/webhook-receiver.ts';

/** Verifies a Standard Webhooks signature from the spec text alone, independent of porm's code. */
function independentlyValid(hook: ReceivedHook, secret: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${String(hook.headers['webhook-id'])}.${String(hook.headers['webhook-timestamp'])}.${hook.body}`;
  const expected = `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
  return String(hook.headers['webhook-signature']).split(' ').includes(expected);
}

describe('webhooks', () => {
  let h: Harness;
  withHarness((harness) => (h = harness));

  test('status_callback receives a signed webhook for every status, verifiable by a Standard Webhooks library', async () => {
    const receiver = await new WebhookReceiver().start();
    try {
      const secret = String((await h.api('GET', '/v1/account')).body.status_callback_secret);
      assert.match(secret, /^whsec_/);
      const res = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'hook me', status_callback: receiver.url });
      await waitForStatus(h, String(res.body.id), 'delivered');
      const hooks = await eventually(async () => (receiver.received.length >= 5 ? receiver.received : undefined), 10_000, 'five webhooks');
      const types = hooks.map((hk) => hk.json.type).sort();
      assert.deepEqual(types, ['message.accepted', 'message.delivered', 'message.queued', 'message.sending', 'message.sent'].sort());
      const verifier = new Webhook(secret);
      for (const hook of hooks) {
        assert.ok(independentlyValid(hook, secret), 'signature matches HMAC-SHA256(id.timestamp.body)');
        const payload = verifier.verify(hook.body, hook.headers as Record<string, string>) as { data: { id: string } };
        assert.equal(payload.data.id, res.body.id);
        assert.equal(hook.headers['content-type'], 'application/json');
        assert.match(String(hook.headers['webhook-id']), /^whd_/);
      }
      const delivered = hooks.find((hk) => hk.json.type === 'message.delivered')!;
      assert.equal(delivered.json.data.status, 'delivered');
      // A tampered body must not verify.
      assert.throws(() => verifier.verify(delivered.body.replace('delivered', 'failed'), delivered.headers as Record<string, string>));
    } finally {
      await receiver.stop();
    }
  });

  test('account endpoints get the event types they subscribe to, signed with their own secret', async () => {
    const receiver = await new WebhookReceiver().start();
    try {
      const created = await h.api('POST', '/v1/webhooks', { url: receiver.url, events: ['message.delivered', 'message.failed'], description: 'ops' });
      assert.equal(created.status, 201, created.text);
      const secret = String(created.body.secret);
      const ok = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'a' });
      const bad = await h.api('POST', '/v1/messages', { to: '+15005550001', from: '+14155550199', body: 'b' });
      await waitForStatus(h, String(ok.body.id), 'delivered');
      await waitForStatus(h, String(bad.body.id), 'failed');
      const hooks = await eventually(async () => (receiver.received.length >= 2 ? receiver.received : undefined));
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(receiver.received.map((hk) => hk.json.type).sort(), ['message.delivered', 'message.failed']);
      for (const hook of hooks) assert.ok(independentlyValid(hook, secret));
      const list = await h.api('GET', '/v1/webhooks');
      assert.ok((list.body.data as Array<{ id: string }>).some((e) => e.id === created.body.id));
      assert.equal((await h.api('DELETE', `/v1/webhooks/${String(created.body.id)}`)).status, 204);
      assert.equal((await h.api('GET', `/v1/webhooks/${String(created.body.id)}`)).body.code, 'PORM_WEBHOOK_NOT_FOUND');
    } finally {
      await receiver.stop();
    }
  });

  test('failed deliveries are retried with backoff, keep their webhook-id, and every attempt is logged', async () => {
    // The receiver answers 500 to the first two attempts of each delivery, then 200.
    const attemptsById = new Map<string, number>();
    const receiver = await new WebhookReceiver((hook) => {
      const id = String(hook.headers['webhook-id']);
      const n = (attemptsById.get(id) ?? 0) + 1;
      attemptsById.set(id, n);
      return n <= 2 ? 500 : 200;
    }).start();
    try {
      const res = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'retry', status_callback: receiver.url });
      const id = String(res.body.id);
      await waitForStatus(h, id, 'delivered');
      const log = await eventually(async () => {
        const page = await h.api('GET', `/v1/webhook-deliveries?message_id=${id}`);
        const data = page.body.data as Array<{ status: string; attempts: number; attempt_log: Array<{ status_code: number | null }> }>;
        return data.length === 5 && data.every((d) => d.status === 'succeeded') ? data : undefined;
      }, 15_000, 'all deliveries to succeed');
      for (const delivery of log) {
        assert.equal(delivery.attempts, 3);
        assert.deepEqual(delivery.attempt_log.map((a) => a.status_code), [500, 500, 200]);
      }
      for (const count of attemptsById.values()) assert.equal(count, 3, 'each webhook-id seen on exactly three attempts');
    } finally {
      await receiver.stop();
    }
  });

  test('a receiver that never succeeds is given up after the attempt limit', async () => {
    const h2 = await startHarness({ PORM_WEBHOOKS_MAX_ATTEMPTS: '3' });
    const receiver = await new WebhookReceiver(() => 503).start();
    try {
      const res = await h2.api('POST', '/v1/messages', { to: '+15005550001', from: '+14155550199', body: 'x', status_callback: receiver.url });
      const id = String(res.body.id);
      await waitForStatus(h2, id, 'failed');
      const log = await eventually(async () => {
        const page = await h2.api('GET', `/v1/webhook-deliveries?message_id=${id}&status=failed`);
        const data = page.body.data as Array<{ attempts: number; next_attempt_at: string | null }>;
        return data.length === 4 ? data : undefined;
      }, 15_000, 'deliveries to fail');
      for (const d of log) {
        assert.equal(d.attempts, 3);
        assert.equal(d.next_attempt_at, null);
      }
      const metrics = await (await fetch(`${h2.url}/metrics`)).text();
      assert.match(metrics, /porm_webhook_attempts_total\{outcome="http_error"\} 12/);
    } finally {
      await receiver.stop();
      await h2.stop();
      cleanup(h2.dataDir);
    }
  });
});

describe('webhooks never reach private networks by default', () => {
  test('a status_callback on loopback is blocked without any connection being made', async () => {
    const h = await startHarness({ PORM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'false' });
    const receiver = await new WebhookReceiver().start();
    try {
      const res = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'x', status_callback: receiver.url });
      const id = String(res.body.id);
      await waitForStatus(h, id, 'delivered');
      const log = await eventually(async () => {
        const page = await h.api('GET', `/v1/webhook-deliveries?message_id=${id}`);
        const data = page.body.data as Array<{ status: string; attempts: number; attempt_log: Array<{ error: string | null }> }>;
        return data.length === 5 && data.every((d) => d.status === 'failed') ? data : undefined;
      }, 10_000, 'deliveries to be refused');
      for (const d of log) {
        assert.equal(d.attempts, 1, 'a blocked target is permanent: not retried');
        assert.match(String(d.attempt_log[0]!.error), /PORM_URL_BLOCKED/);
      }
      assert.equal(receiver.received.length, 0);
    } finally {
      await receiver.stop();
      await h.stop();
      cleanup(h.dataDir);
    }
  });
});
