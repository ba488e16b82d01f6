import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, waitForStatus, withHarness, type Harness } from './helpers/harness.ts';

// porm's embedded defaults: a text-only message goes as SMS through the sandbox SMSC (a real
// SMPP server on loopback, bound by porm's own smpp client), and the sandbox handset can text
// porm back over SMPP.

type Event = { type: string; data?: Record<string, unknown> };

describe('the sandbox-smsc connector (embedded default)', () => {
  let h!: Harness;
  withHarness((harness) => { h = harness; });

  test('a text-only message goes as SMS over SMPP and is delivered by the SMSC receipt', async () => {
    const res = await h.api('POST', '/v1/messages', { from: '+14155550199', to: '+14155550100', body: 'Your code is 123456' });
    assert.equal(res.status, 201, res.text);
    const message = await waitForStatus(h, String(res.body.id), 'delivered');
    const sent = (message.events as Event[]).find((e) => e.type === 'sent');
    assert.equal(sent?.data?.carrier, 'sandbox-smsc');
  });

  test('a long UCS-2 text goes as segments and is delivered once every segment is', async () => {
    const res = await h.api('POST', '/v1/messages', { from: '+14155550199', to: '+14155550100', body: 'Доставка завтра 🚚 '.repeat(6) });
    assert.equal(res.status, 201, res.text);
    const message = await waitForStatus(h, String(res.body.id), 'delivered');
    assert.ok((message.events as Event[]).some((e) => e.type === 'segment_delivered'));
  });

  test('a message with media still goes as MMS through the MMS sandbox', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from(png, 'base64'))], { type: 'image/png' }), 'dot.png');
    const up = await h.api('POST', '/v1/media', form);
    assert.equal(up.status, 201, up.text);
    const res = await h.api('POST', '/v1/messages', { from: '+14155550199', to: '+14155550100', body: 'pic', media: [{ id: up.body.id }] });
    assert.equal(res.status, 201, res.text);
    const message = await waitForStatus(h, String(res.body.id), 'delivered');
    assert.equal((message.events as Event[]).find((e) => e.type === 'sent')?.data?.carrier, 'sandbox');
  });

  test('POST /v1/sandbox/inbound naming the sandbox SMSC sends an MO SMS over SMPP, long ones in parts', async () => {
    const text = 'Reply from the handset, long enough to need more than one segment of GSM-7: '.repeat(3);
    const res = await h.api('POST', '/v1/sandbox/inbound', { carrier: 'sandbox-smsc', from: '+14155550123', to: '+14155550199', body: text });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.body, text);
    const list = await eventually(async () => {
      const page = await h.api('GET', '/v1/inbound-messages');
      const data = page.body.data as Array<{ body: string; carrier?: string }>;
      return data.some((m) => m.body === text) ? data : undefined;
    });
    assert.equal(list.filter((m) => m.body === text).length, 1);
  });
});
