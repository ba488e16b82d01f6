import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cleanup, request, startHarness, type Harness } from './helpers/harness.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from './helpers/pg-schema.ts';

// Races that one SQLite writer hides and PostgreSQL's READ COMMITTED with a connection pool does
// not: each found while running the API tests on PostgreSQL, fixed in the domain code without
// dialect branches, and kept here so they stay fixed. Skipped, saying why, without PostgreSQL.

const unavailable = await postgresUnavailable();
describe('races on PostgreSQL', { skip: unavailable ?? false }, () => {
  let schema: TestSchema;
  let h: Harness;
  before(async () => {
    schema = await createTestSchema('porm_races');
    h = await startHarness({ PORM_DATABASE_URL: schema.url, PORM_POSTGRES_SCHEMA: schema.schema, PORM_POSTGRES_POOL_SIZE: '16' });
  });
  after(async () => {
    await h?.stop();
    if (h) cleanup(h.dataDir);
    await schema?.drop();
  });

  test('20 concurrent requests with one Idempotency-Key create one message; the rest are replays, none a 500', async () => {
    const key = `key-${randomUUID()}`;
    const body = { to: '+14155550102', from: '+14155550199', body: `once ${randomUUID()}` };
    const answers = await Promise.all(Array.from({ length: 20 }, () =>
      request(h.url, 'POST', '/v1/messages', body, { authorization: `Bearer ${h.key}`, 'idempotency-key': key })));
    for (const res of answers) assert.equal(res.status, 201, res.text);
    assert.equal(new Set(answers.map((r) => r.body.id)).size, 1);
    assert.equal(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 19);
    const rows = await h.porm.services.store.db.selectFrom('messages').select('id').where('body', '=', body.body).execute();
    assert.equal(rows.length, 1);
  });

  test('concurrent requests with one Idempotency-Key and different bodies: one 201, the rest 409 PORM_IDEMPOTENCY_KEY_REUSED', async () => {
    const key = `key-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      request(h.url, 'POST', '/v1/messages', { to: '+14155550103', from: '+14155550199', body: `variant ${i}` }, { authorization: `Bearer ${h.key}`, 'idempotency-key': key })));
    assert.equal(answers.filter((r) => r.status === 201).length, 1, answers.map((r) => r.status).join(','));
    for (const res of answers.filter((r) => r.status !== 201)) assert.equal(res.body.code, 'PORM_IDEMPOTENCY_KEY_REUSED', res.text);
  });

  test('20 concurrent attribute merges of one contact all land, and an update racing an erasure does not bring the contact back', async () => {
    const api = (method: string, path: string, body?: unknown) => request(h.url, method, path, body, { authorization: `Bearer ${h.key}` });
    const created = await api('POST', '/v1/contacts', { phone: '+14155550104' });
    assert.equal(created.status, 201, created.text);
    const id = String(created.body.id);
    const merges = await Promise.all(Array.from({ length: 20 }, (_, i) => api('PATCH', `/v1/contacts/${id}`, { attributes: { [`k${i}`]: i } })));
    for (const res of merges) assert.equal(res.status, 200, res.text);
    const after = await api('GET', `/v1/contacts/${id}`);
    assert.equal(Object.keys(after.body.attributes as Record<string, unknown>).length, 20, JSON.stringify(after.body.attributes));

    const answers = await Promise.all([api('DELETE', `/v1/contacts/${id}`), ...Array.from({ length: 5 }, () => api('PATCH', `/v1/contacts/${id}`, { name: 'back?' }))]);
    assert.equal(answers[0]!.status, 204, answers[0]!.text);
    // Whichever order they ran in, the erasure is the last word: no profile is left, and each update either landed before it or found nothing.
    const left = await h.porm.services.store.db.selectFrom('contact_profiles').select(['id']).where('phone', '=', '+14155550104').execute();
    assert.deepEqual(left, []);
    for (const res of answers.slice(1)) assert.ok(res.status === 200 || res.body.code === 'PORM_CONTACT_NOT_FOUND', res.text);
  });
});
