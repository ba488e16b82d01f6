import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMm7Message } from '../src/mms/mm7/index.ts';
import { cleanup, eventually, startHarness, tempDir } from './helpers/harness.ts';
import { WebhookReceiver } from './helpers/webhook-receiver.ts';
import { basicAuth, postRaw } from './helpers/mm7-peer.ts';

test('a DeliverReq repeated by the MMSC (same TransactionID, same bytes) is stored and announced once', async () => {
  const dataDir = tempDir();
  const configFile = join(dataDir, 'porm.json');
  writeFileSync(configFile, JSON.stringify({
    carriers: { sandbox: { type: 'sandbox' }, acme: { type: 'mm7', url: 'http://127.0.0.1:9/mm7', inbound: { username: 'acme', password: 'acme-secret-1' } } },
  }));
  const h = await startHarness({ PORM_CONFIG: configFile }, dataDir);
  const receiver = await new WebhookReceiver().start();
  try {
    await h.api('POST', '/v1/webhooks', { url: receiver.url, events: ['inbound.received'] });
    // MOs belong to the owner of the number they are sent to.
    assert.equal((await h.api('POST', '/v1/numbers', { number: '+14155550199' })).status, 201);
    const deliver = (text: string) => buildMm7Message({
      type: 'DeliverReq', transactionId: 'mo-1', sender: { kind: 'Number', value: '+14155550123' },
      recipients: { to: [{ kind: 'Number', value: '+14155550199' }] }, subject: 'hi',
      content: { part: { contentType: 'text/plain', params: { charset: 'utf-8' }, contentId: 't1', data: Buffer.from(text) } },
    }, { boundary: (depth, index) => `b${depth}-${index}` });
    const auth = basicAuth('acme', 'acme-secret-1');
    const first = deliver('STOP');
    for (let i = 0; i < 3; i++) {
      const res = await postRaw(`${h.url}/mm7/acme`, first.body, { 'content-type': first.contentType, authorization: auth });
      assert.equal(res.status, 200);
    }
    // Same TransactionID, different message: some MMSCs reuse ids, so it is a new message.
    const other = deliver('START');
    await postRaw(`${h.url}/mm7/acme`, other.body, { 'content-type': other.contentType, authorization: auth });
    const list = await h.api('GET', '/v1/inbound-messages');
    assert.deepEqual((list.body.data as Array<{ body: string }>).map((m) => m.body), ['START', 'STOP']);
    await eventually(async () => (receiver.received.length >= 2 ? true : undefined));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(receiver.received.length, 2, 'one webhook per distinct inbound message');
  } finally {
    await receiver.stop();
    await h.stop();
    cleanup(dataDir);
  }
});
