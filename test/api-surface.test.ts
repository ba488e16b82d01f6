import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForStatus, withHarness, type Harness } from './helpers/harness.ts';

describe('operational endpoints and the API description', () => {
  let h: Harness;
  withHarness((harness) => (h = harness));

  test('/healthz and /readyz answer without a key', async () => {
    assert.deepEqual(await (await fetch(`${h.url}/healthz`)).json(), { status: 'ok' });
    const ready = await fetch(`${h.url}/readyz`);
    assert.equal(ready.status, 200);
  });

  test('/openapi.json is OpenAPI 3.1 describing every /v1 route with the problem schema', async () => {
    const doc = (await (await fetch(`${h.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/v1/messages', '/v1/messages/{id}', '/v1/messages/{id}/cancel', '/v1/media', '/v1/media/{id}', '/v1/webhooks', '/v1/webhook-deliveries', '/healthz', '/metrics']) {
      assert.ok(doc.paths[path], `missing ${path}`);
    }
    assert.ok(doc.paths['/v1/messages']!.post);
    assert.ok(doc.components.schemas.Problem);
    assert.ok(doc.components.schemas.Message);
  });

  test('/docs serves the interactive documentation page', async () => {
    const res = await fetch(`${h.url}/docs/`, { redirect: 'follow' });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /swagger/i);
  });

  test('/metrics exposes messages by status, queue depth, carrier latency and transitions', async () => {
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'm' });
    await waitForStatus(h, String(sent.body.id), 'delivered');
    const res = await fetch(`${h.url}/metrics`);
    assert.match(String(res.headers.get('content-type')), /text\/plain/);
    const text = await res.text();
    assert.match(text, /porm_messages\{status="delivered"\} [1-9]/);
    assert.match(text, /porm_queue_jobs\{state="ready"\} \d+/);
    assert.match(text, /porm_carrier_submit_seconds_count\{carrier="sandbox-smsc",outcome="accepted"\} [1-9]/);
    assert.match(text, /porm_message_transitions_total\{status="delivered"\} [1-9]/);
    assert.match(text, /porm_delivery_reports_total\{carrier="sandbox-smsc",result="applied"\} [1-9]/);
  });

  test('every response carries a request id, and errors echo it', async () => {
    const res = await h.api('GET', '/v1/messages/msg_nope');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(res.body.request_id, res.headers.get('x-request-id'));
    assert.equal(res.body.type, 'urn:porm:error:PORM_MESSAGE_NOT_FOUND');
  });
});
