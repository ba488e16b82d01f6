import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, startHarness, TEST_KEY, waitForStatus } from './helpers/harness.ts';

test('logs are structured JSON: one line per request and per transition, never a secret', async () => {
  const lines: string[] = [];
  const h = await startHarness({ PORM_LOG_LEVEL: 'info' }, undefined, { write: (line) => lines.push(line) });
  try {
    const hook = await h.api('POST', '/v1/webhooks', { url: 'https://example.com/hook' });
    const res = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'log me' });
    const id = String(res.body.id);
    await waitForStatus(h, id, 'delivered');
    await h.api('GET', '/v1/account');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = records.filter((r) => r.msg === 'request');
    assert.ok(requests.some((r) => r.method === 'POST' && r.url === '/v1/messages' && r.status === 201 && typeof r.ms === 'number'));
    const transitions = records.filter((r) => r.msg === 'message transition' && r.messageId === id).map((r) => r.status);
    assert.deepEqual(transitions, ['accepted', 'queued', 'sending', 'sent', 'delivered']);
    const all = lines.join('\n');
    assert.ok(!all.includes(TEST_KEY), 'the API key never reaches the log');
    assert.ok(!all.includes(String(hook.body.secret)), 'webhook secrets never reach the log');
  } finally {
    await h.stop();
    cleanup(h.dataDir);
  }
});
