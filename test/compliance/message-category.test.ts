import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, startHarness, tempDir, type Harness } from '../helpers/harness.ts';

// POST /v1/messages takes a category (transactional by default, or marketing), stores it and
// shows it on every read; anything else is refused at /category with nothing stored.

describe('message category', () => {
  const dataDir = tempDir();
  let h: Harness;
  before(async () => { h = await startHarness({}, dataDir); });
  after(async () => { await h.stop(); cleanup(dataDir); });

  test('default transactional, marketing kept, shown on GET and stored in the row', async () => {
    const plain = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'Your code is 1234' });
    assert.equal(plain.status, 201, plain.text);
    assert.equal(plain.body.category, 'transactional');
    const promo = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'Sale!', category: 'marketing' });
    assert.equal(promo.status, 201, promo.text);
    assert.equal(promo.body.category, 'marketing');
    const got = await h.api('GET', `/v1/messages/${String(promo.body.id)}`);
    assert.equal(got.body.category, 'marketing');
    const row = await h.porm.services.store.db.selectFrom('messages').select('category').where('id', '=', String(promo.body.id)).executeTakeFirstOrThrow();
    assert.equal(row.category, 'marketing');
  });

  test('an unknown category is refused at /category and nothing is stored', async () => {
    const before = (await h.porm.services.store.db.selectFrom('messages').select('id').execute()).length;
    for (const category of ['promo', 'MARKETING', '', 1, null]) {
      const res = await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'x', category });
      assert.equal(res.status, 400, res.text);
      const fields = (res.body.errors ?? []) as Array<{ field: string }>;
      assert.ok(fields.some((f) => f.field === '/category'), res.text);
    }
    assert.equal((await h.porm.services.store.db.selectFrom('messages').select('id').execute()).length, before);
  });
});
