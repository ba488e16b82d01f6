// Consent rules through porm's composed services (fake clock, SQLite file, the send pipeline run as
// the worker pool runs it, handset replies through the real inbound unit): double opt-in (the
// request, the hold, YES, NO, STOP, and a YES racing the settle), programs that require consent,
// a re-opt-in after an opt-out, and the scope of a STOP across programs and accounts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PormError } from '../../src/errors.ts';
import { finalWriteOf } from '../../src/queue/outcome.ts';
import { DOUBLE_OPT_IN_RECHECK_MS } from '../../src/compliance/compliance-check.ts';
import { defaultProgramSettings } from '../../src/compliance/programs/settings.ts';
import { complianceKit } from './compliance-kit.ts';

// 14:00Z in July: 10:00 in New York, inside every window.
const DAYTIME = Date.parse('2026-07-01T14:00:00Z');
const FROM = '+14155550199';
const ANN = '+12125550101';
const BEN = '+12125550102';
const CONFIRM_REQUEST = defaultProgramSettings().replies.en!.confirmRequest;

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    assert.ok(err instanceof PormError, String(err));
    return err.code;
  }
};

test('double opt-in: one request for YES, marketing held (scheduled) until YES, then sent; transactional is never held', async (t) => {
  const k = await complianceKit(t, DAYTIME);
  const programId = await k.number(FROM, { double_opt_in: true });
  const first = await k.accept(ANN, FROM, 'marketing');
  await k.drain();
  assert.deepEqual(await k.bodiesTo(ANN), [CONFIRM_REQUEST], 'the request went out, the marketing did not');
  const held = await k.message(first);
  assert.equal(held.status, 'scheduled');
  assert.match(String(held.events.find((e) => e.type === 'deferred')?.data?.reason), /double opt-in/);

  const second = await k.accept(ANN, FROM, 'marketing');
  const receipt = await k.accept(ANN, FROM, 'transactional');
  await k.drain();
  assert.equal((await k.message(second)).status, 'scheduled');
  assert.equal((await k.message(receipt)).status, 'sent');
  assert.deepEqual(await k.bodiesTo(ANN), [CONFIRM_REQUEST, 'Your order shipped'], 'asked once only');

  await k.reply(ANN, FROM, 'yes!');
  await k.drain();
  assert.equal((await k.message(first)).status, 'sent', 'released at once by the YES');
  assert.equal((await k.message(second)).status, 'sent');
  const history = await k.services.compliance.consents.history(k.accountId, ANN, programId);
  assert.deepEqual(history.map((e) => [e.type, e.source, e.confirmed]), [['confirm_requested', 'keyword', false], ['opt_in', 'keyword', true]]);
  const third = await k.accept(ANN, FROM, 'marketing');
  await k.drain();
  assert.equal((await k.message(third)).status, 'sent', 'confirmed: no more holds');
  assert.equal((await k.bodiesTo(ANN)).filter((b) => b === CONFIRM_REQUEST).length, 1);
});

test('double opt-in: a NO leaves the marketing held and is not asked again; a STOP fails it as opted out', async (t) => {
  const k = await complianceKit(t, DAYTIME);
  await k.number(FROM, { double_opt_in: true });
  const toAnn = await k.accept(ANN, FROM, 'marketing');
  const toBen = await k.accept(BEN, FROM, 'marketing');
  await k.drain();
  await k.reply(ANN, FROM, 'NO');
  await k.reply(BEN, FROM, 'STOP');
  await k.drain();
  const failed = await k.message(toBen);
  assert.equal(failed.status, 'failed', 'the STOP brought the held job forward; the claim failed it');
  assert.equal(failed.errorCode, 'PORM_RECIPIENT_OPTED_OUT');
  assert.ok(failed.events.some((e) => e.type === 'compliance.blocked'));
  assert.equal((await k.bodiesTo(BEN)).length, 2, 'the request and the one STOP confirmation, no marketing');

  // Past the recheck: still no YES from Ann, so still held, and she is not asked twice.
  k.clock.advance(DOUBLE_OPT_IN_RECHECK_MS + 1000);
  await k.drain();
  assert.equal((await k.message(toAnn)).status, 'scheduled');
  assert.deepEqual(await k.bodiesTo(ANN), [CONFIRM_REQUEST]);
  assert.ok(!k.connector.submitted.some((m) => m.body === 'Flash sale! 50% off'), 'no marketing went out at all');
});

test('double opt-in: a YES that commits between the claim and the settle releases the message at once', async (t) => {
  const k = await complianceKit(t, DAYTIME);
  await k.number(FROM, { double_opt_in: true });
  const id = await k.accept(ANN, FROM, 'marketing');
  const job = await k.claim('w1');
  assert.ok(job);
  const settle = finalWriteOf(await k.pipeline.run(job, new AbortController().signal));
  // The YES arrives while w1 still holds the job: its unit cannot bring the job forward itself.
  await k.reply(ANN, FROM, 'YES');
  const outcome = await k.services.store.write(async (tx) => {
    const o = await settle(tx);
    await k.services.queue.settle(tx, job.lease, o);
    return o;
  });
  assert.deepEqual(outcome.type === 'wait' ? outcome.until : outcome.type, k.clock.now(), 'the hold ends now, not in 6 hours');
  await k.drain();
  assert.equal((await k.message(id)).status, 'sent');
});

test('a program that requires consent: marketing without an opt-in fails with PORM_CONSENT_REQUIRED (at accept and at claim); transactional passes', async (t) => {
  const k = await complianceKit(t, DAYTIME);
  const programId = await k.number(FROM, { require_consent_for_marketing: true });
  assert.equal(await codeOf(k.accept(ANN, FROM, 'marketing')), 'PORM_CONSENT_REQUIRED');
  const receipt = await k.accept(ANN, FROM, 'transactional');
  await k.services.compliance.consents.record(k.accountId, { to: BEN, programId, source: 'web_form', url: 'https://shop.example/join', wording: 'Yes, text me deals' });
  const toBen = await k.accept(BEN, FROM, 'marketing');
  await k.drain();
  assert.equal((await k.message(receipt)).status, 'sent');
  assert.equal((await k.message(toBen)).status, 'sent');
  assert.equal((await k.services.messages.list(k.accountId, { to: ANN }, 10)).data.length, 1, 'nothing stored for the refused send');

  // Accepted before the program required consent, claimed after: fails at claim, never submitted.
  const other = '+14155550198';
  const laterProgram = await k.number(other, {});
  const early = await k.accept(ANN, other, 'marketing');
  await k.services.compliance.programs.update(k.accountId, laterProgram, { settings: { require_consent_for_marketing: true } });
  await k.drain();
  const blocked = await k.message(early);
  assert.equal(blocked.status, 'failed');
  assert.equal(blocked.errorCode, 'PORM_CONSENT_REQUIRED');
  assert.deepEqual((await k.webhooks(early)).filter((h) => h.startsWith('compliance.')), ['compliance.blocked']);
  assert.ok(!k.connector.submitted.some((m) => m.to === ANN && m.body.startsWith('Flash')));
});

test('re-opt-in after an opt-out: STOP suppresses, an API opt-in cannot override it, START re-subscribes; the ledger tells it all', async (t) => {
  const k = await complianceKit(t, DAYTIME);
  const programId = await k.number(FROM, { require_consent_for_marketing: true });
  const record = () => k.services.compliance.consents.record(k.accountId, { to: ANN, programId, source: 'api', wording: 'Agreed on the phone' });
  await record();
  assert.equal(await codeOf(k.accept(ANN, FROM, 'marketing')), 'accepted');
  await k.reply(ANN, FROM, 'unsubscribe please');
  for (const category of ['marketing', 'transactional'] as const) assert.equal(await codeOf(k.accept(ANN, FROM, category)), 'PORM_RECIPIENT_OPTED_OUT');
  assert.equal(await codeOf(record()), 'PORM_CONSENT_AFTER_OPT_OUT');
  await k.reply(ANN, FROM, 'START');
  const again = await k.accept(ANN, FROM, 'marketing');
  await k.drain();
  assert.equal((await k.message(again)).status, 'sent');
  const history = await k.services.compliance.consents.history(k.accountId, ANN);
  assert.deepEqual(history.map((e) => [e.type, e.source, e.keyword]), [['opt_in', 'api', null], ['opt_out', 'keyword', 'unsubscribe'], ['opt_in', 'keyword', 'start']]);
});

test('isolation: a STOP to a program-only program suppresses that program alone; a brand-wide one every program of the account; never another account', async (t) => {
  const k = await complianceKit(t, DAYTIME);
  const [own, sibling, brand, theirs] = ['+14155550110', '+14155550111', '+14155550112', '+14155550113'];
  await k.number(own!, { brand_wide_suppression: false });
  await k.number(sibling!, {});
  await k.number(brand!, { brand_wide_suppression: true });
  await k.number(theirs!, undefined, k.otherAccountId);

  await k.reply(ANN, own!, 'STOP');
  assert.equal(await codeOf(k.accept(ANN, own!, 'marketing')), 'PORM_RECIPIENT_OPTED_OUT');
  const fromSibling = await k.accept(ANN, sibling!, 'marketing');
  const fromBrand = await k.accept(ANN, brand!, 'marketing');
  const fromTheirs = await k.accept(ANN, theirs!, 'marketing', k.otherAccountId);
  await k.drain();
  assert.equal((await k.message(fromSibling)).status, 'sent');
  assert.equal((await k.message(fromBrand)).status, 'sent');
  assert.equal((await k.message(fromTheirs, k.otherAccountId)).status, 'sent');

  await k.reply(ANN, brand!, 'STOP');
  for (const from of [sibling!, brand!, own!]) assert.equal(await codeOf(k.accept(ANN, from, 'transactional')), 'PORM_RECIPIENT_OPTED_OUT', from);
  const stillTheirs = await k.accept(ANN, theirs!, 'marketing', k.otherAccountId);
  await k.drain();
  assert.equal((await k.message(stillTheirs, k.otherAccountId)).status, 'sent', "one account's STOP never suppresses another's");
  assert.deepEqual((await k.services.compliance.consents.suppressions(k.otherAccountId, { limit: 10 })).data, []);
});

test('compliance.enforce off (PORM_COMPLIANCE_ENFORCE=false): no send is checked, yet a STOP is still recorded and answered', async (t) => {
  const k = await complianceKit(t, Date.parse('2026-01-16T02:00:00Z'), { PORM_COMPLIANCE_ENFORCE: 'false' });
  assert.equal(k.services.config.compliance.enforce, false);
  await k.number(FROM, { require_consent_for_marketing: true });
  await k.reply(ANN, FROM, 'STOP');
  assert.deepEqual((await k.services.compliance.consents.suppressions(k.accountId, { limit: 10 })).data.map((s) => s.recipient), [ANN]);
  // Suppressed, no consent on record, 21:00 in New York: each would stop it with enforcement on.
  const id = await k.accept(ANN, FROM, 'marketing');
  await k.drain();
  assert.equal((await k.message(id)).status, 'sent');
  assert.equal((await k.bodiesTo(ANN)).length, 2, 'the STOP confirmation and the unchecked message');
});
