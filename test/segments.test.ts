import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, request, startHarness, tempDir, type ApiResponse, type Harness } from './helpers/harness.ts';

// /v1/segments over real HTTP: each form of the rule language against contacts, tags, lists,
// consent and sent messages in a real SQLite file; malformed, too deep and too large rules get
// their codes; hostile strings stay values; accounts are isolated.

describe('/v1/segments', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  let listId: string;
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => h.api(method, path, body);
  const count = async (rule: unknown): Promise<number> => {
    const res = await a('POST', '/v1/segments/preview', { rule });
    assert.equal(res.status, 200, res.text);
    return Number(res.body.count);
  };
  const phones = async (rule: unknown): Promise<string[]> => ((await a('POST', '/v1/segments/preview', { rule })).body.sample as Array<{ phone: string }>).map((c) => c.phone).sort();
  const code = async (rule: unknown): Promise<[number, unknown]> => {
    const res = await a('POST', '/v1/segments/preview', { rule });
    return [res.status, res.body.code];
  };

  before(async () => {
    h = await startHarness({}, dataDir);
    keyB = (await h.porm.services.accounts.create('b')).apiKey.key;
    listId = String((await a('POST', '/v1/lists', { name: 'seg' })).body.id);
    await a('POST', '/v1/contacts', { phone: '+14155550100', time_zone: 'America/New_York', tags: ['vip'], attributes: { plan: 'gold', orders: 5, beta: true }, lists: [listId] });
    await a('POST', '/v1/contacts', { phone: '+14155550101', time_zone: 'America/Chicago', attributes: { plan: 'silver', orders: 1 } });
    await a('POST', '/v1/contacts', { phone: '+442079460018', attributes: { plan: 'gold', orders: '12' } });
    await a('POST', '/v1/consents', { to: '+14155550101', source: 'api', wording: 'yes please' });
    await a('POST', '/v1/suppressions', { to: '+442079460018', reason: 'asked' });
    await request(h.url, 'POST', '/v1/contacts', { phone: '+14155550100', attributes: { plan: 'gold' } }, { authorization: `Bearer ${keyB}` });
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  test('attributes with typed operators, fields, tags, lists, consent and and/or/not', async () => {
    assert.equal(await count({ attribute: 'plan', op: 'eq', value: 'gold' }), 2, 'account b\'s contact is not counted');
    assert.equal(await count({ attribute: 'orders', op: 'gt', value: 3 }), 2, 'the text "12" an import would store compares as a number');
    assert.equal(await count({ attribute: 'orders', op: 'lte', value: 1 }), 1);
    assert.equal(await count({ attribute: 'beta', op: 'eq', value: true }), 1);
    assert.equal(await count({ attribute: 'plan', op: 'in', value: ['silver', 'bronze'] }), 1);
    assert.equal(await count({ attribute: 'plan', op: 'contains', value: 'OL' }), 2);
    assert.equal(await count({ attribute: 'beta', op: 'not_exists' }), 2);
    assert.equal(await count({ field: 'phone', op: 'prefix', value: '+44' }), 1);
    assert.equal(await count({ field: 'time_zone', op: 'in', value: ['America/New_York', 'America/Chicago'] }), 2);
    assert.equal(await count({ tag: 'vip' }), 1);
    assert.equal(await count({ list: listId }), 1);
    assert.deepEqual(await phones({ consent: 'opted_in' }), ['+14155550101']);
    assert.deepEqual(await phones({ consent: 'opted_out' }), ['+442079460018']);
    assert.deepEqual(await phones({ consent: 'none' }), ['+14155550100']);
    assert.deepEqual(await phones({ and: [{ attribute: 'plan', op: 'eq', value: 'gold' }, { not: { consent: 'opted_out' } }] }), ['+14155550100']);
    assert.equal(await count({ or: [{ tag: 'vip' }, { field: 'phone', op: 'prefix', value: '+44' }] }), 2);
    // A hostile string is a value, never SQL.
    assert.equal(await count({ attribute: 'plan', op: 'eq', value: "gold' OR 1=1 --" }), 0);
    assert.equal(await count({ field: 'name', op: 'eq', value: "x'); DROP TABLE contact_profiles; --" }), 0);
    assert.equal(await count({ tag: 'vip' }), 1, 'the table is still there');
  });

  test('numbers in text compare as numbers only when the whole text is one (the same on SQLite and PostgreSQL)', async () => {
    const odd = [['+14155550150', '3 apples'], ['+14155550151', '1e999'], ['+14155550152', '1-2'], ['+14155550153', ' 7.5 '], ['+14155550154', '-1e3']] as const;
    for (const [phone, orders] of odd) assert.equal((await a('POST', '/v1/contacts', { phone, tags: ['odd'], attributes: { orders } })).status, 201);
    const odds = (rule: unknown) => phones({ and: [{ tag: 'odd' }, rule] });
    assert.deepEqual(await odds({ attribute: 'orders', op: 'gt', value: 2 }), ['+14155550153']);
    assert.deepEqual(await odds({ attribute: 'orders', op: 'lt', value: 0 }), ['+14155550154']);
    assert.deepEqual(await odds({ attribute: 'orders', op: 'eq', value: '3 apples' }), ['+14155550150']);
    assert.deepEqual(await odds({ attribute: 'orders', op: 'contains', value: 'APPLE' }), ['+14155550150']);
    assert.equal(await count({ attribute: 'beta', op: 'eq', value: true }), 1);
    assert.equal(await count({ attribute: 'orders', op: 'in', value: [5, 1] }), 2, 'stored numbers, by value');
  });

  test('behaviour: received and replied in the last N days', async () => {
    assert.equal(await count({ received: { within_days: 7 } }), 0);
    const sent = await a('POST', '/v1/messages', { to: '+14155550101', from: '+14155550199', body: 'hi' });
    assert.equal(sent.status, 201, sent.text);
    const deadline = Date.now() + 60_000;
    while (await count({ received: { within_days: 7 } }) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await phones({ received: { within_days: 7 } }), ['+14155550101']);
    assert.equal(await count({ replied: { within_days: 30 } }), 0);
    assert.equal(await count({ clicked: { within_days: 30 } }), 0);
  });

  test('malformed, too deep and too large rules get their codes', async () => {
    assert.deepEqual(await code({ attribute: 'plan', op: 'like', value: 'x' }), [400, 'PORM_SEGMENT_RULE_INVALID']);
    assert.deepEqual(await code({ attribute: 'orders', op: 'gt', value: '3' }), [400, 'PORM_SEGMENT_RULE_INVALID']);
    assert.deepEqual(await code({ attribute: 'bad key', op: 'eq', value: 'x' }), [400, 'PORM_SEGMENT_RULE_INVALID']);
    assert.deepEqual(await code({ sql: '1=1' }), [400, 'PORM_SEGMENT_RULE_INVALID']);
    assert.deepEqual(await code({ and: [] }), [400, 'PORM_SEGMENT_RULE_INVALID']);
    assert.deepEqual(await code({ tag: 'vip', list: listId }), [400, 'PORM_SEGMENT_RULE_INVALID']);
    assert.deepEqual(await code('tag:vip'), [400, 'PORM_SEGMENT_RULE_INVALID']);
    assert.deepEqual(await code({ received: { within_days: 0 } }), [400, 'PORM_SEGMENT_RULE_INVALID']);
    let deep: unknown = { tag: 'vip' };
    for (let i = 0; i < 9; i++) deep = { not: deep };
    assert.deepEqual(await code(deep), [400, 'PORM_SEGMENT_RULE_TOO_DEEP']);
    assert.deepEqual(await code({ or: Array.from({ length: 150 }, () => ({ tag: 'x' })) }), [400, 'PORM_SEGMENT_RULE_TOO_LARGE']);
    const res = await a('POST', '/v1/segments/preview', { rule: { not: { attribute: 'plan', op: 'nope' } } });
    assert.deepEqual((res.body.errors as Array<{ field: string }>).map((e) => e.field), ['/rule/not/op']);
  });

  test('CRUD, name uniqueness and isolation', async () => {
    const created = await a('POST', '/v1/segments', { name: 'Gold', rule: { attribute: 'plan', op: 'eq', value: 'gold' } });
    assert.equal(created.status, 201, created.text);
    const id = String(created.body.id);
    assert.equal((await a('POST', '/v1/segments', { name: 'Gold', rule: { tag: 'x' } })).body.code, 'PORM_SEGMENT_NAME_TAKEN');
    assert.equal((await a('POST', '/v1/segments', { name: 'Bad', rule: { tag: 5 } })).body.code, 'PORM_SEGMENT_RULE_INVALID');
    assert.equal((await a('PATCH', `/v1/segments/${id}`, { rule: { tag: 'vip' } })).body.name, 'Gold');
    assert.ok(((await a('GET', '/v1/segments')).body.data as Array<{ id: string }>).some((s) => s.id === id));
    const other = await request(h.url, 'GET', `/v1/segments/${id}`, undefined, { authorization: `Bearer ${keyB}` });
    assert.deepEqual([other.status, other.body.code], [404, 'PORM_SEGMENT_NOT_FOUND']);
    assert.equal((await a('DELETE', `/v1/segments/${id}`)).status, 204);
    assert.equal((await a('GET', `/v1/segments/${id}`)).body.code, 'PORM_SEGMENT_NOT_FOUND');
  });
});
