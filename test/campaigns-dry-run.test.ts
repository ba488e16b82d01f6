import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PormError } from '../src/errors.ts';
import { cleanup, startHarness, tempDir, type Harness } from './helpers/harness.ts';

// A campaign's dry run reads the recipients' compliance standings a batch at a time (the check's
// atAcceptMany, the statements the fan-out uses) rather than one recipient at a time, and counts
// exactly what the one-at-a-time check would: opted out, not consented, consented.

const FROM = '+14155550199';

describe('campaign dry run', () => {
  const dataDir = tempDir();
  let h: Harness;
  let listId: string;
  const phones = Array.from({ length: 99 }, (_, i) => `+14155550${100 + i}`);

  before(async () => {
    h = await startHarness({}, dataDir);
    const programs = (await h.api('GET', '/v1/programs')).body.data as Array<{ id: string; is_default: boolean }>;
    const patched = await h.api('PATCH', `/v1/programs/${programs.find((p) => p.is_default)!.id}`, { settings: { require_consent_for_marketing: true } });
    assert.equal(patched.status, 200, patched.text);
    listId = String((await h.api('POST', '/v1/lists', { name: 'everyone' })).body.id);
    for (const [i, phone] of phones.entries()) {
      assert.equal((await h.api('POST', '/v1/contacts', { phone, name: `P${i}`, lists: [listId] })).status, 201);
      // Every third consented, every fifth suppressed (some both: suppression wins), the rest neither.
      if (i % 3 === 0) assert.equal((await h.api('POST', '/v1/consents', { to: phone, source: 'api', wording: 'yes please' })).status, 201);
      if (i % 5 === 0) assert.equal((await h.api('POST', '/v1/suppressions', { to: phone, reason: 'asked' })).status, 201);
    }
    // Opted in, then out again: the latest event counts.
    await h.api('POST', '/v1/consents', { to: phones[1], source: 'api', wording: 'yes please' });
    await h.api('POST', '/v1/consents', { to: phones[1], type: 'opt_out', source: 'api', wording: 'no more' });
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  test('counts what the one-recipient check counts, reading the standings a batch at a time', async () => {
    const { campaigns, compliance } = h.porm.services;
    const check = compliance.check;
    const accountId = h.porm.bootstrap.accountId;
    const created = await h.api('POST', '/v1/campaigns', { name: 'dry', audience: { lists: [listId] }, body: 'Hi {{ contact.name }}', from: FROM, draft: true });
    assert.equal(created.status, 201, created.text);

    // What the one-at-a-time check says of each recipient.
    const expected: Record<string, number> = {};
    let wouldSend = 0;
    for (const to of phones) {
      try {
        await check.atAccept(h.porm.services.store.db, accountId, {
          to, from: FROM, body: 'x', subject: null, media: [], statusCallback: null, metadata: null, sendAt: null, validityPeriod: null,
          category: 'marketing', callbackDialect: 'standard', fallback: 'auto', requestedChannel: 'auto',
        }, Date.now());
        wouldSend++;
      } catch (err) {
        assert.ok(err instanceof PormError);
        expected[err.code] = (expected[err.code] ?? 0) + 1;
      }
    }
    assert.ok(wouldSend > 0 && Object.keys(expected).length === 2, JSON.stringify(expected));

    const calls = { one: 0, many: 0 };
    const { atAccept, atAcceptMany } = check;
    check.atAccept = async (...args) => {
      calls.one++;
      return atAccept.apply(check, args);
    };
    check.atAcceptMany = async (...args) => {
      calls.many++;
      return atAcceptMany.apply(check, args);
    };
    try {
      const dry = await campaigns.dryRun(accountId, String(created.body.id));
      assert.equal(dry.audience, phones.length);
      assert.equal(dry.wouldSend, wouldSend);
      assert.deepEqual(dry.excluded, expected);
      assert.equal(dry.sample.length, Math.min(20, phones.length - wouldSend));
    } finally {
      check.atAccept = atAccept;
      check.atAcceptMany = atAcceptMany;
    }
    assert.deepEqual(calls, { one: 0, many: 1 });
  });
});
