import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, request, startHarness, tempDir, type ApiResponse, type Harness } from './helpers/harness.ts';

// /v1/contacts and /v1/lists over real HTTP: upsert by normalised number, field validation with
// stable codes, filters and cursors, list membership, account isolation, and erasure that keeps
// the number's suppression.

type ContactJson = { id: string; phone: string; name: string | null; time_zone: string | null; locale: string | null; tags: string[]; attributes: Record<string, unknown>; lists: string[] };

describe('/v1/contacts and /v1/lists', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => h.api(method, path, body);
  const b = (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(h.url, method, path, body, { authorization: `Bearer ${keyB}` });
  function problem(res: ApiResponse, status: number, code: string, field?: string): void {
    assert.equal(res.status, status, res.text);
    assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
    assert.equal(res.body.code, code, res.text);
    if (field !== undefined) assert.ok(((res.body.errors ?? []) as Array<{ field: string }>).some((e) => e.field === field), res.text);
  }

  before(async () => {
    h = await startHarness({}, dataDir);
    keyB = (await h.porm.services.accounts.create('b')).apiKey.key;
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  test('create by a national number, upsert by the same number in another form, get by id or number', async () => {
    const created = await a('POST', '/v1/contacts', { phone: '(415) 555-0120', name: ' Ada ', time_zone: 'america/new_york', locale: 'en_us', tags: ['vip', 'vip', ' shoes '], attributes: { plan: 'gold', orders: 3, beta: true } });
    assert.equal(created.status, 201, created.text);
    const c = created.body as unknown as ContactJson;
    assert.match(c.id, /^con_[0-9a-z]{26}$/);
    assert.equal(created.headers.get('location'), `/v1/contacts/${c.id}`);
    assert.deepEqual([c.phone, c.name, c.time_zone, c.locale, c.tags, c.attributes, c.lists], ['+14155550120', 'Ada', 'America/New_York', 'en-US', ['shoes', 'vip'], { plan: 'gold', orders: 3, beta: true }, []]);

    const again = await a('POST', '/v1/contacts', { phone: '+1 415-555-0120', name: 'Ada L.' });
    assert.equal(again.status, 200, 'the second create of one number updates it');
    assert.equal(again.body.id, c.id);
    assert.equal(again.body.name, 'Ada L.');
    assert.deepEqual(again.body.tags, ['shoes', 'vip'], 'fields left out keep their value');
    assert.deepEqual((await a('GET', `/v1/contacts/${encodeURIComponent('+14155550120')}`)).body, again.body);
    assert.deepEqual((await a('GET', `/v1/contacts/${c.id}`)).body, again.body);

    const gb = await a('POST', '/v1/contacts', { phone: '020 7946 0018', default_country: 'gb' });
    assert.equal(gb.status, 201, gb.text);
    assert.equal(gb.body.phone, '+442079460018');
  });

  test('patch merges attributes (null removes a key) and clears fields with null', async () => {
    const c = (await a('POST', '/v1/contacts', { phone: '+14155550121', attributes: { a: 1, b: 'x' }, time_zone: 'Europe/Paris' })).body as unknown as ContactJson;
    const patched = await a('PATCH', `/v1/contacts/${c.id}`, { attributes: { b: null, c: false }, time_zone: null, tags: ['new'] });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual([patched.body.attributes, patched.body.time_zone, patched.body.tags], [{ a: 1, c: false }, null, ['new']]);
  });

  test('bad fields get stable codes and pointers', async () => {
    problem(await a('POST', '/v1/contacts', { phone: '12' }), 400, 'PORM_INVALID_PHONE_NUMBER', '/phone');
    problem(await a('POST', '/v1/contacts', { phone: '+14155550122', default_country: 'XX' }), 400, 'PORM_INVALID_COUNTRY', '/default_country');
    problem(await a('POST', '/v1/contacts', { phone: '+14155550122', time_zone: 'Mars/Olympus' }), 400, 'PORM_INVALID_TIME_ZONE', '/time_zone');
    problem(await a('POST', '/v1/contacts', { phone: '+14155550122', time_zone: '+02:00' }), 400, 'PORM_INVALID_TIME_ZONE', '/time_zone');
    problem(await a('POST', '/v1/contacts', { phone: '+14155550122', locale: 'not a locale' }), 400, 'PORM_INVALID_FIELD', '/locale');
    problem(await a('POST', '/v1/contacts', { phone: '+14155550122', tags: ['=cmd|x'] }), 400, 'PORM_INVALID_FIELD', '/tags/0');
    problem(await a('POST', '/v1/contacts', { phone: '+14155550122', attributes: { 'bad key': 1 } }), 400, 'PORM_INVALID_ATTRIBUTES');
    problem(await a('POST', '/v1/contacts', { phone: '+14155550122', attributes: { nested: { a: 1 } } }), 400, 'PORM_INVALID_FIELD');
    const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'x'.repeat(900)]));
    problem(await a('POST', '/v1/contacts', { phone: '+14155550122', attributes: big }), 400, 'PORM_INVALID_ATTRIBUTES', '/attributes');
    problem(await a('POST', '/v1/contacts', { phone: '+14155550122', lists: ['lst_01jxxxxxxxxxxxxxxxxxxxxxxx'] }), 404, 'PORM_LIST_NOT_FOUND', '/lists/0');
    problem(await a('GET', '/v1/contacts?cursor=garbage'), 400, 'PORM_INVALID_CURSOR');
    problem(await a('GET', '/v1/contacts/con_01jxxxxxxxxxxxxxxxxxxxxxxx'), 404, 'PORM_CONTACT_NOT_FOUND');
    // Nothing half-written by the refused requests.
    problem(await a('GET', `/v1/contacts/${encodeURIComponent('+14155550122')}`), 404, 'PORM_CONTACT_NOT_FOUND');
  });

  test('lists: CRUD, members by id or number, filters by list and tag, cursor pagination', async () => {
    const list = await a('POST', '/v1/lists', { name: 'Shoe buyers', description: 'bought in 2026' });
    assert.equal(list.status, 201, list.text);
    const listId = String(list.body.id);
    problem(await a('POST', '/v1/lists', { name: 'Shoe buyers' }), 409, 'PORM_LIST_NAME_TAKEN', '/name');
    const x = (await a('POST', '/v1/contacts', { phone: '+14155550130', tags: ['t1'], lists: [listId] })).body as unknown as ContactJson;
    assert.deepEqual(x.lists, [listId]);
    const y = (await a('POST', '/v1/contacts', { phone: '+14155550131', tags: ['t1'] })).body as unknown as ContactJson;
    const added = await a('POST', `/v1/lists/${listId}/members`, { contacts: [y.id, x.id, '415-555-0132'] });
    assert.equal(added.status, 200, added.text);
    assert.equal(added.body.added, 2, 'x was a member already; the new number got a contact');
    assert.equal((await a('GET', `/v1/lists/${listId}`)).body.member_count, 3);
    problem(await a('POST', `/v1/lists/${listId}/members`, { contacts: ['nonsense'] }), 400, 'PORM_INVALID_PHONE_NUMBER', '/contacts/0');

    const members = await a('GET', `/v1/contacts?list=${listId}&limit=2`);
    assert.equal(members.status, 200, members.text);
    assert.equal((members.body.data as ContactJson[]).length, 2);
    const rest = await a('GET', `/v1/contacts?list=${listId}&limit=2&cursor=${String(members.body.next_cursor)}`);
    assert.deepEqual([...(members.body.data as ContactJson[]), ...(rest.body.data as ContactJson[])].map((c) => c.phone).sort(), ['+14155550130', '+14155550131', '+14155550132']);
    assert.equal(rest.body.next_cursor, null);
    assert.deepEqual(((await a('GET', '/v1/contacts?tag=t1')).body.data as ContactJson[]).map((c) => c.phone).sort(), ['+14155550130', '+14155550131']);

    assert.equal((await a('DELETE', `/v1/lists/${listId}/members/${encodeURIComponent('+14155550130')}`)).status, 204);
    problem(await a('DELETE', `/v1/lists/${listId}/members/${x.id}`), 404, 'PORM_CONTACT_NOT_FOUND');
    assert.deepEqual((await a('GET', `/v1/contacts/${x.id}`)).body.lists, []);
    const renamed = await a('PATCH', `/v1/lists/${listId}`, { name: 'Buyers' });
    assert.equal(renamed.body.name, 'Buyers');
    assert.equal((await a('DELETE', `/v1/lists/${listId}`)).status, 204);
    problem(await a('GET', `/v1/lists/${listId}`), 404, 'PORM_LIST_NOT_FOUND');
    assert.deepEqual((await a('GET', `/v1/contacts/${y.id}`)).body.lists, [], 'the contacts stay, their membership goes');
  });

  test('accounts are isolated: another account neither sees nor changes a contact or list', async () => {
    const c = (await a('POST', '/v1/contacts', { phone: '+14155550140', name: 'Mine' })).body as unknown as ContactJson;
    const list = (await a('POST', '/v1/lists', { name: 'Private' })).body;
    problem(await b('GET', `/v1/contacts/${c.id}`), 404, 'PORM_CONTACT_NOT_FOUND');
    problem(await b('GET', `/v1/contacts/${encodeURIComponent('+14155550140')}`), 404, 'PORM_CONTACT_NOT_FOUND');
    problem(await b('PATCH', `/v1/contacts/${c.id}`, { name: 'Theirs' }), 404, 'PORM_CONTACT_NOT_FOUND');
    problem(await b('DELETE', `/v1/contacts/${c.id}`), 404, 'PORM_CONTACT_NOT_FOUND');
    problem(await b('GET', `/v1/lists/${String(list.id)}`), 404, 'PORM_LIST_NOT_FOUND');
    problem(await b('POST', `/v1/lists/${String(list.id)}/members`, { contacts: ['+14155550141'] }), 404, 'PORM_LIST_NOT_FOUND');
    problem(await b('POST', '/v1/contacts', { phone: '+14155550141', lists: [String(list.id)] }), 404, 'PORM_LIST_NOT_FOUND');
    // The same number is a separate contact in account b.
    const theirs = await b('POST', '/v1/contacts', { phone: '+14155550140', name: 'Theirs' });
    assert.equal(theirs.status, 201, theirs.text);
    assert.notEqual(theirs.body.id, c.id);
    assert.equal((await a('GET', `/v1/contacts/${c.id}`)).body.name, 'Mine');
    assert.ok(!((await b('GET', '/v1/contacts')).body.data as ContactJson[]).some((x) => x.id === c.id));
    assert.ok(!((await b('GET', `/v1/contacts?list=${String(list.id)}`)).body.data as ContactJson[]).length);
  });

  test('erasing a contact removes its personal data and keeps its suppression and consent history', async () => {
    const c = (await a('POST', '/v1/contacts', { phone: '+14155550150', name: 'Gone', tags: ['x'], attributes: { secret: 's' } })).body as unknown as ContactJson;
    assert.equal((await a('POST', '/v1/suppressions', { to: '+14155550150', reason: 'asked us' })).status, 201);
    assert.equal((await a('DELETE', `/v1/contacts/${c.id}`)).status, 204);
    problem(await a('GET', `/v1/contacts/${c.id}`), 404, 'PORM_CONTACT_NOT_FOUND');
    const db = h.porm.services.store.db;
    assert.equal((await db.selectFrom('contact_profiles').select('id').where('phone', '=', '+14155550150').where('account_id', '=', h.porm.bootstrap.accountId).execute()).length, 0);
    assert.equal((await db.selectFrom('contact_tags').select('tag').where('contact_id', '=', c.id).execute()).length, 0);
    const s = await a('GET', `/v1/suppressions?to=${encodeURIComponent('+14155550150')}`);
    assert.equal((s.body.data as unknown[]).length, 1, 'the suppression survives');
    const send = await a('POST', '/v1/messages', { to: '+14155550150', from: '+14155550199', body: 'hi' });
    problem(send, 403, 'PORM_RECIPIENT_OPTED_OUT');
  });
});
