import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { cleanup, request, startHarness, waitForStatus, type ApiResponse, type Harness } from './helpers/harness.ts';

// Idempotency-Key on POST /v1/messages: a retry returns the original message and creates
// nothing; a different body under the same key is refused; keys are per account.

type Counts = { messages: number; events: number; idempotency: number; jobsEver: number };

describe('Idempotency-Key on POST /v1/messages', () => {
  let h: Harness;

  /** Row counts through porm's own store, so the same checks run on SQLite and on PostgreSQL. */
  async function counts(): Promise<Counts> {
    const db = h.porm.services.store.db;
    const n = async (query: ReturnType<typeof sql<{ n: number | string | null }>>): Promise<number> => Number((await query.execute(db)).rows[0]?.n ?? 0);
    const accepted = await n(sql`select count(*) as n from message_events where type = 'accepted'`);
    return {
      messages: await n(sql`select count(*) as n from messages`),
      events: accepted,
      idempotency: await n(sql`select count(*) as n from idempotency_keys`),
      // Jobs are deleted when done; on SQLite, AUTOINCREMENT's sequence counts every job ever
      // enqueued (and rolls back with its unit). PostgreSQL's identity sequence does not roll back,
      // so there a refused replay's rolled-back insert would count: one job per accepted event is
      // what the accept unit writes, and the SQLite run checks the jobs themselves.
      jobsEver: h.config.databaseUrl ? accepted : await n(sql`select seq as n from sqlite_sequence where name = 'jobs'`),
    };
  }

  async function delta(before: Counts): Promise<Counts> {
    const now = await counts();
    return { messages: now.messages - before.messages, events: now.events - before.events, idempotency: now.idempotency - before.idempotency, jobsEver: now.jobsEver - before.jobsEver };
  }

  const one: Counts = { messages: 1, events: 1, idempotency: 1, jobsEver: 1 };
  const none: Counts = { messages: 0, events: 0, idempotency: 0, jobsEver: 0 };
  const send = (body: unknown, key: string, auth = h.key): Promise<ApiResponse> =>
    request(h.url, 'POST', '/v1/messages', body, { authorization: `Bearer ${auth}`, 'idempotency-key': key });
  const newKey = (): string => `key-${randomUUID()}`;
  const message = (extra: Record<string, unknown> = {}) => ({ to: '+14155550100', from: '+14155550199', body: `hi ${randomUUID()}`, ...extra });

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
    cleanup(h.dataDir);
  });

  test('the same key and body return the same message, marked as replayed, and create nothing more', async () => {
    const key = newKey();
    const body = message({ metadata: { order: 7 } });
    const before = await counts();
    const first = await send(body, key);
    assert.equal(first.status, 201, first.text);
    assert.equal(first.headers.get('idempotent-replayed'), null, 'the first answer is not a replay');
    const second = await send(body, key);
    assert.equal(second.status, 201, second.text);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.headers.get('location'), first.headers.get('location'));
    assert.deepEqual(second.body.metadata, { order: 7 });
    assert.deepEqual(await delta(before), one);

    await waitForStatus(h, String(first.body.id), 'delivered');
    const late = await send(body, key);
    assert.equal(late.status, 201);
    assert.equal(late.headers.get('idempotent-replayed'), 'true');
    assert.equal(late.body.id, first.body.id);
    assert.equal(late.body.status, 'delivered', 'a replay shows the message as it is now');
    assert.deepEqual(await delta(before), one, 'still one message, one job');
  });

  test('the same key with a different body is 409 PORM_IDEMPOTENCY_KEY_REUSED and creates nothing', async () => {
    const key = newKey();
    const body = message();
    const first = await send(body, key);
    assert.equal(first.status, 201, first.text);
    const before = await counts();
    const variants = [
      { ...body, body: `${body.body}!` }, { ...body, to: '+14155550101' }, { ...body, metadata: { a: 1 } },
      { ...body, send_at: new Date(Date.now() + 60_000).toISOString() }, { ...body, media: [{ url: 'https://example.com/a.png' }] },
    ];
    for (const variant of variants) {
      const res = await send(variant, key);
      assert.equal(res.status, 409, res.text);
      assert.match(String(res.headers.get('content-type')), /^application\/problem\+json/);
      assert.equal(res.body.code, 'PORM_IDEMPOTENCY_KEY_REUSED');
      assert.equal(res.headers.get('idempotent-replayed'), null);
    }
    assert.deepEqual(await delta(before), none);
    const again = await send(body, key);
    assert.equal(again.body.id, first.body.id, 'the original body still replays');
  });

  test('key order in the JSON body does not matter, at any depth', async () => {
    const key = newKey();
    const text = `hi ${randomUUID()}`;
    const before = await counts();
    const first = await send({ to: '+14155550100', from: '+14155550199', body: text, metadata: { a: 1, nested: { x: 1, y: [1, { p: 1, q: 2 }] } } }, key);
    const second = await send({ metadata: { nested: { y: [1, { q: 2, p: 1 }], x: 1 }, a: 1 }, body: text, from: '+14155550199', to: '+14155550100' }, key);
    assert.equal(first.status, 201, first.text);
    assert.equal(second.status, 201, second.text);
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await delta(before), one);
  });

  test('array order does matter: reordered media is a different request', async () => {
    const key = newKey();
    const media = [{ url: 'https://example.com/1.png' }, { url: 'https://example.com/2.png' }];
    const body = message({ send_at: new Date(Date.now() + 3_600_000).toISOString() });
    assert.equal((await send({ ...body, media }, key)).status, 201);
    const res = await send({ ...body, media: [...media].reverse() }, key);
    assert.equal(res.status, 409, res.text);
    assert.equal(res.body.code, 'PORM_IDEMPOTENCY_KEY_REUSED');
  });

  test('the same key used by two accounts creates two messages', async () => {
    const { account, apiKey } = await h.porm.services.accounts.create('second');
    const key = newKey();
    const body = message();
    const before = await counts();
    const ofA = await send(body, key);
    // B sends from its own number (A's is A's); the key is the same.
    const bodyOfB = { ...body, from: '+14155550188' };
    const ofB = await send(bodyOfB, key, apiKey.key);
    assert.equal(ofA.status, 201, ofA.text);
    assert.equal(ofB.status, 201, ofB.text);
    assert.notEqual(ofA.body.id, ofB.body.id);
    assert.equal(ofB.headers.get('idempotent-replayed'), null, 'B\'s first use is not a replay of A\'s');
    assert.equal(ofB.body.account_id, account.id);
    assert.deepEqual(await delta(before), { messages: 2, events: 2, idempotency: 2, jobsEver: 2 });
    assert.equal((await send(bodyOfB, key, apiKey.key)).body.id, ofB.body.id, 'each account replays its own');
    assert.equal((await send(body, key)).body.id, ofA.body.id);
  });

  test('a rejected request does not use up its key', async () => {
    const key = newKey();
    const before = await counts();
    const bad = await send({ to: 'nope', from: '+14155550199', body: 'x' }, key);
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.body.code, 'PORM_INVALID_PHONE_NUMBER');
    assert.deepEqual(await delta(before), none);
    const good = await send(message(), key);
    assert.equal(good.status, 201, good.text);
    assert.equal(good.headers.get('idempotent-replayed'), null);
    assert.deepEqual(await delta(before), one);
  });

  test('20 concurrent requests with one key create exactly one message', async () => {
    const key = newKey();
    const body = message();
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(body, key)));
    for (const res of answers) assert.equal(res.status, 201, res.text);
    const ids = new Set(answers.map((r) => r.body.id));
    assert.equal(ids.size, 1, 'every answer names the same message');
    assert.equal(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 19, 'all but one are replays');
    assert.deepEqual(await delta(before), one);
    const listed = await h.api('GET', '/v1/messages?limit=200');
    assert.equal((listed.body.data as Array<{ body: string }>).filter((m) => m.body === body.body).length, 1);
  });

  test('concurrent requests with one key and different bodies: one wins, the rest are 409', async () => {
    const key = newKey();
    const bodies = Array.from({ length: 10 }, (_, i) => message({ body: `variant ${i} ${randomUUID()}` }));
    const before = await counts();
    const answers = await Promise.all(bodies.map((b) => send(b, key)));
    const created = answers.filter((r) => r.status === 201);
    assert.equal(created.length, 1, answers.map((r) => r.status).join(','));
    for (const res of answers.filter((r) => r.status !== 201)) {
      assert.equal(res.status, 409, res.text);
      assert.equal(res.body.code, 'PORM_IDEMPOTENCY_KEY_REUSED');
    }
    assert.deepEqual(await delta(before), one);
  });
});
