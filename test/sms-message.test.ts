// SMS on POST /v1/messages over real HTTP, with porm's default configuration (the sandbox MMSC is
// the only connector, so no route serves SMS), and the page a fallen-back MMS links to.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, waitForStatus, withHarness, type Harness } from './helpers/harness.ts';
import { smsAcceptPolicy } from '../src/messages/sms/route-probe.ts';

const send = (h: Harness, body: Record<string, unknown>) => h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', ...body });
/** A config file holding `config` (the harness passes env only). */
function configFile(config: Record<string, unknown>): string {
  const path = join(tempDir('porm-sms-config-'), 'porm.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
async function uploadPng(h: Harness): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'dot.png');
  const upload = await h.api('POST', '/v1/media', form);
  assert.equal(upload.status, 201, upload.text);
  return String(upload.body.id);
}
const fieldOf = (res: { body: Record<string, unknown> }) => (res.body.errors as Array<{ field: string; code: string }> | undefined)?.[0];

describe('SMS fields of POST /v1/messages, without an SMS route', () => {
  let h: Harness;
  // Only the sandbox MMSC: no route serves SMS.
  withHarness((harness) => { h = harness; }, { PORM_CONFIG: configFile({ carriers: { sandbox: { type: 'sandbox' } } }) });

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

describe('SMS through the sandbox SMSC (porm\'s default configuration)', () => {
  let h: Harness;
  withHarness((harness) => { h = harness; });

  it('sends text as SMS with its segments and encoding, delivered through the sandbox SMSC', async () => {
    const res = await send(h, { body: 'Ваш код: 1234. '.repeat(6) });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual([res.body.channel, res.body.segments, res.body.encoding], ['sms', 2, 'ucs2']);
    const done = await waitForStatus(h, String(res.body.id), 'delivered');
    assert.deepEqual([done.channel, done.segments, done.encoding, done.carrier], ['sms', 2, 'ucs2', 'sandbox-smsc']);
  });

  it('refuses a body over 10 segments with PORM_SMS_BODY_TOO_LONG at /body; the same body as MMS is accepted', async () => {
    const res = await send(h, { body: 'a'.repeat(1531) });
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.code, 'PORM_SMS_BODY_TOO_LONG');
    assert.equal(fieldOf(res)?.field, '/body');
    assert.match(String(res.body.detail), /11 GSM-7 segments; the limit is 10/);
    assert.equal((await send(h, { body: 'a'.repeat(1530) })).body.segments, 10);
    assert.equal((await send(h, { body: 'a'.repeat(1531), channel: 'mms' })).status, 201);
  });

  it('an MMS the sandbox MMSC refuses falls back to SMS, and the SMSC\'s own refusal then decides', async () => {
    // An uploaded picture: a URL would have to be fetched first, and media.example is not reachable.
    const res = await send(h, { to: '+15005550001', body: 'photo', media: [{ id: await uploadPng(h) }] });
    assert.equal(res.status, 201, res.text);
    const failed = await waitForStatus(h, String(res.body.id), 'failed');
    assert.deepEqual([failed.channel, failed.channel_fallback], ['sms', { from: 'mms', reason: 'mms_refused' }]);
    assert.match(String(failed.page_url), /\/v\/[0-9A-Za-z]{22}$/);
    const events = (await h.api('GET', `/v1/messages/${String(res.body.id)}`)).body.events as Array<{ type: string; data: Record<string, unknown> | null }>;
    const note = events.find((e) => e.type === 'channel_fallback');
    assert.deepEqual([note?.data?.reason, note?.data?.error_code, note?.data?.carrier], ['mms_refused', 'PORM_MM7_MESSAGE_REJECTED', 'sandbox-smsc']);
  });
});

describe('an MMS with no MMS route goes as SMS with its media page, end to end', () => {
  let h: Harness;
  withHarness((harness) => { h = harness; }, { PORM_CONFIG: configFile({ routes: [{ from: '*', carriers: ['sandbox-smsc'] }] }) });

  it('is delivered as SMS through the sandbox SMSC; its page shows the text and media', async () => {
    const res = await send(h, { body: 'Look at this', media: [{ url: 'https://media.example/cat.jpg' }] });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.channel, 'mms');
    const done = await waitForStatus(h, String(res.body.id), 'delivered');
    assert.deepEqual([done.channel, done.channel_fallback, done.encoding, done.segments], ['sms', { from: 'mms', reason: 'no_mms_route' }, 'gsm7', 1]);
    const page = await fetch(String(done.page_url));
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes('Look at this') && html.includes('<img src="https://media.example/cat.jpg"'));
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
    const withSmsc = smsAcceptPolicy({
      routes: [{ from: '+1415', channel: 'sms', carriers: ['smsc'] }, { from: '*', carriers: ['mms-a'] }],
      carriers: { smsc: { type: 'sandbox-smsc' }, 'mms-a': { type: 'sandbox' } },
      sms: { maxSegments: 10 },
    });
    assert.equal(withSmsc.smsRouteExists({ accountId: 'a', from: '+14155550199', to: '+14155550100' }), true);
    assert.equal(withSmsc.smsRouteExists({ accountId: 'a', from: '+12125550199', to: '+14155550100' }), false, 'the SMS route is for +1415 senders only');
  });
});
