import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, eventually, request, startHarness, tempDir, type ApiResponse, type Harness } from './helpers/harness.ts';

// /v1/campaigns over real HTTP: a campaign to a list and a segment reaches delivered on the
// sandbox carrier with merge fields filled; opted-out and unconsented recipients are recorded with
// their reason; a dry run counts without sending; bad input and wrong moves get their codes; and
// another account's campaigns, lists and segments are not found.

const FROM = '+14155550199';

describe('/v1/campaigns', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  let listId: string;
  let excludeId: string;
  let segmentId: string;
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => h.api(method, path, body);
  const b = (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(h.url, method, path, body, { authorization: `Bearer ${keyB}` });

  before(async () => {
    h = await startHarness({}, dataDir);
    keyB = (await h.porm.services.accounts.create('b')).apiKey.key;
    // Consent required for marketing (so the unconsented contact is excluded), and quiet hours all
    // but a minute of the day, so the test does not depend on the hour it runs at.
    const programs = (await a('GET', '/v1/programs')).body.data as Array<{ id: string; is_default: boolean }>;
    const patched = await a('PATCH', `/v1/programs/${programs.find((p) => p.is_default)!.id}`, { settings: { require_consent_for_marketing: true, quiet_hours: { start: '00:00', end: '23:59', state_rules: false } } });
    assert.equal(patched.status, 200, patched.text);
    listId = String((await a('POST', '/v1/lists', { name: 'subscribers' })).body.id);
    excludeId = String((await a('POST', '/v1/lists', { name: 'staff' })).body.id);
    for (const [phone, name, plan] of [['+14155550110', 'Ada', 'gold'], ['+14155550111', 'Bo', 'silver'], ['+14155550112', null, 'gold'], ['+14155550113', 'Cy', 'gold']] as const) {
      const res = await a('POST', '/v1/contacts', { phone, name, attributes: { plan }, lists: [listId] });
      assert.equal(res.status, 201, res.text);
      if (phone !== '+14155550111') assert.equal((await a('POST', '/v1/consents', { to: phone, source: 'api', wording: 'yes please' })).status, 201);
    }
    // Only in the segment (not on the list), consented.
    await a('POST', '/v1/contacts', { phone: '+14155550114', name: 'Di', attributes: { plan: 'platinum' } });
    await a('POST', '/v1/consents', { to: '+14155550114', source: 'api', wording: 'yes please' });
    segmentId = String((await a('POST', '/v1/segments', { name: 'platinum', rule: { attribute: 'plan', op: 'eq', value: 'platinum' } })).body.id);
    // On the list but excluded by the staff list.
    await a('POST', '/v1/contacts', { phone: '+14155550115', name: 'Ed', lists: [listId, excludeId] });
    await a('POST', '/v1/suppressions', { to: '+14155550113', reason: 'asked' });
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  const campaign = { name: 'Spring sale', audience: { lists: [] as string[], segments: [] as string[], exclude_lists: [] as string[] }, body: 'Hi {{ contact.name | default: "there" }}, {{ contact.attributes.plan }} members save 20%', from: FROM, send_rate: 100 };

  test('dry run, then a campaign to a list and a segment reaches delivered, with exclusions and merge fields', async () => {
    const created = await a('POST', '/v1/campaigns', { ...campaign, audience: { lists: [listId], segments: [segmentId], exclude_lists: [excludeId] }, draft: true });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.status, 'draft');
    assert.equal(created.body.category, 'marketing');
    const id = String(created.body.id);

    const dry = await a('POST', `/v1/campaigns/${id}/dry-run`);
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.body.audience, 5, 'four list members and one segment match; the staff member is excluded');
    assert.equal(dry.body.would_send, 3);
    assert.deepEqual(dry.body.excluded, { PORM_RECIPIENT_OPTED_OUT: 1, PORM_CONSENT_REQUIRED: 1 });
    const messagesBefore = await a('GET', '/v1/messages?limit=100');
    assert.equal((messagesBefore.body.data as unknown[]).length, 0, 'a dry run sends nothing');

    const started = await a('POST', `/v1/campaigns/${id}/start`);
    assert.equal(started.status, 200, started.text);
    const done = await eventually(async () => {
      const res = await a('GET', `/v1/campaigns/${id}`);
      const stats = res.body.stats as { messages: Record<string, number> };
      return res.body.status === 'completed' && stats.messages.delivered === 3 ? res.body : undefined;
    }, 20_000, 'campaign delivered');
    assert.deepEqual(done.stats, { recipients: 5, queued: 3, excluded: { PORM_RECIPIENT_OPTED_OUT: 1, PORM_CONSENT_REQUIRED: 1 }, messages: { delivered: 3 } });
    const sent = (await a('GET', '/v1/messages?limit=100')).body.data as Array<{ to: string; body: string }>;
    assert.deepEqual(sent.map((m) => [m.to, m.body]).sort(), [
      ['+14155550110', 'Hi Ada, gold members save 20%'],
      ['+14155550112', 'Hi there, gold members save 20%'],
      ['+14155550114', 'Hi Di, platinum members save 20%'],
    ]);

    const moved = await a('POST', `/v1/campaigns/${id}/pause`);
    assert.equal(moved.status, 409);
    assert.equal(moved.body.code, 'PORM_CAMPAIGN_BAD_TRANSITION');
    const listed = await a('GET', '/v1/campaigns');
    assert.equal(listed.status, 200);
    assert.ok((listed.body.data as Array<{ id: string }>).some((c) => c.id === id));
  });

  test('pause, resume and cancel move the campaign; a canceled one cannot resume', async () => {
    const res = await a('POST', '/v1/campaigns', { ...campaign, audience: { ...campaign.audience, lists: [listId] }, send_at: new Date(Date.now() + 3_600_000).toISOString() });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.status, 'scheduled');
    const id = String(res.body.id);
    assert.equal((await a('POST', `/v1/campaigns/${id}/pause`)).body.status, 'paused');
    assert.equal((await a('POST', `/v1/campaigns/${id}/resume`)).body.status, 'scheduled');
    assert.equal((await a('POST', `/v1/campaigns/${id}/cancel`)).body.status, 'canceled');
    const again = await a('POST', `/v1/campaigns/${id}/resume`);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'PORM_CAMPAIGN_BAD_TRANSITION');
  });

  test('bad input: empty audience, no audience, unknown list or segment, bad body, no sender', async () => {
    const empty = String((await a('POST', '/v1/lists', { name: 'empty' })).body.id);
    const cases: Array<[unknown, number, string]> = [
      [{ ...campaign, audience: { lists: [empty] } }, 422, 'PORM_CAMPAIGN_EMPTY_AUDIENCE'],
      [{ ...campaign, audience: {} }, 400, 'PORM_CAMPAIGN_NO_AUDIENCE'],
      [{ ...campaign, audience: { lists: ['lst_00000000000000000000000000'] } }, 404, 'PORM_LIST_NOT_FOUND'],
      [{ ...campaign, audience: { segments: ['seg_00000000000000000000000000'] } }, 404, 'PORM_SEGMENT_NOT_FOUND'],
      [{ ...campaign, audience: { lists: [listId] }, body: 'Hi {{ contact.name ' }, 400, 'PORM_CAMPAIGN_BODY_INVALID'],
      [{ ...campaign, audience: { lists: [listId] }, from: undefined }, 400, 'PORM_CAMPAIGN_NO_SENDER'],
      [{ ...campaign, audience: { lists: [listId] }, send_at: 'tomorrow' }, 400, 'PORM_INVALID_SEND_AT'],
    ];
    for (const [body, status, code] of cases) {
      const res = await a('POST', '/v1/campaigns', body);
      assert.equal(res.status, status, `${code}: ${res.text}`);
      assert.equal(res.body.code, code, res.text);
    }
    assert.equal((await a('GET', '/v1/campaigns/cmp_00000000000000000000000000')).body.code, 'PORM_CAMPAIGN_NOT_FOUND');
    const cursor = await a('GET', '/v1/campaigns?cursor=nonsense');
    assert.equal(cursor.status, 400, cursor.text);
  });

  test('account isolation: another account\'s campaign, list and segment are not found', async () => {
    const mine = await a('POST', '/v1/campaigns', { ...campaign, audience: { lists: [listId] }, draft: true });
    const id = String(mine.body.id);
    for (const [method, path] of [['GET', `/v1/campaigns/${id}`], ['POST', `/v1/campaigns/${id}/dry-run`], ['POST', `/v1/campaigns/${id}/start`], ['POST', `/v1/campaigns/${id}/cancel`]] as const) {
      const res = await b(method, path);
      assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
      assert.equal(res.body.code, 'PORM_CAMPAIGN_NOT_FOUND');
    }
    assert.equal(((await b('GET', '/v1/campaigns')).body.data as unknown[]).length, 0);
    const list = await b('POST', '/v1/campaigns', { ...campaign, audience: { lists: [listId] } });
    assert.equal(list.status, 404, list.text);
    assert.equal(list.body.code, 'PORM_LIST_NOT_FOUND');
    const segment = await b('POST', '/v1/campaigns', { ...campaign, audience: { segments: [segmentId] } });
    assert.equal(segment.body.code, 'PORM_SEGMENT_NOT_FOUND');
    const exclusion = await b('POST', '/v1/campaigns', { ...campaign, audience: { segments: [], lists: [], exclude_lists: [excludeId] } });
    assert.equal(exclusion.status, 400);
    assert.equal((await a('GET', `/v1/campaigns/${id}`)).body.status, 'draft', 'account b\'s start and cancel changed nothing');
  });
});
