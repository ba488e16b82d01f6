import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, eventually, startHarness, tempDir, type ApiResponse, type Harness } from './helpers/harness.ts';

// A/B campaigns over real HTTP: the test group is exactly the share asked for, its variants in
// weighted rotation; pause and resume keep the test waiting; when the window is over (brought
// forward in the store: the shortest window is 5 minutes) the variant with the best conversion
// rate wins, with its figures recorded, and goes to everyone else, each contact messaged once.

const FROM = '+14155550199';
const PHONES = Array.from({ length: 20 }, (_, i) => `+1415555${String(130 + i).padStart(4, '0')}`);

describe('/v1/campaigns with an A/B test', () => {
  const dataDir = tempDir();
  let h: Harness;
  let listId: string;
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => h.api(method, path, body);
  const campaignNow = (id: string) => a('GET', `/v1/campaigns/${id}`).then((r) => r.body as { status: string; ab_test: { winner: string | null; results: unknown; test_ends_at: string | null }; stats: { recipients: number; variants?: Record<string, { recipients: number; queued: number }> } });

  /** The test window's end, brought forward (the job and the campaign both say "now"); then the campaign once completed. */
  const endWindow = async (id: string) => {
    await h.porm.services.store.write(async (tx) => {
      await tx.updateTable('campaigns').set({ ab_test_ends_at: Date.now() - 1 }).where('id', '=', id).execute();
      await tx.updateTable('jobs').set({ run_at: Date.now() - 1 }).where('kind', '=', 'campaign.fanout').where('locked_by', 'is', null).execute();
    });
    return eventually(async () => {
      const c = await campaignNow(id);
      return c.status === 'completed' ? c : undefined;
    }, 20_000, 'the winner sent to the rest');
  };

  before(async () => {
    h = await startHarness({}, dataDir);
    // Quiet hours all but a minute of the day, so the test does not depend on the hour it runs at.
    const programs = (await a('GET', '/v1/programs')).body.data as Array<{ id: string; is_default: boolean }>;
    const patched = await a('PATCH', `/v1/programs/${programs.find((p) => p.is_default)!.id}`, { settings: { quiet_hours: { start: '00:00', end: '23:59', state_rules: false } } });
    assert.equal(patched.status, 200, patched.text);
    listId = String((await a('POST', '/v1/lists', { name: 'subscribers' })).body.id);
    for (const [i, phone] of PHONES.entries()) {
      const res = await a('POST', '/v1/contacts', { phone, name: `C${i}`, lists: [listId] });
      assert.equal(res.status, 201, res.text);
    }
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  test('half the list gets A or B, the winner by conversions goes to the other half', async () => {
    const created = await a('POST', '/v1/campaigns', {
      name: 'Hook line test', audience: { lists: [listId] }, from: FROM, send_rate: 100,
      ab_test: { variants: [{ name: 'Plain', body: 'Hi {{ contact.name }}, our sale starts today' }, { name: 'Urgent', body: 'Last chance {{ contact.name }}: 20% off ends tonight' }], test_percent: 50, metric: 'conversions', window_minutes: 60 },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.body, null);
    const id = String(created.body.id);

    const testing = await eventually(async () => {
      const c = await campaignNow(id);
      return c.status === 'testing' ? c : undefined;
    }, 20_000, 'the test group sent');
    assert.deepEqual(testing.stats.variants, { Plain: { recipients: 5, queued: 5 }, Urgent: { recipients: 5, queued: 5 } });
    assert.equal(testing.stats.recipients, 10, 'only the test group so far');
    assert.equal(testing.ab_test.winner, null);
    assert.ok(Date.parse(testing.ab_test.test_ends_at!) > Date.now() + 50 * 60_000, 'the window runs an hour from the end of the test phase');

    // Pausing and resuming leaves the test waiting for its window, not sending.
    assert.equal((await a('POST', `/v1/campaigns/${id}/pause`)).body.status, 'paused');
    assert.equal((await a('POST', `/v1/campaigns/${id}/resume`)).body.status, 'testing');

    // Every test message delivered; then two Urgent recipients and one Plain recipient buy.
    const sent = await eventually(async () => {
      const list = (await a('GET', '/v1/messages?limit=100')).body.data as Array<{ id: string; to: string; body: string; status: string; metadata: Record<string, string> }>;
      return list.length === 10 && list.every((m) => m.status === 'delivered') ? list : undefined;
    }, 20_000, 'test messages delivered');
    for (const m of sent) {
      assert.equal(m.metadata.campaign_id, id);
      assert.equal(m.body.startsWith('Last chance') ? 'Urgent' : 'Plain', m.metadata.campaign_variant);
    }
    const buyers = [...sent.filter((m) => m.metadata.campaign_variant === 'Urgent').slice(0, 2), ...sent.filter((m) => m.metadata.campaign_variant === 'Plain').slice(0, 1)];
    for (const [i, m] of buyers.entries()) {
      const conv = await a('POST', '/v1/conversions', { to: m.to, value: '10.00', currency: 'USD', order_id: `ab-${i}` });
      assert.equal(conv.status, 201, conv.text);
      assert.equal(conv.body.message_id, m.id);
    }

    const done = await endWindow(id);
    assert.equal(done.ab_test.winner, 'Urgent');
    assert.deepEqual(done.ab_test.results, [
      { name: 'Plain', recipients: 5, successes: 1, rate: 0.2 },
      { name: 'Urgent', recipients: 5, successes: 2, rate: 0.4 },
    ]);
    assert.deepEqual(done.stats.variants, { Plain: { recipients: 5, queued: 5 }, Urgent: { recipients: 15, queued: 15 } });
    const all = (await a('GET', '/v1/messages?limit=100')).body.data as Array<{ to: string; body: string }>;
    assert.equal(all.length, 20);
    assert.deepEqual([...new Set(all.map((m) => m.to))].sort(), [...PHONES].sort(), 'every contact once');
    assert.equal(all.filter((m) => m.body.startsWith('Last chance')).length, 15);
  });

  test('100% test: the variants split the whole audience and no winner phase follows', async () => {
    const created = await a('POST', '/v1/campaigns', {
      name: 'Split 3:1', audience: { lists: [listId] }, from: FROM, send_rate: 100, category: 'transactional',
      ab_test: { variants: [{ name: 'A', body: 'A {{ contact.name }}', weight: 3 }, { name: 'B', body: 'B {{ contact.name }}', weight: 1 }], test_percent: 100 },
    });
    assert.equal(created.status, 201, created.text);
    const done = await eventually(async () => {
      const c = await campaignNow(String(created.body.id));
      return c.status === 'completed' ? c : undefined;
    }, 20_000, 'split sent');
    assert.deepEqual(done.stats.variants, { A: { recipients: 15, queued: 15 }, B: { recipients: 5, queued: 5 } });
    assert.equal(done.ab_test.winner, null);
  });

  test('by clicks: taps on the tracked links pick the winner; a link preview counts for nothing', async () => {
    const created = await a('POST', '/v1/campaigns', {
      name: 'Link test', audience: { lists: [listId] }, from: FROM, send_rate: 100, category: 'transactional',
      ab_test: { variants: [{ name: 'Shoes', body: 'New shoes: https://shop.example.com/shoes' }, { name: 'Boots', body: 'New boots: https://shop.example.com/boots' }], test_percent: 20, window_minutes: 30 },
    });
    assert.equal(created.status, 201, created.text);
    const id = String(created.body.id);
    await eventually(async () => ((await campaignNow(id)).status === 'testing' ? true : undefined), 20_000, 'test group sent');
    const mine = ((await a('GET', '/v1/messages?limit=200')).body.data as Array<{ body: string; metadata: Record<string, string> }>).filter((m) => m.metadata.campaign_id === id);
    assert.equal(mine.length, 4, '20% of 20 contacts');
    const linkOf = (m: { body: string }): string => /https?:\/\/\S+\/l\/\S+/.exec(m.body)![0];
    const shoes = mine.filter((m) => m.metadata.campaign_variant === 'Shoes');
    const boots = mine.filter((m) => m.metadata.campaign_variant === 'Boots');
    const tap = (url: string, ua: string) => fetch(url, { redirect: 'manual', headers: { 'user-agent': ua } }).then((r) => r.status);
    const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
    // One Boots recipient taps; both Shoes links are only fetched by a link-preview bot.
    assert.equal(await tap(linkOf(boots[0]!), PHONE), 302);
    for (const m of shoes) assert.equal(await tap(linkOf(m), 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'), 302);
    const done = await endWindow(id);
    assert.equal(done.ab_test.winner, 'Boots');
    assert.deepEqual(done.ab_test.results, [
      { name: 'Shoes', recipients: 2, successes: 0, rate: 0 },
      { name: 'Boots', recipients: 2, successes: 1, rate: 0.5 },
    ]);
    assert.deepEqual(done.stats.variants, { Shoes: { recipients: 2, queued: 2 }, Boots: { recipients: 18, queued: 18 } });
    // The campaign's figures, per variant too.
    const figures = await a('GET', `/v1/campaigns/${id}/analytics`);
    assert.equal(figures.status, 200, figures.text);
    const variants = figures.body.variants as Record<string, { recipients: number; clicks: { unique: number; bots: number } }>;
    assert.deepEqual(Object.keys(variants), ['Shoes', 'Boots']);
    assert.deepEqual([variants.Shoes!.recipients, variants.Shoes!.clicks], [2, { unique: 0, total: 0, bots: 2 }]);
    assert.deepEqual([variants.Boots!.recipients, variants.Boots!.clicks], [18, { unique: 1, total: 1, bots: 0 }]);
    assert.deepEqual((figures.body.clicks as unknown), { unique: 1, total: 1, bots: 2 });
  });

  test('bad A/B input: the code and the field, and nothing stored', async () => {
    const base = { name: 'Bad', audience: { lists: [listId] }, from: FROM };
    const cases: Array<[unknown, string]> = [
      [{ ...base, ab_test: { variants: [{ name: 'Only', body: 'x' }] } }, '/ab_test/variants'],
      [{ ...base, body: 'Hello', ab_test: { variants: [{ name: 'A', body: 'x' }, { name: 'B', body: 'y' }] } }, '/body'],
      [{ ...base, ab_test: { variants: [{ name: 'A', body: 'x' }, { name: 'B', body: 'Hi {{ contact.name ' }] } }, '/ab_test/variants/1/body'],
      [{ ...base, ab_test: { variants: [{ name: 'A', body: 'x' }, { name: 'B', body: 'y' }], window_minutes: 1 } }, '/ab_test/window_minutes'],
    ];
    const before = ((await a('GET', '/v1/campaigns?limit=200')).body.data as unknown[]).length;
    for (const [body, field] of cases) {
      const res = await a('POST', '/v1/campaigns', body);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.code, 'PORM_CAMPAIGN_AB_INVALID');
      assert.equal((res.body.errors as Array<{ field: string }>)[0]!.field, field);
    }
    const noBody = await a('POST', '/v1/campaigns', base);
    assert.equal(noBody.body.code, 'PORM_CAMPAIGN_BODY_INVALID', 'without variants a body is required');
    assert.equal(((await a('GET', '/v1/campaigns?limit=200')).body.data as unknown[]).length, before);
  });
});
