import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, eventually, request, startHarness, tempDir, type ApiResponse, type Harness } from './helpers/harness.ts';
import { saleTemplate } from './helpers/sale-template.ts';

// /v1/campaigns whose content is a rich template: created with fixed data, the template's revision
// pinned and shown in the resource; a dry run binds it for each recipient (the contact's data over
// the campaign's) and says what each would get; the fan-out sends rich messages through the send
// path to the sandbox, personalised; a recipient the data blocks is excluded with the binding's
// code. Bad input: an unknown template, another account's, a body, media or an A/B test with it.

const FROM = '+14155550199';
const sale = saleTemplate;

describe('/v1/campaigns with a rich template', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  let listId: string;
  let templateId: string;
  let theirTemplate: string;
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => h.api(method, path, body);

  before(async () => {
    h = await startHarness({}, dataDir);
    const b = await h.porm.services.accounts.create('b');
    keyB = b.apiKey.key;
    listId = String((await a('POST', '/v1/lists', { name: 'subscribers' })).body.id);
    for (const [phone, name, plan] of [['+14155550150', 'Ada', 'gold'], ['+14155550151', null, 'silver'], ['+14155550152', 'Cy', 'gold']] as const) {
      const res = await a('POST', '/v1/contacts', { phone, name, attributes: { plan }, lists: [listId] });
      assert.equal(res.status, 201, res.text);
    }
    templateId = (await h.porm.services.rich.templates.create(h.porm.bootstrap.accountId, { document: sale, name: 'spring-sale' })).id;
    theirTemplate = (await h.porm.services.rich.templates.create(b.account.id, { document: sale, name: 'theirs' })).id;
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  const base = () => ({ name: 'Spring sale', audience: { lists: [listId] }, from: FROM, category: 'transactional', send_rate: 100 });

  test('created with a template, dry-run per recipient, sent as personalised rich messages that reach the sandbox', async () => {
    // The campaign's fixed data cannot stand in for the contact: `contact` is always the recipient's own.
    const created = await a('POST', '/v1/campaigns', { ...base(), template: templateId, template_data: { sale: { percent: 20 }, contact: { name: 'Impostor' } }, draft: true });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.body.template, { id: templateId, revision: 1, data: { sale: { percent: 20 }, contact: { name: 'Impostor' } } });
    assert.equal(created.body.body, null);
    assert.equal(created.body.track_links, false);
    const id = String(created.body.id);

    // A revision made after creation is not what the campaign sends: it was pinned at 1.
    await h.porm.services.rich.templates.revise(h.porm.bootstrap.accountId, templateId, { document: { ...sale, components: [{ type: 'text', text: 'Revised {{ sale.percent }}' }] } });

    const dry = await a('POST', `/v1/campaigns/${id}/dry-run`);
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.body.would_send, 3);
    const would = (dry.body.messages as Array<{ phone: string; channel: string; text: string }>).sort((x, y) => x.phone.localeCompare(y.phone));
    assert.deepEqual(would.map((m) => [m.phone, m.channel]), [['+14155550150', 'mms'], ['+14155550151', 'mms'], ['+14155550152', 'mms']]);
    assert.match(would[0]!.text, /^Hi Ada, gold members save 20% this week/);
    assert.match(would[1]!.text, /^Hi there, silver members save 20% this week/);
    assert.match(would[2]!.text, /^Hi Cy, gold members save 20% this week/);

    assert.equal((await a('POST', `/v1/campaigns/${id}/start`)).body.status, 'scheduled');
    await eventually(async () => ((await a('GET', `/v1/campaigns/${id}`)).body.status === 'completed' ? true : undefined), 30_000, 'completed');
    const shown = await a('GET', `/v1/campaigns/${id}`);
    assert.deepEqual((shown.body.stats as { queued: number }).queued, 3, shown.text);
    const sent = async () => ((await a('GET', '/v1/messages?limit=50')).body.data as Array<Record<string, unknown>>)
      .filter((m) => (m.metadata as Record<string, unknown> | null)?.campaign_id === id).sort((x, y) => String(x.to).localeCompare(String(y.to)));
    const messages = await sent();
    assert.equal(messages.length, 3);
    for (const m of messages) {
      assert.deepEqual(m.template, { id: templateId, revision: 1 });
      assert.match(String(m.page_url), /\/m\/[A-Za-z0-9]{22}$/);
    }
    assert.match(String(messages[0]!.body), /^Hi Ada, gold members save 20% this week/);
    assert.match(String(messages[1]!.body), /^Hi there, silver members save 20% this week/);
    // The data each message was bound with, as stored: the contact's own (what it lacks left out) over the campaign's.
    const stored = await h.porm.services.messages.get(h.porm.bootstrap.accountId, String(messages[1]!.id));
    assert.deepEqual(stored.rich?.data, { sale: { percent: 20 }, contact: { phone: '+14155550151', tags: [], attributes: { plan: 'silver' } } });
    await eventually(async () => ((await sent()).every((m) => m.status === 'delivered') ? true : undefined), 30_000, 'all delivered on the sandbox');
  });

  test('a recipient the template\'s data blocks is excluded with the binding\'s code, in the dry run and the fan-out', async () => {
    const created = await a('POST', '/v1/campaigns', { ...base(), name: 'No sale data', template: templateId });
    assert.equal(created.status, 201, created.text);
    const id = String(created.body.id);
    await eventually(async () => ((await a('GET', `/v1/campaigns/${id}`)).body.status === 'completed' ? true : undefined), 30_000, 'completed');
    const stats = (await a('GET', `/v1/campaigns/${id}`)).body.stats as { queued: number; excluded: Record<string, number> };
    assert.equal(stats.queued, 0);
    assert.deepEqual(stats.excluded, { PORM_RICH_DATA_BLOCKED: 3 });
    const dry = await a('POST', `/v1/campaigns/${id}/dry-run`);
    assert.deepEqual(dry.body.excluded, { PORM_RICH_DATA_BLOCKED: 3 });
    assert.deepEqual(dry.body.messages, []);
  });

  test('bad input: unknown template, another account\'s, with a body, media or ab_test, template_data alone', async () => {
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ template: 'tpl_00000000000000000000000000' }, 404, 'PORM_RICH_TEMPLATE_NOT_FOUND', '/template'],
      [{ template: theirTemplate }, 404, 'PORM_RICH_TEMPLATE_NOT_FOUND', '/template'],
      [{ template: templateId, body: 'Hi {{ contact.name }}' }, 400, 'PORM_CAMPAIGN_CONTENT_CONFLICT', '/template'],
      [{ template: templateId, media_ids: ['med_00000000000000000000000000'] }, 400, 'PORM_CAMPAIGN_CONTENT_CONFLICT', '/media_ids'],
      [{ template: templateId, ab_test: { variants: [{ name: 'A', body: 'a' }, { name: 'B', body: 'b' }] } }, 400, 'PORM_CAMPAIGN_CONTENT_CONFLICT', '/template'],
      [{ body: 'Hi', template_data: { sale: { percent: 5 } } }, 400, 'PORM_CAMPAIGN_CONTENT_CONFLICT', '/template_data'],
    ];
    for (const [over, status, code, field] of cases) {
      const res = await a('POST', '/v1/campaigns', { ...base(), ...over });
      assert.equal(res.status, status, `${code}: ${res.text}`);
      assert.equal(res.body.code, code, res.text);
      assert.equal((res.body.errors as Array<{ field: string }>)[0]?.field, field, res.text);
    }
    // Account b cannot send account a's template to its own list either.
    const listB = String((await request(h.url, 'POST', '/v1/lists', { name: 'b' }, { authorization: `Bearer ${keyB}` })).body.id);
    await request(h.url, 'POST', '/v1/contacts', { phone: '+14155550153', lists: [listB] }, { authorization: `Bearer ${keyB}` });
    const cross = await request(h.url, 'POST', '/v1/campaigns', { ...base(), audience: { lists: [listB] }, template: templateId, template_data: { sale: { percent: 1 } } }, { authorization: `Bearer ${keyB}` });
    assert.equal(cross.status, 404, cross.text);
    assert.equal(cross.body.code, 'PORM_RICH_TEMPLATE_NOT_FOUND');
    assert.equal(((await a('GET', '/v1/campaigns')).body.data as unknown[]).length, 2, 'nothing refused was stored');
  });
});
