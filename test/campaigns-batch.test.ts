import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, request, startHarness, tempDir, type ApiResponse, type Harness } from './helpers/harness.ts';
import { PormError } from '../src/errors.ts';
import type { Message } from '../src/messages/model.ts';
import type { SendCommand } from '../src/messages/commands.ts';
import type { Job } from '../src/queue/queue.ts';
import { Readable } from 'node:stream';
import { CampaignFanout } from '../src/campaigns/fanout.ts';

// The fan-out's batch path (SendService.sendManyIn with the compliance standings read for the
// whole batch) against the one-by-one path it replaced (sendIn per recipient), on the same data;
// and a fan-out run that lost its job's lease commits nothing.

const FROM = '+14155550199';
const OPTED_IN = '+14155550120';
const NO_CONSENT = '+14155550121';
const SUPPRESSED = '+14155550122';
const OPTED_OUT_AFTER = '+14155550123';

class Rollback extends Error {}

type Outcome = { code: string } | { to: string; from: string; body: string; status: string; channel: string | null; segments: number | null; category: string; metadata: unknown };
const outcomeOf = (r: Message | PormError): Outcome => (r instanceof PormError ? { code: r.code }
  : { to: r.to, from: r.from, body: r.body, status: r.status, channel: r.channel ?? null, segments: r.sms?.segments ?? null, category: r.category, metadata: r.metadata });

describe('campaign batches', () => {
  const dataDir = tempDir();
  let h: Harness;
  let keyB: string;
  const a = (method: string, path: string, body?: unknown): Promise<ApiResponse> => request(h.url, method, path, body, { authorization: `Bearer ${h.key}` });

  before(async () => {
    h = await startHarness({}, dataDir);
    keyB = (await h.porm.services.accounts.create('b')).apiKey.key;
    const programs = (await a('GET', '/v1/programs')).body.data as Array<{ id: string; is_default: boolean }>;
    const patched = await a('PATCH', `/v1/programs/${programs.find((p) => p.is_default)!.id}`, { settings: { require_consent_for_marketing: true } });
    assert.equal(patched.status, 200, patched.text);
    for (const to of [OPTED_IN, OPTED_OUT_AFTER]) assert.equal((await a('POST', '/v1/consents', { to, source: 'api', wording: 'yes please' })).status, 201);
    assert.equal((await a('POST', '/v1/suppressions', { to: SUPPRESSED, reason: 'asked' })).status, 201);
    assert.equal((await a('POST', '/v1/suppressions', { to: OPTED_OUT_AFTER, reason: 'asked later' })).status, 201);
    // Another account's number: not a sender this account may use.
    const other = await request(h.url, 'POST', '/v1/messages', { to: OPTED_IN, from: '+14155550188', body: 'mine' }, { authorization: `Bearer ${keyB}` });
    assert.equal(other.status, 201, other.text);
  });
  after(async () => {
    await h.stop();
    cleanup(dataDir);
  });

  const accountId = (): string => h.porm.bootstrap.accountId;
  const command = (over: Partial<SendCommand>): SendCommand => ({ accountId: accountId(), to: OPTED_IN, from: FROM, body: 'Hi', category: 'marketing', metadata: { campaign_id: 'cmp_x' }, ...over });

  /** Runs `fn` in a write unit that is then rolled back, so both paths see the same data. */
  async function rolledBack<T>(fn: (tx: Parameters<Parameters<Harness['porm']['services']['store']['write']>[0]>[0]) => Promise<T>): Promise<T> {
    let out: T | undefined;
    await assert.rejects(h.porm.services.store.write(async (tx) => {
      out = await fn(tx);
      throw new Rollback();
    }), Rollback);
    return out!;
  }

  test('a batch excludes exactly whom sendIn one by one excludes, with the same codes, and accepts the same messages', async () => {
    const { send, clock } = h.porm.services;
    const commands: SendCommand[] = [
      command({}),
      command({ to: NO_CONSENT }),
      command({ to: NO_CONSENT, category: 'transactional' }),
      command({ to: SUPPRESSED }),
      command({ to: SUPPRESSED, category: 'transactional' }),
      command({ to: OPTED_OUT_AFTER }),
      command({ to: '+1555' }),
      command({ from: '+14155550188' }),
      command({ media: [{ id: 'med_doesnotexist0000000000000' }] }),
      command({ body: 'Links too: https://shop.example.com/boots', trackLinks: true }),
      // The same number twice in one batch: accepted twice, as two sendIn calls would.
      command({ body: 'Hi again' }),
      command({ body: '' }),
    ];
    const now = clock.now();
    const batch = await rolledBack((tx) => send.sendManyIn(tx, accountId(), commands, now));
    const oneByOne = await rolledBack(async (tx) => {
      const out: Array<Message | PormError> = [];
      for (const c of commands) {
        try {
          out.push(await send.sendIn(tx, c, now));
        } catch (err) {
          if (!(err instanceof PormError)) throw err;
          out.push(err);
        }
      }
      return out;
    });
    // Short-link tokens are random: compare the links' shape, not their tokens.
    const shape = (o: Outcome): Outcome => ('body' in o ? { ...o, body: o.body.replace(/https?:\/\/\S+\/l\/[A-Za-z0-9_-]+/g, '<link>') } : o);
    assert.deepEqual(batch.map(outcomeOf).map(shape), oneByOne.map(outcomeOf).map(shape));
    const codes = batch.map((r) => (r instanceof PormError ? r.code : 'accepted'));
    assert.deepEqual(codes, [
      'accepted', 'PORM_CONSENT_REQUIRED', 'accepted', 'PORM_RECIPIENT_OPTED_OUT', 'PORM_RECIPIENT_OPTED_OUT', 'PORM_RECIPIENT_OPTED_OUT',
      'PORM_INVALID_PHONE_NUMBER', 'PORM_SENDER_NOT_OWNED', 'PORM_INVALID_MEDIA_REFERENCE', 'accepted', 'accepted', codes[11],
    ]);
    assert.notEqual(codes[11], 'accepted', 'an empty body is refused');
    const linked = batch[9] as Message;
    assert.match(linked.body, /^Links too: \S+\/l\/[A-Za-z0-9_-]+$/);
    // Field errors are those sendIn gives, down to the field.
    assert.deepEqual((batch[8] as PormError).fields, (oneByOne[8] as PormError).fields);
    // One account per batch: another account's command is refused, not sent under this one.
    const mixed = await rolledBack((tx) => send.sendManyIn(tx, accountId(), [command({}), command({ accountId: 'acct_someoneelse' })], now));
    assert.ok(!(mixed[0] instanceof PormError));
    assert.ok(mixed[1] instanceof PormError && mixed[1].code === 'PORM_VALIDATION_FAILED');
  });

  test('a batch writes each accepted message with its events, its send job and its links, and nothing for the refused', async () => {
    const { send, clock } = h.porm.services;
    const commands = [command({ body: 'One https://shop.example.com/a', trackLinks: true }), command({ to: SUPPRESSED }), command({ to: NO_CONSENT, category: 'transactional', sendAt: new Date(clock.now() + 3_600_000).toISOString() })];
    const written = await rolledBack(async (tx) => {
      const out = await send.sendManyIn(tx, accountId(), commands, clock.now());
      const ids = out.flatMap((r) => (r instanceof PormError ? [] : [r.id]));
      const events = await tx.selectFrom('message_events').select(['message_id', 'seq', 'type', 'status']).where('message_id', 'in', ids).orderBy('message_id').orderBy('seq').execute();
      const jobs = await tx.selectFrom('jobs').select(['payload_json', 'run_at']).where('kind', '=', 'message.send').execute();
      const links = await tx.selectFrom('tracked_links').select(['message_id', 'original']).where('message_id', 'in', ids).execute();
      return { out, ids, events, jobs: jobs.filter((j) => ids.some((id) => j.payload_json.includes(id))), links };
    });
    assert.equal(written.ids.length, 2);
    const [first, , later] = written.out as [Message, PormError, Message];
    assert.equal(first.status, 'queued');
    assert.equal(later.status, 'scheduled');
    assert.deepEqual(written.events.map((e) => [e.message_id, e.seq, e.type, e.status]), [
      [first.id, 1, 'accepted', 'accepted'], [first.id, 2, 'queued', 'queued'], [later.id, 1, 'accepted', 'accepted'], [later.id, 2, 'scheduled', 'scheduled'],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
    assert.equal(written.jobs.length, 2, 'one send job per accepted message');
    assert.equal(written.jobs.find((j) => j.payload_json.includes(later.id))!.run_at, later.sendAt);
    assert.deepEqual(written.links, [{ message_id: first.id, original: 'https://shop.example.com/a' }]);
  });

  /** A campaign at 1 message/s (batches of one) to three contacts, scheduled but with no job queued: the test runs its fan-out itself. */
  async function campaignToRun(): Promise<string> {
    const list = String((await a('POST', '/v1/lists', { name: `l${Math.random()}` })).body.id);
    for (const phone of ['+14155550130', '+14155550131', '+14155550132']) {
      const res = await a('POST', '/v1/contacts', { phone, lists: [list] });
      assert.ok(res.status === 201 || res.status === 200, res.text);
    }
    const created = await a('POST', '/v1/campaigns', { name: 'lease', audience: { lists: [list] }, from: FROM, category: 'transactional', body: 'Hi', send_rate: 1, draft: true });
    assert.equal(created.status, 201, created.text);
    const id = String(created.body.id);
    await h.porm.services.store.write((tx) => tx.updateTable('campaigns').set({ status: 'scheduled' }).where('id', '=', id).execute());
    return id;
  }

  const jobOf = (campaignId: string): Job<'campaign.fanout'> => ({ id: 1, kind: 'campaign.fanout', payload: { campaignId, epoch: 1 }, attempts: 1, crashes: 0, runAt: 0, lease: { jobId: 1, workerId: 'w', token: 1 } });
  const recipientsOf = async (campaignId: string): Promise<number> => (await h.porm.services.store.db.selectFrom('campaign_recipients').select('contact_id').where('campaign_id', '=', campaignId).execute()).length;

  test('a fan-out run whose lease was taken commits no batch, and leaves the campaign where it was', async () => {
    const { send, clock, store } = h.porm.services;
    const id = await campaignToRun();
    const asked: number[] = [];
    const lost = new CampaignFanout(send, clock, store, { queue: { renewIn: async (_tx, lease) => { asked.push(lease.jobId); return false; } }, leaseMs: 60_000 });
    await assert.rejects(lost.run(jobOf(id), new AbortController().signal), (err: unknown) => err instanceof PormError && err.code === 'PORM_LEASE_LOST');
    assert.deepEqual(asked, [1], 'the lease is checked in the batch\'s unit');
    assert.equal(await recipientsOf(id), 0);
    const row = await store.db.selectFrom('campaigns').select(['status', 'cursor']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'scheduled', cursor: null });

    // The same run holding its lease commits its first batch (one recipient at 1/s) and waits for the next.
    const held = new CampaignFanout(send, clock, store, { queue: { renewIn: async () => true }, leaseMs: 60_000 });
    const outcome = await held.run(jobOf(id), new AbortController().signal);
    assert.ok('type' in outcome && outcome.type === 'wait', JSON.stringify(outcome));
    assert.equal(await recipientsOf(id), 1);
    assert.equal((await store.db.selectFrom('campaigns').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'sending');
  });
  test('a fan-out run that reaches its time limit hands its job back due before the send jobs it queued', async () => {
    const { send, clock, store, contacts } = h.porm.services;
    // 1,500 contacts at the fastest rate: batches of 1,000 each due 10 ms after the last, so the
    // run goes on with its second batch inline, until its time limit (0 ms here) stops it after the first.
    const list = await contacts.lists.create(accountId(), { name: 'fast' });
    const csv = ['phone', ...Array.from({ length: 1_500 }, (_, i) => `+1415556${String(i).padStart(4, '0')}`)].join('\n');
    const created = await contacts.imports.create(accountId(), 'fast.csv', { listId: list.id });
    assert.equal((await contacts.imports.run(accountId(), created.id, Readable.from([Buffer.from(csv)]))).created, 1_500);
    const made = await a('POST', '/v1/campaigns', { name: 'fast', audience: { lists: [list.id] }, from: FROM, category: 'transactional', body: 'Hi', send_rate: 100_000, draft: true });
    assert.equal(made.status, 201, made.text);
    const id = String(made.body.id);
    await store.write((tx) => tx.updateTable('campaigns').set({ status: 'scheduled' }).where('id', '=', id).execute());
    const claimedAt = clock.now() - 5_000;
    const fanout = new CampaignFanout(send, clock, store, { queue: { renewIn: async () => true }, leaseMs: 60_000 }, 0);
    const outcome = await fanout.run({ ...jobOf(id), runAt: claimedAt }, new AbortController().signal);
    assert.ok('type' in outcome && outcome.type === 'wait', JSON.stringify(outcome));
    assert.equal(outcome.until, claimedAt, 'queued at the run_at it was claimed with');
    const queued = await store.db.selectFrom('campaign_recipients').select('message_id').where('campaign_id', '=', id).execute();
    assert.equal(queued.length, 1_000, 'its first batch committed before the hand-back, and only that one');
    const ids = new Set(queued.map((r) => r.message_id));
    const sends = (await store.db.selectFrom('jobs').select(['payload_json', 'run_at']).where('kind', '=', 'message.send').execute())
      .filter((j) => ids.has((JSON.parse(j.payload_json) as { messageId: string }).messageId));
    assert.equal(sends.length, 1_000);
    assert.ok(sends.every((j) => j.run_at > outcome.until), 'every send job it queued is claimed after the fan-out');
  });
});
