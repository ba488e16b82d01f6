import { after, before, describe, test } from 'node:test';
import { runJob } from '../src/queue/job-run.ts';
import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import { loadConfig, type Config } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { bootstrap, openServices } from '../src/main.ts';
import type { Services } from '../src/services.ts';
import { WebhookDeliveryJob } from '../src/webhooks/delivery-job.ts';
import { WebhookRenderer } from '../src/webhooks/render-delivery.ts';
import { STANDARD_DIALECT, webhookDialect, webhookDialectNames } from '../src/webhooks/dialects/registry.ts';
import { cleanup, tempDir, TEST_KEY } from './helpers/harness.ts';
import { WebhookReceiver, type ReceivedHook } from './helpers/webhook-receiver.ts';

// The webhook outbox stores the event and its subject; the body is rendered and signed in the
// delivery's dialect when it is attempted. No worker pool runs here: the test claims the
// webhook jobs itself, after changing the world, so "rendered at delivery" is what it checks.

describe('webhooks rendered at delivery time', () => {
  let dataDir: string;
  let config: Config;
  let services: Services;
  let accountId: string;
  let job: WebhookDeliveryJob;
  let receiver: WebhookReceiver;

  async function deliverAll(): Promise<void> {
    const jobs = await services.queue.claim('outbox-test', ['webhook.deliver'], 100, services.clock.now() + 1, 60_000);
    for (const j of jobs) {
      if (j.kind !== 'webhook.deliver') continue;
      // As the worker pool runs it: the handler's last write and the job's settle in one unit.
      await runJob(j, job, new AbortController(), { store: services.store, queue: services.queue, clock: services.clock, log: createLogger(config) }, { leaseMs: 60_000, maxCrashes: 5, crashBaseDelayMs: 1000, crashMaxDelayMs: 1000 });
    }
  }
  const targetOf = (hook: ReceivedHook): string => new URL(hook.path, 'http://receiver').searchParams.get('to') ?? '';

  before(async () => {
    dataDir = tempDir();
    config = loadConfig({ data: dataDir, port: 0 }, { PORM_API_KEY: TEST_KEY, PORM_LOG_LEVEL: 'silent', PORM_PUBLIC_URL: 'https://porm.example', PORM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' });
    services = await openServices(config);
    accountId = (await bootstrap(services)).accountId;
    job = new WebhookDeliveryJob(services.store, config.webhooks, services.metrics, services.clock, createLogger(config), new WebhookRenderer(services.store, () => services.publicUrl.value));
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    await receiver.stop();
    await services.store.close();
    cleanup(dataDir);
  });

  test('each delivery carries the message as it was at its event, signed with the secret of its target as it is now', async () => {
    const early = await services.webhooks.create(accountId, { url: `${receiver.url}?to=early`, events: ['*'] });
    const { message } = await services.send.send({ accountId, to: '+14155550100', from: '+14155550199', body: 'outbox', statusCallback: `${receiver.url}?to=callback` });
    const canceled = await services.send.cancel({ accountId, messageId: message.id });
    // After the events: the early endpoint changes, a late one is added, the public URL moves.
    await services.webhooks.update(accountId, early.id, { description: 'changed after the event' });
    const late = await services.webhooks.create(accountId, { url: `${receiver.url}?to=late`, events: ['*'] });
    await deliverAll();

    const account = await services.accounts.get(accountId);
    const secrets: Record<string, string> = { callback: account!.webhookSecret, early: early.secret, late: late.secret };
    assert.equal(receiver.received.length, 6, 'accepted, queued and canceled, to the callback and the early endpoint');
    for (const hook of receiver.received) {
      const target = targetOf(hook);
      assert.ok(target === 'callback' || target === 'early', `the late endpoint gets nothing of events before it: ${target}`);
      const payload = new Webhook(secrets[target]!).verify(hook.body, hook.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
      assert.equal(payload.data.id, message.id);
      // The state right after the event, not the message's state now (canceled).
      assert.equal(payload.data.status, payload.type.slice('message.'.length));
    }
    const accepted = receiver.received.find((h) => h.json.type === 'message.accepted')!;
    assert.equal(accepted.json.data.updated_at, new Date(message.createdAt).toISOString());
    const cancel = receiver.received.find((h) => h.json.type === 'message.canceled')!;
    assert.equal(cancel.json.data.updated_at, new Date(canceled.updatedAt).toISOString());
    assert.deepEqual(Object.keys(JSON.parse(accepted.body) as object), ['type', 'timestamp', 'data']);
    assert.equal(accepted.json.data.events, undefined, 'webhook data has no events key');

    // The log shows the same body as was sent.
    const log = await services.deliveries.list(accountId, { messageId: message.id }, 50);
    for (const d of log.data) {
      const sent = receiver.received.find((h) => h.headers['webhook-id'] === d.id);
      assert.ok(sent, d.id);
      assert.equal(d.body, sent.body);
      assert.equal(d.status, 'succeeded');
    }
    // Later events reach the late endpoint too: an inbound message, rendered from its row.
    receiver.received.length = 0;
    const inbound = await services.inbound.receive({ carrier: 'sandbox', from: '+14155550111', to: '+14155550199', subject: 'Re', text: 'thanks', attachments: [], linkedId: null, dedupeKey: null });
    await deliverAll();
    const inboundHooks = receiver.received.filter((h) => h.json.type === 'inbound.received');
    assert.equal(inboundHooks.length, 2);
    for (const hook of inboundHooks) {
      const target = targetOf(hook);
      const payload = new Webhook(secrets[target]!).verify(hook.body, hook.headers as Record<string, string>) as { data: Record<string, unknown> };
      assert.deepEqual(Object.keys(payload.data), ['id', 'object', 'carrier', 'from', 'to', 'subject', 'body', 'media', 'linked_id', 'received_at']);
      assert.equal(payload.data.id, inbound.id);
    }
  });

  test('a delivery queued before rendering moved (payload_json) is sent byte for byte', async () => {
    receiver.received.length = 0;
    const body = '{"type":"message.sent","timestamp":"2026-11-22T02:39:18.902Z","data":{"id":"msg_legacy","note":"exact bytes"}}';
    const now = services.clock.now();
    await services.store.write(async (tx) => {
      await tx.insertInto('webhook_deliveries').values({
        id: 'whd_legacy0000000000000000000', account_id: accountId, endpoint_id: null, message_id: null, url: `${receiver.url}?to=callback`,
        event_type: 'message.sent', payload_json: body, subject_kind: null, subject_id: null, event_json: null,
        status: 'pending', attempts: 0, next_attempt_at: now, created_at: now, updated_at: now,
      }).execute();
      await services.queue.enqueue(tx, 'webhook.deliver', { deliveryId: 'whd_legacy0000000000000000000' }, now);
    });
    await deliverAll();
    assert.equal(receiver.received.length, 1);
    assert.equal(receiver.received[0]!.body, body);
    const account = await services.accounts.get(accountId);
    new Webhook(account!.webhookSecret).verify(body, receiver.received[0]!.headers as Record<string, string>);
  });

  test('the dialect registry names the Standard Webhooks dialect; a row of an unknown dialect is closed, not sent', async () => {
    assert.ok(webhookDialectNames().includes(STANDARD_DIALECT));
    assert.equal(webhookDialect(STANDARD_DIALECT)?.name, 'standard');
    assert.equal(webhookDialect('twilio')?.name, 'twilio');
    assert.equal(webhookDialect('klingon'), undefined);
    receiver.received.length = 0;
    const { message } = await services.send.send({ accountId, to: '+14155550100', from: '+14155550199', body: 'dialect', statusCallback: `${receiver.url}?to=callback` });
    await services.store.write((tx) => tx.updateTable('webhook_deliveries').set({ dialect: 'klingon' }).where('message_id', '=', message.id).where('endpoint_id', 'is', null).execute());
    await deliverAll();
    assert.equal(receiver.received.filter((h) => h.json.data.id === message.id && targetOf(h) === 'callback').length, 0);
    const log = await services.deliveries.list(accountId, { messageId: message.id }, 50);
    const closed = log.data.filter((d) => d.endpointId === null);
    assert.equal(closed.length, 2);
    for (const d of closed) {
      assert.equal(d.status, 'failed');
      assert.match(String(d.attemptLog.at(-1)?.error), /^not sent: unknown webhook dialect/);
    }
  });
});
