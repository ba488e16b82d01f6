import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, eventually, request, startHarness, tempDir, type ApiResponse, type Harness } from './helpers/harness.ts';
import { campaignFigures } from '../src/campaigns/analytics.ts';

// A campaign's figures over real HTTP: a campaign with a link goes to six contacts on the sandbox
// (three delivered, one undelivered, one rejected at submit, one suppressed); people tap the short
// links (real GETs, one a link-preview fetch), one recipient replies, one sends STOP, two orders
// are reported; then GET /v1/campaigns/{id}/analytics gives every figure exactly, its series adds
// up to them, the CSV parses to the same series, a subset of recipients is one more condition,
// another account gets 404, and a bad interval gets its code.

const FROM = '+14155550199';
const ADA = '+14155550120';
const BO = '+14155550121';
const CY = '+14155550122';
const UNDELIVERED = '+15005550003';
const REJECTED = '+15005550001';
const SUPPRESSED = '+14155550125';
const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const PREVIEW_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0';

const fieldOf = (res: ApiResponse): string | undefined => (res.body.errors as Array<{ field: string }> | undefined)?.[0]?.field;

/** RFC 4180, enough for porm's own output: every cell quoted, CRLF line ends. */
function parseCsv(text: string): string[][] {
  return text.split('\r\n').filter((l) => l !== '').map((line) => [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((m) => m[1]!.replaceAll('""', '"')));
}

describe('campaign analytics', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  let campaignId: string;
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => h.api(method, path, body);
  const b = (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(h.url, method, path, body, { authorization: `Bearer ${keyB}` });
  const tap = (url: string, userAgent: string): Promise<Response> => fetch(url, { redirect: 'manual', headers: { 'user-agent': userAgent } });

  before(async () => {
    h = await startHarness({}, dataDir);
    keyB = (await h.porm.services.accounts.create('b')).apiKey.key;
    assert.equal((await a('POST', '/v1/numbers', { number: FROM })).status, 201);
    // Quiet hours all but a minute of the day, so the test does not depend on the hour it runs at.
    const programs = (await a('GET', '/v1/programs')).body.data as Array<{ id: string; is_default: boolean }>;
    const patched = await a('PATCH', `/v1/programs/${programs.find((p) => p.is_default)!.id}`, { settings: { quiet_hours: { start: '00:00', end: '23:59', state_rules: false } } });
    assert.equal(patched.status, 200, patched.text);
    const listId = String((await a('POST', '/v1/lists', { name: 'fall' })).body.id);
    for (const phone of [ADA, BO, CY, UNDELIVERED, REJECTED, SUPPRESSED]) {
      const res = await a('POST', '/v1/contacts', { phone, lists: [listId] });
      assert.equal(res.status, 201, res.text);
    }
    assert.equal((await a('POST', '/v1/suppressions', { to: SUPPRESSED, reason: 'asked' })).status, 201);

    const created = await a('POST', '/v1/campaigns', { name: 'Fall boots', audience: { lists: [listId] }, body: 'Boots are here: https://shop.example.com/boots', from: FROM, send_rate: 100 });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.track_links, true, 'a campaign tracks its links unless told not to');
    campaignId = String(created.body.id);
    await eventually(async () => {
      const res = await a('GET', `/v1/campaigns/${campaignId}`);
      const m = (res.body.stats as { messages: Record<string, number> }).messages;
      return res.body.status === 'completed' && m.delivered === 3 && m.undelivered === 1 && m.failed === 1 ? true : undefined;
    }, 30_000, 'campaign settled');

    const messages = (await a('GET', '/v1/messages?limit=100')).body.data as Array<{ id: string; to: string; body: string }>;
    const linkOf = async (to: string): Promise<string> => {
      const message = messages.find((m) => m.to === to)!;
      const links = (await a('GET', `/v1/links?message_id=${message.id}`)).body.data as Array<{ url: string }>;
      assert.equal(links.length, 1);
      assert.equal(message.body, `Boots are here: ${links[0]!.url}`, 'the body carries the message\'s own short link');
      return links[0]!.url;
    };
    const ada = await linkOf(ADA);
    const bo = await linkOf(BO);
    const cy = await linkOf(CY);
    for (const [url, ua] of [[ada, PHONE_UA], [ada, PREVIEW_UA], [ada, PHONE_UA], [bo, PREVIEW_UA], [cy, PHONE_UA]] as const) assert.equal((await tap(url, ua)).status, 302);

    // Noise the campaign must not count: a message of its own to Ada, tapped, and replied to with a keyword.
    const direct = await a('POST', '/v1/messages', { to: ADA, from: FROM, body: 'Your order: https://shop.example.com/orders/1', track_links: true });
    assert.equal(direct.status, 201, direct.text);
    const directLink = ((await a('GET', `/v1/links?message_id=${String(direct.body.id)}`)).body.data as Array<{ url: string }>)[0]!.url;
    assert.equal((await tap(directLink, PHONE_UA)).status, 302);

    assert.equal((await a('POST', '/v1/sandbox/inbound', { from: ADA, to: FROM, body: 'Love them, size 9?' })).status, 201);
    assert.equal((await a('POST', '/v1/sandbox/inbound', { from: ADA, to: FROM, body: 'HELP' })).status, 201);
    assert.equal((await a('POST', '/v1/sandbox/inbound', { from: BO, to: FROM, body: 'STOP' })).status, 201);

    const token = ada.split('/l/')[1]!;
    const clicks = (await a('GET', `/v1/links/${token}/clicks`)).body.data as Array<{ id: string; bot: boolean }>;
    const byClick = await a('POST', '/v1/conversions', { click_id: clicks.find((c) => !c.bot)!.id, value: '49.90', currency: 'USD', order_id: 'o-1' });
    assert.equal(byClick.status, 201, byClick.text);
    const byRecipient = await a('POST', '/v1/conversions', { to: CY, value: '5', currency: 'EUR', order_id: 'o-2' });
    assert.equal(byRecipient.status, 201, byRecipient.text);
    assert.equal(byRecipient.body.attribution, 'click');
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  test('every figure, exactly', async () => {
    const res = await a('GET', `/v1/campaigns/${campaignId}/analytics`);
    assert.equal(res.status, 200, res.text);
    const { series, ...figures } = res.body;
    assert.deepEqual(figures, {
      object: 'campaign_analytics', campaign_id: campaignId,
      recipients: 6, queued: 5, excluded: { PORM_RECIPIENT_OPTED_OUT: 1 },
      sent: 4, delivered: 3, failed: { total: 2, by_code: { PORM_CARRIER_REJECTED: 1, PORM_UNDELIVERED: 1 } }, delivery_rate: 0.75,
      clicks: { unique: 2, total: 3, bots: 2 }, click_through_rate: 0.6667,
      replies: 1, opt_outs: 1, opt_out_rate: 0.3333,
      conversions: 2, revenue: { EUR: '5', USD: '49.9' }, revenue_per_send: { EUR: '1.25', USD: '12.475' },
      interval: 'day',
    });
    const buckets = series as Array<Record<string, number | string>>;
    assert.ok(buckets.length >= 1 && buckets.length <= 2, JSON.stringify(buckets));
  });

  test('the series: UTC buckets, gap-free, adding up to the figures', async () => {
    for (const [interval, step] of [['hour', 3_600_000], ['day', 86_400_000]] as const) {
      const res = await a('GET', `/v1/campaigns/${campaignId}/analytics?interval=${interval}`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.interval, interval);
      const buckets = res.body.series as Array<{ start: string; sent: number; delivered: number; clicks: number; opt_outs: number; conversions: number }>;
      const starts = buckets.map((x) => Date.parse(x.start));
      for (const [i, start] of starts.entries()) {
        assert.equal(start % step, 0, `${interval} bucket ${buckets[i]!.start} starts on the ${interval}`);
        if (i > 0) assert.equal(start - starts[i - 1]!, step, 'no gaps');
      }
      const sum = (key: 'sent' | 'delivered' | 'clicks' | 'opt_outs' | 'conversions'): number => buckets.reduce((n, x) => n + x[key], 0);
      assert.deepEqual([sum('sent'), sum('delivered'), sum('clicks'), sum('opt_outs'), sum('conversions')], [4, 3, 3, 1, 2]);
      const now = Date.now();
      assert.ok(starts[0]! <= now && now - starts.at(-1)! < step + 60_000, 'the buckets are of the last minutes');
    }
  });

  test('the CSV is the series, one row per bucket', async () => {
    const json = await a('GET', `/v1/campaigns/${campaignId}/analytics?interval=hour`);
    const res = await fetch(`${h.url}/v1/campaigns/${campaignId}/analytics.csv?interval=hour`, { headers: { authorization: `Bearer ${h.key}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const [header, ...rows] = parseCsv(await res.text());
    assert.deepEqual(header, ['start', 'sent', 'delivered', 'clicks', 'opt_outs', 'conversions']);
    const series = json.body.series as Array<Record<string, number | string>>;
    assert.deepEqual(rows, series.map((x) => [x.start, x.sent, x.delivered, x.clicks, x.opt_outs, x.conversions].map(String)));
  });

  test('the figures of a subset of recipients are one more condition (the way an A/B variant is read)', async () => {
    const db = h.porm.services.store.db;
    const accountId = (await db.selectFrom('campaigns').select('account_id').where('id', '=', campaignId).executeTakeFirstOrThrow()).account_id;
    const f = await campaignFigures(db, { accountId, campaignId, interval: 'day', recipients: (cr) => cr('cr.phone', 'in', [ADA, BO]) });
    assert.deepEqual([f.recipients, f.sent, f.delivered, f.clicks, f.replies, f.optOuts, f.conversions, f.revenue], [2, 2, 2, { unique: 1, total: 2, bots: 2 }, 1, 1, 1, { USD: '49.9' }]);
  });

  test('another account\'s campaign is not found; a bad interval is refused with a code', async () => {
    for (const path of [`/v1/campaigns/${campaignId}/analytics`, `/v1/campaigns/${campaignId}/analytics.csv`]) {
      const res = await b('GET', path);
      assert.equal(res.status, 404, `${path}: ${res.text}`);
      assert.equal(res.body.code, 'PORM_CAMPAIGN_NOT_FOUND');
    }
    const missing = await a('GET', '/v1/campaigns/cmp_00000000000000000000000000/analytics');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'PORM_CAMPAIGN_NOT_FOUND');
    for (const [query, code, field] of [['interval=minute', 'PORM_INVALID_FIELD', '/query/interval'], ['interval=', 'PORM_INVALID_FIELD', '/query/interval'], ['bucket=day', 'PORM_UNKNOWN_FIELD', '/query/bucket']]) {
      for (const path of ['analytics', 'analytics.csv']) {
        const res = await a('GET', `/v1/campaigns/${campaignId}/${path}?${query}`);
        assert.equal(res.status, 400, `${query}: ${res.text}`);
        assert.equal(res.body.code, code, res.text);
        assert.equal(fieldOf(res), field, res.text);
      }
    }
  });

  test('track_links: false leaves the links as written', async () => {
    const listId = String((await a('POST', '/v1/lists', { name: 'plain' })).body.id);
    assert.equal((await a('POST', '/v1/contacts', { phone: '+14155550130', lists: [listId] })).status, 201);
    const created = await a('POST', '/v1/campaigns', { name: 'Plain', audience: { lists: [listId] }, body: 'See https://shop.example.com/plain', from: FROM, track_links: false });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.track_links, false);
    const message = await eventually(async () => {
      const rows = (await a('GET', '/v1/messages?to=%2B14155550130')).body.data as Array<{ id: string; body: string }>;
      return rows[0];
    }, 20_000, 'campaign message');
    assert.equal(message.body, 'See https://shop.example.com/plain');
    assert.deepEqual((await a('GET', `/v1/links?message_id=${message.id}`)).body.data, []);
    const figures = await a('GET', `/v1/campaigns/${String(created.body.id)}/analytics`);
    assert.deepEqual(figures.body.clicks, { unique: 0, total: 0, bots: 0 });
  });
});
