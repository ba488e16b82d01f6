import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, startHarness, tempDir, waitForStatus } from './helpers/harness.ts';

// A /v1 message's validity_period reaches the SMSC: through porm's sandbox SMSC, whose handset is
// reached only after a minute here, a text valid for 2 s gets a stat:EXPIRED receipt when its
// validity ends and becomes undelivered; a text without one stays sent.

test('an SMS whose validity_period ends before the handset is reached is undelivered with carrier_status EXPIRED', async () => {
  const dataDir = tempDir();
  const h = await startHarness({ PORM_SANDBOX_DELIVERY_DELAY_MS: '60000' }, dataDir);
  try {
    assert.equal((await h.api('POST', '/v1/numbers', { number: '+14155550199', capabilities: ['sms'] })).status, 201);
    const short = await h.api('POST', '/v1/messages', { from: '+14155550199', to: '+14155550123', body: 'only for 2 s', validity_period: 2 });
    const plain = await h.api('POST', '/v1/messages', { from: '+14155550199', to: '+14155550124', body: 'no validity' });
    assert.equal(short.status, 201, short.text);
    const message = await waitForStatus(h, String(short.body.id), 'undelivered', 20_000);
    assert.equal(message.carrier, 'sandbox-smsc');
    assert.equal(message.error_code, 'PORM_UNDELIVERED');
    const last = (message.events as Array<{ data?: Record<string, unknown> }>).at(-1);
    assert.equal(last?.data?.carrier_status, 'EXPIRED');
    assert.equal((await h.api('GET', `/v1/messages/${String(plain.body.id)}`)).body.status, 'sent', 'without a validity the receipt is still a minute away');
  } finally {
    await h.stop();
    cleanup(dataDir);
  }
});
