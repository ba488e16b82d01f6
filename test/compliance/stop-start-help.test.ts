import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, eventually, request, startHarness, tempDir, waitForStatus, type ApiResponse, type Harness } from '../helpers/harness.ts';

// A sandbox handset sends STOP, HELP and START through the real inbound path (the sandbox MMSC
// posts an MM7 DeliverReq to porm): the opt-out is enforced at accept and at claim, exactly one
// confirmation goes out from the number that received it, HELP is answered while suppressed,
// START re-subscribes; another account's program is not touched.

const HANDSET = '+14155550123';
const MINE = '+14155550180';
const THEIRS = '+14155550181';

describe('STOP / HELP / START from a sandbox handset', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  const b = (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(h.url, method, path, body, { authorization: `Bearer ${keyB}` });
  const sentTo = async (to: string, from: string): Promise<Array<{ id: string; body: string; status: string }>> => {
    const rows = await h.porm.services.store.db.selectFrom('messages').select(['id', 'body', 'status']).where('to_number', '=', to).where('from_number', '=', from).orderBy('id').execute();
    return rows;
  };

  before(async () => {
    h = await startHarness({}, dataDir);
    keyB = (await h.porm.services.accounts.create('b')).apiKey.key;
    assert.equal((await h.api('POST', '/v1/numbers', { number: MINE })).status, 201);
    assert.equal((await b('POST', '/v1/numbers', { number: THEIRS })).status, 201);
  });
  after(async () => { await h.stop(); cleanup(dataDir); });

  test('STOP suppresses at once, with one confirmation that reaches the suppressed handset', async () => {
    const first = await h.api('POST', '/v1/messages', { to: HANDSET, from: MINE, body: 'Your order shipped' });
    assert.equal(first.status, 201, first.text);
    await waitForStatus(h, String(first.body.id), 'delivered');

    const stop = await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: '  Stop! ' });
    assert.equal(stop.status, 201, stop.text);
    const replies = (await sentTo(HANDSET, MINE)).filter((m) => m.id !== first.body.id);
    assert.equal(replies.length, 1, JSON.stringify(replies));
    assert.match(replies[0]!.body, /unsubscribed/);
    await waitForStatus(h, replies[0]!.id, 'delivered');

    for (const category of ['marketing', 'transactional']) {
      const refused = await h.api('POST', '/v1/messages', { to: HANDSET, from: MINE, body: 'Flash sale! 50% off', category });
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.body.code, 'PORM_RECIPIENT_OPTED_OUT');
      assert.deepEqual((refused.body.errors as Array<{ field: string }>).map((e) => e.field), ['/to']);
    }
    assert.equal((await sentTo(HANDSET, MINE)).length, 2, 'nothing stored for the refused sends');

    const history = await h.api('GET', `/v1/consents?to=${encodeURIComponent(HANDSET)}`);
    assert.equal(history.status, 200, history.text);
    const events = history.body.data as Array<{ type: string; source: string; keyword: string; inbound_id: string; wording: string }>;
    assert.deepEqual(events.map((e) => [e.type, e.source, e.keyword, e.inbound_id, e.wording]), [['opt_out', 'keyword', 'stop', stop.body.id, '  Stop! ']]);
    const list = await h.api('GET', '/v1/suppressions');
    assert.deepEqual((list.body.data as Array<{ to: string; program_id: string | null; source: string }>).map((s) => [s.to, s.program_id, s.source]), [[HANDSET, null, 'keyword']]);
  });

  test("another account's program still reaches the handset", async () => {
    const res = await b('POST', '/v1/messages', { to: HANDSET, from: THEIRS, body: 'Your table is ready' });
    assert.equal(res.status, 201, res.text);
    await eventually(async () => ((await b('GET', `/v1/messages/${String(res.body.id)}`)).body.status === 'delivered' ? true : undefined), 10_000, 'delivered');
  });

  test('HELP is answered while suppressed; START re-subscribes with a confirmation', async () => {
    const before = (await sentTo(HANDSET, MINE)).length;
    const help = await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: 'help' });
    assert.equal(help.status, 201, help.text);
    const afterHelp = await sentTo(HANDSET, MINE);
    assert.equal(afterHelp.length, before + 1);
    assert.match(afterHelp.at(-1)!.body, /Reply STOP/);
    await waitForStatus(h, afterHelp.at(-1)!.id, 'delivered');
    assert.equal((await h.api('POST', '/v1/messages', { to: HANDSET, from: MINE, body: 'x' })).status, 403);

    const start = await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: 'START' });
    assert.equal(start.status, 201, start.text);
    const afterStart = await sentTo(HANDSET, MINE);
    assert.equal(afterStart.length, before + 2);
    assert.match(afterStart.at(-1)!.body, /subscribed again/);
    const again = await h.api('POST', '/v1/messages', { to: HANDSET, from: MINE, body: 'Welcome back' });
    assert.equal(again.status, 201, again.text);
    await waitForStatus(h, String(again.body.id), 'delivered');
    const history = await h.api('GET', `/v1/consents?to=${encodeURIComponent(HANDSET)}`);
    assert.deepEqual((history.body.data as Array<{ type: string }>).map((e) => e.type), ['opt_out', 'opt_in']);
  });

  test('a sentence that merely contains stop changes nothing', async () => {
    const before = (await sentTo(HANDSET, MINE)).length;
    const res = await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: "don't stop the deals!" });
    assert.equal(res.status, 201, res.text);
    assert.equal((await sentTo(HANDSET, MINE)).length, before);
    assert.equal((await h.api('POST', '/v1/messages', { to: HANDSET, from: MINE, body: 'ok' })).status, 201);
  });

  test('a message accepted before the STOP fails at claim with PORM_RECIPIENT_OPTED_OUT and a compliance.blocked entry', async () => {
    const sendAt = new Date(Date.now() + 1500).toISOString();
    const later = await h.api('POST', '/v1/messages', { to: HANDSET, from: MINE, body: 'Later deal', category: 'marketing', send_at: sendAt });
    assert.equal(later.status, 201, later.text);
    assert.equal((await h.api('POST', '/v1/sandbox/inbound', { from: HANDSET, to: MINE, body: 'unsubscribe please' })).status, 201);
    const failed = await waitForStatus(h, String(later.body.id), 'failed', 15_000);
    assert.equal(failed.error_code, 'PORM_RECIPIENT_OPTED_OUT');
    const full = await eventually(async () => {
      const res = await h.api('GET', `/v1/messages/${String(later.body.id)}`);
      return res.body;
    });
    const types = (full.events as Array<{ type: string }>).map((e) => e.type);
    assert.ok(types.includes('compliance.blocked'), types.join(','));
    assert.ok(!types.includes('sending'), types.join(','));
  });
});
