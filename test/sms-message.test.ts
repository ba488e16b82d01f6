// SMS on POST /v1/messages over real HTTP, with porm's default configuration (the sandbox MMSC is
// the only connector, so no route serves SMS), and the page a fallen-back MMS links to.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withHarness, type Harness } from './helpers/harness.ts';
import { smsAcceptPolicy } from '../src/messages/sms/route-probe.ts';

const send = (h: Harness, body: Record<string, unknown>) => h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', ...body });
const fieldOf = (res: { body: Record<string, unknown> }) => (res.body.errors as Array<{ field: string; code: string }> | undefined)?.[0];

describe('SMS fields of POST /v1/messages, without an SMS route', () => {
  let h: Harness;
  withHarness((harness) => { h = harness; });

  it('sends text as MMS when no route serves SMS: channel mms, no segments or encoding', async () => {
    const res = await send(h, { body: 'hello' });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual([res.body.channel, res.body.segments, res.body.encoding, res.body.fallback, res.body.channel_fallback], ['mms', null, null, 'auto', null]);
  });

  it('refuses channel "sms" with no SMS route, at /channel', async () => {
    const res = await send(h, { body: 'hello', channel: 'sms' });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.body.code, 'PORM_SMS_NO_ROUTE');
    assert.deepEqual(fieldOf(res), { field: '/channel', code: 'PORM_SMS_NO_ROUTE', message: 'no route has a connector serving SMS for this sender and recipient' });
  });

  it('refuses channel "sms" with media, at /media', async () => {
    const res = await send(h, { body: 'hello', channel: 'sms', media: [{ url: 'https://media.example/a.jpg' }] });
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.code, 'PORM_SMS_MEDIA_NOT_SUPPORTED');
    assert.equal(fieldOf(res)?.field, '/media');
  });

  it('refuses channel "porm" without a template and unknown channel or fallback values', async () => {
    assert.equal((await send(h, { body: 'x', channel: 'porm' })).body.code, 'PORM_MISSING_FIELD');
    for (const bad of [{ channel: 'fax' }, { fallback: 'email' }, { fallback: 1 }, { channel: ['sms'] }]) {
      const res = await send(h, { body: 'x', ...bad });
      assert.equal(res.status, 400, JSON.stringify(bad));
    }
  });

  it('takes fallback "none" and "sms" and shows them', async () => {
    for (const fallback of ['none', 'sms', 'auto']) {
      const res = await send(h, { body: 'x', media: [{ url: 'https://media.example/a.jpg' }], fallback });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.fallback, fallback);
      assert.equal(res.body.channel, 'mms');
    }
  });

  it('serves a fallen-back MMS\'s page with its text and media, with safe headers; other tokens are 404', async () => {
    const form = new FormData();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
    form.append('file', new Blob([png], { type: 'image/png' }), 'dot.png');
    const upload = await h.api('POST', '/v1/media', form);
    assert.equal(upload.status, 201, upload.text);
    const res = await send(h, { body: '<script>alert(1)</script> & "more"', subject: 'Hi', media: [{ id: upload.body.id }, { url: 'https://media.example/clip.mp4' }] });
    assert.equal(res.status, 201, res.text);
    const token = 'Abcdefghij0123456789XY';
    // The token is made by the send path's fallback; here it is given to the message directly.
    await h.porm.services.store.write((tx) => tx.updateTable('messages').set({ page_token: token }).where('id', '=', String(res.body.id)).execute());
    const page = await fetch(`${h.url}/v/${token}`);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(page.headers.get('cache-control'), 'private, no-store');
    assert.equal(page.headers.get('x-robots-tag'), 'noindex, nofollow');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.ok(!html.includes('<script>'), 'text is escaped');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;'));
    assert.ok(html.includes('<video src="https://media.example/clip.mp4"'));
    const img = /<img src="([^"]+)"/.exec(html)?.[1];
    assert.ok(img?.startsWith(`${h.url}/media/`), img);
    const picture = await fetch(img!.replaceAll('&amp;', '&'));
    assert.equal(picture.status, 200);
    assert.deepEqual(Buffer.from(await picture.arrayBuffer()), png);
    for (const other of ['Abcdefghij0123456789XZ', 'short', '..%2F..%2Fetc', 'A'.repeat(60)]) {
      const miss = await fetch(`${h.url}/v/${other}`);
      assert.equal(miss.status, 404, other);
      assert.match(await miss.text(), /not valid/);
    }
  });
});

describe('the accept-side route probe', () => {
  it('answers from the configuration as the routing table would pick', () => {
    const policy = smsAcceptPolicy({
      routes: [{ from: '+1415', channel: 'sms', carriers: ['sms-a'] }, { from: '*', carriers: ['mms-a'] }],
      carriers: { 'sms-a': { type: 'no-such-type-serves-nothing' }, 'mms-a': { type: 'sandbox' } },
      sms: { maxSegments: 3 },
    });
    assert.equal(policy.maxSegments, 3);
    // A type the registry does not know serves no channel; the sandbox serves MMS only.
    assert.equal(policy.smsRouteExists({ accountId: 'a', from: '+14155550199', to: '+14155550100' }), false);
  });
});
