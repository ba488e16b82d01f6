// Tracked links over real HTTP: a message's links become short links, a tap redirects and is
// counted (people apart from link previews), conversions are credited to the click or delivery,
// and no account sees another's links, clicks or conversions.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { eventually, waitForStatus, withHarness, type Harness } from './helpers/harness.ts';

const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const IMESSAGE_PREVIEW_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0';

const fieldOf = (res: { body: Record<string, unknown> }) => (res.body.errors as Array<{ field: string; code: string }> | undefined)?.[0];
const tokenOf = (shortUrl: string) => shortUrl.split('/l/')[1]!;

async function tap(h: Harness, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${h.url}${path}`, { redirect: 'manual', ...init, headers: { 'user-agent': PHONE_UA, ...(init.headers as Record<string, string> | undefined) } });
}

describe('tracked links', () => {
  let h: Harness;
  let otherKey: string;
  withHarness((harness) => { h = harness; });
  before(async () => { otherKey = (await h.porm.services.accounts.create('other')).apiKey.key; });
  const asOther = (method: string, path: string, body?: unknown) => h.api(method, path, body, { authorization: `Bearer ${otherKey}` });

  async function sendTracked(to: string, body: string, extra: Record<string, unknown> = {}) {
    const res = await h.api('POST', '/v1/messages', { to, from: '+14155550199', body, track_links: true, ...extra });
    assert.equal(res.status, 201, res.text);
    const links = await h.api('GET', `/v1/links?message_id=${String(res.body.id)}`);
    assert.equal(links.status, 200, links.text);
    return { message: res.body, links: links.body.data as Array<Record<string, unknown>> };
  }

  it('rewrites each link of the body into the message\'s own short link, tagged with UTM', async () => {
    const { message, links } = await sendTracked('+14155550101', 'Sale! https://shop.example.com/fall and https://shop.example.com/faq?x=1.', { utm: { utm_source: 'porm', utm_campaign: 'fall' } });
    assert.equal(links.length, 2);
    const [first, second] = [...links].sort((a, b) => Number(a.position) - Number(b.position));
    assert.equal(message.body, `Sale! ${String(first!.url)} and ${String(second!.url)}.`);
    assert.ok(String(first!.url).startsWith(`${h.url}/l/`));
    assert.equal(first!.target, 'https://shop.example.com/fall?utm_source=porm&utm_campaign=fall');
    assert.equal(second!.target, 'https://shop.example.com/faq?x=1&utm_source=porm&utm_campaign=fall');
    assert.equal(first!.original, 'https://shop.example.com/fall');
    assert.equal(message.segments, 1, 'segments are counted on the short text');
  });

  it('redirects a tap at once and counts people apart from link previews and prefetches', async () => {
    const { links } = await sendTracked('+14155550102', 'Track it: https://track.example.com/p/1');
    const token = tokenOf(String(links[0]!.url));
    const res = await tap(h, `/l/${token}`);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), 'https://track.example.com/p/1');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal((await tap(h, `/l/${token}`, { headers: { 'user-agent': IMESSAGE_PREVIEW_UA } })).status, 302);
    assert.equal((await tap(h, `/l/${token}`, { method: 'HEAD' })).status, 302);
    assert.equal((await tap(h, `/l/${token}`, { headers: { 'sec-purpose': 'prefetch' } })).status, 302);
    await tap(h, `/l/${token}`);
    const link = await h.api('GET', `/v1/links/${token}`);
    assert.equal(link.status, 200, link.text);
    assert.deepEqual({ ...(link.body.clicks as Record<string, unknown>), first_clicked_at: null, last_clicked_at: null }, { total: 5, unique: 1, human: 2, bots: 3, first_clicked_at: null, last_clicked_at: null });
    const clicks = await h.api('GET', `/v1/links/${token}/clicks?limit=2`);
    assert.equal((clicks.body.data as unknown[]).length, 2);
    assert.ok(clicks.body.next_cursor);
    const rest = await h.api('GET', `/v1/links/${token}/clicks?cursor=${String(clicks.body.next_cursor)}`);
    const all = [...(clicks.body.data as Array<Record<string, unknown>>), ...(rest.body.data as Array<Record<string, unknown>>)];
    assert.equal(all.length, 5);
    assert.deepEqual(all.filter((c) => c.bot).map((c) => c.bot_reason).sort(), ['head request', 'link preview or crawler', 'prefetch']);
  });

  it('answers forged, malformed and expired links with 404 or 410 and counts nothing', async () => {
    // A path longer than any token is refused before routing (414), like any over-long URL.
    assert.equal((await tap(h, '/l/' + 'x'.repeat(500))).status, 414);
    for (const path of ['/l/AAAAAAAAAA', '/l/..%2F..%2Fetc', '/l/abc%00defgh', '/l/<script>']) {
      const res = await tap(h, path);
      assert.equal(res.status, 404, path);
      assert.equal(res.headers.get('x-porm-error'), 'PORM_LINK_NOT_FOUND');
      assert.equal(res.headers.get('location'), null);
    }
    const { links } = await sendTracked('+14155550103', 'https://old.example.com/offer');
    const token = tokenOf(String(links[0]!.url));
    await h.porm.services.store.write((tx) => tx.updateTable('tracked_links').set({ expires_at: 1 }).where('token', '=', token).execute());
    const res = await tap(h, `/l/${token}`);
    assert.equal(res.status, 410);
    assert.equal(res.headers.get('x-porm-error'), 'PORM_LINK_EXPIRED');
    assert.equal(((await h.api('GET', `/v1/links/${token}`)).body.clicks as Record<string, unknown>).total, 0);
  });

  it('keeps links, clicks and conversions to their own account', async () => {
    const { links } = await sendTracked('+14155550104', 'https://private.example.com/a');
    const token = tokenOf(String(links[0]!.url));
    await tap(h, `/l/${token}`);
    assert.equal((await asOther('GET', `/v1/links/${token}`)).body.code, 'PORM_LINK_NOT_FOUND');
    assert.equal((await asOther('GET', `/v1/links/${token}/clicks`)).body.code, 'PORM_LINK_NOT_FOUND');
    assert.deepEqual((await asOther('GET', '/v1/links?to=%2B14155550104')).body.data, []);
    const clickId = String(((await h.api('GET', `/v1/links/${token}/clicks`)).body.data as Array<Record<string, unknown>>)[0]!.id);
    const stolen = await asOther('POST', '/v1/conversions', { click_id: clickId, value: '10', currency: 'USD' });
    assert.equal(stolen.status, 404, stolen.text);
    assert.equal(stolen.body.code, 'PORM_CLICK_NOT_FOUND');
    const mine = await h.api('POST', '/v1/conversions', { click_id: clickId, value: '10', currency: 'USD' });
    assert.equal(mine.status, 201, mine.text);
    assert.equal((await asOther('GET', `/v1/conversions/${String(mine.body.id)}`)).body.code, 'PORM_CONVERSION_NOT_FOUND');
  });

  it('credits a conversion to the last click, else the last delivery, else nothing; an order counts once', async () => {
    const { links } = await sendTracked('+14155550105', 'https://shop.example.com/boots');
    await tap(h, `/l/${tokenOf(String(links[0]!.url))}`);
    const byClick = await h.api('POST', '/v1/conversions', { to: '+14155550105', value: '49.90', currency: 'usd', order_id: 'order-1' });
    assert.equal(byClick.status, 201, byClick.text);
    assert.equal(byClick.body.attribution, 'click');
    assert.equal(byClick.body.value, '49.9');
    assert.equal(byClick.body.currency, 'USD');
    assert.equal(byClick.body.link_token, tokenOf(String(links[0]!.url)));

    const again = await h.api('POST', '/v1/conversions', { to: '+14155550105', value: 49.9, currency: 'USD', order_id: 'order-1' });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, byClick.body.id);
    const changed = await h.api('POST', '/v1/conversions', { to: '+14155550105', value: '50', currency: 'USD', order_id: 'order-1' });
    assert.equal(changed.status, 409);
    assert.equal(changed.body.code, 'PORM_CONVERSION_ORDER_CONFLICT');

    const sent = await h.api('POST', '/v1/messages', { to: '+14155550106', from: '+14155550199', body: 'Thanks for your order' });
    await waitForStatus(h, String(sent.body.id), 'delivered', 30_000);
    const byDelivery = await h.api('POST', '/v1/conversions', { to: '+14155550106', value: '5', currency: 'EUR' });
    assert.equal(byDelivery.body.attribution, 'delivery');
    assert.equal(byDelivery.body.message_id, sent.body.id);
    const none = await h.api('POST', '/v1/conversions', { to: '+14155550107', value: '5', currency: 'EUR' });
    assert.equal(none.body.attribution, 'none');

    const list = await h.api('GET', '/v1/conversions?to=%2B14155550105');
    assert.deepEqual((list.body.data as Array<Record<string, unknown>>).map((c) => c.id), [byClick.body.id]);
  });

  it('records one conversion when the same order is reported by many requests at once', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => h.api('POST', '/v1/conversions', { to: '+14155550108', value: '12.5', currency: 'USD', order_id: 'race-1' })));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
  });

  it('refuses bad conversions with a code at the field', async () => {
    const bad = async (body: Record<string, unknown>, code: string, field?: string) => {
      const res = await h.api('POST', '/v1/conversions', body);
      assert.equal(res.body.code, code, `${JSON.stringify(body)}: ${res.text}`);
      if (field) assert.equal(fieldOf(res)?.field, field);
    };
    await bad({ value: '1', currency: 'USD' }, 'PORM_CONVERSION_WHO_MISSING');
    await bad({ to: '+14155550109', value: '-1', currency: 'USD' }, 'PORM_INVALID_CONVERSION_VALUE', '/value');
    await bad({ to: '+14155550109', value: 1e-7, currency: 'USD' }, 'PORM_INVALID_CONVERSION_VALUE', '/value');
    await bad({ to: '+14155550109', value: '1.5', currency: 'dollars' }, 'PORM_INVALID_CONVERSION_VALUE', '/currency');
    await bad({ to: 'not a number', value: '1', currency: 'USD' }, 'PORM_INVALID_PHONE_NUMBER', '/to');
    await bad({ to: '+14155550109', value: '1', currency: 'USD', occurred_at: 'yesterday' }, 'PORM_VALIDATION_FAILED', '/occurred_at');
    await bad({ click_id: 'clk_nope', value: '1', currency: 'USD' }, 'PORM_CLICK_NOT_FOUND', '/click_id');
  });

  it('uses the account\'s own short domain and UTM defaults once set, and validates them', async () => {
    const set = await h.api('PATCH', '/v1/links/settings', { base_url: 'https://go.brand.example/', utm: { utm_medium: 'sms' } });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.body.base_url, 'https://go.brand.example');
    const { message, links } = await sendTracked('+14155550110', 'Hi https://brand.example/new');
    assert.match(String(message.body), /^Hi https:\/\/go\.brand\.example\/l\/[0-9A-Za-z]{10}$/);
    assert.equal(links[0]!.target, 'https://brand.example/new?utm_medium=sms');
    // The short domain points at this porm: the same path redirects here.
    assert.equal((await tap(h, new URL(String(message.body).slice(3)).pathname)).status, 302);
    const other = await asOther('GET', '/v1/links/settings');
    assert.equal(other.body.base_url, null, 'another account keeps porm\'s URL');
    for (const [body, field] of [[{ base_url: 'https://go.example/?x=1' }, '/base_url'], [{ base_url: 'javascript:alert(1)' }, '/base_url'], [{ ttl_days: 0 }, '/ttl_days']] as const) {
      const res = await h.api('PATCH', '/v1/links/settings', body);
      assert.equal(res.status, 400, res.text);
      assert.equal(fieldOf(res)?.field, field);
    }
    await h.api('PATCH', '/v1/links/settings', { base_url: null, utm: {} });
  });

  it('refuses utm without track_links and track_links on a rich message', async () => {
    const utmOnly = await h.api('POST', '/v1/messages', { to: '+14155550111', from: '+14155550199', body: 'x https://a.example', utm: { utm_source: 'x' } });
    assert.equal(utmOnly.status, 400);
    assert.equal(fieldOf(utmOnly)?.field, '/utm');
    const rich = await h.api('POST', '/v1/messages', { to: '+14155550111', from: '+14155550199', track_links: true, template: { version: 1, components: [] } });
    assert.equal(rich.status, 400, rich.text);
    const plain = await h.api('POST', '/v1/messages', { to: '+14155550111', from: '+14155550199', body: 'no links here', track_links: true });
    assert.equal(plain.status, 201);
    assert.equal(plain.body.body, 'no links here');
  });

  it('tells a link.clicked webhook of a person\'s tap, and not of a link preview', async () => {
    const received: Array<Record<string, unknown>> = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => { received.push(JSON.parse(body) as Record<string, unknown>); res.end('ok'); });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const hook = await h.api('POST', '/v1/webhooks', { url: `http://127.0.0.1:${port}/hook`, events: ['link.clicked'] });
      assert.equal(hook.status, 201, hook.text);
      const { message, links } = await sendTracked('+14155550112', 'https://shop.example.com/hooked');
      const token = tokenOf(String(links[0]!.url));
      await tap(h, `/l/${token}`, { headers: { 'user-agent': IMESSAGE_PREVIEW_UA } });
      await tap(h, `/l/${token}`);
      const got = await eventually(async () => (received.length > 0 ? received : undefined), 20_000, 'the link.clicked webhook');
      const data = got[0]!.data as Record<string, unknown>;
      assert.equal(got[0]!.type, 'link.clicked');
      assert.deepEqual([data.token, data.message_id, data.to, data.bot, data.url], [token, message.id, '+14155550112', false, 'https://shop.example.com/hooked']);
      assert.equal(received.length, 1, 'the preview fetch is not announced');
      await h.api('DELETE', `/v1/webhooks/${String(hook.body.id)}`);
    } finally {
      server.close();
    }
  });
});
