import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import { MessageTransitions } from '../../messages/transitions.ts';
import { tempDatabase } from '../../messages/testing/fixture.ts';
import type { TimeRuleSettings } from '../quiet-hours/settings.ts';
import { capLockKey, frequencyCapStop, type FrequencyCapInput } from './index.ts';
import { defaultProgramId } from '../programs/program-store.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 6, 1, 16);
const NY = '+12125550100';
const FLORIDA = '+13055550123';
const transitions = new MessageTransitions();
const QUIET = { start: '08:00', end: '20:00', appliesToTransactional: false, stateRules: true };
const capOf = (max: number, action: 'hold' | 'fail' = 'hold', windowHours = 24): Pick<TimeRuleSettings, 'frequencyCap' | 'quietHours'> =>
  ({ quietHours: QUIET, frequencyCap: { max, windowHours, action } });

interface Seed {
  id: string;
  to?: string;
  account?: string;
  category?: 'marketing' | 'transactional';
  /** When it was claimed (moved to sending); undefined leaves it queued. */
  sentAt?: number;
  from?: string;
  /** Then: 'sent' (with a carrier id), 'failed' before any carrier took it, or left 'sending'. */
  then?: 'sent' | 'failed' | 'sending';
}

async function seed(store: Store, s: Seed): Promise<void> {
  const account = s.account ?? 'acct';
  const created = (s.sentAt ?? NOW) - HOUR;
  await store.write(async (tx) => {
    await tx.insertInto('accounts').values({ id: account, name: account, webhook_secret: 'whsec', created_at: created }).onConflict((oc) => oc.column('id').doNothing()).execute();
    await tx.insertInto('messages').values({
      id: s.id, account_id: account, to_number: s.to ?? NY, from_number: s.from ?? '+14155550199', body: 'Flash sale', subject: null, media_json: '[]',
      status_callback: null, metadata_json: null, send_at: null, validity_period: null, expires_at: null, status: 'queued',
      error_code: null, error_message: null, carrier: null, carrier_message_id: null, attempts: 0, event_seq: 1, created_at: created,
      updated_at: created, media_sent_json: null, template_id: null, template_revision: null, data_json: null, page_token: null, channel: null,
      category: s.category ?? 'marketing', callback_dialect: 'standard', out_channel: 'sms', fallback: 'auto', sms_segments: 1, sms_encoding: 'gsm7', fallback_reason: null,
    }).execute();
    await tx.insertInto('message_events').values({ message_id: s.id, account_id: account, seq: 1, type: 'queued', status: 'queued', at: created, data_json: null }).execute();
  });
  if (s.sentAt === undefined) return;
  const at = s.sentAt;
  await store.write((tx) => transitions.move(tx, s.id, 'sending', { carrier: 'sandbox', incrementAttempts: true }, at));
  if (s.then === 'sent' || s.then === undefined) await store.write((tx) => transitions.move(tx, s.id, 'sent', { carrierMessageId: `c-${s.id}` }, at));
  if (s.then === 'failed') await store.write((tx) => transitions.move(tx, s.id, 'failed', { errorCode: 'PORM_CARRIER_REJECTED', errorMessage: 'refused' }, at));
}

function input(over: Partial<FrequencyCapInput> = {}): FrequencyCapInput {
  return { accountId: 'acct', programId: defaultProgramId('acct'), to: NY, category: 'marketing', now: NOW, settings: capOf(3), excludeMessageId: 'new', ...over };
}

/** A claim as the claim unit makes it: the cap check, then (if it passes) the move to sending, in one unit. */
async function claim(store: Store, id: string, over: Partial<FrequencyCapInput> = {}): Promise<boolean> {
  return store.write(async (tx) => {
    const stop = await frequencyCapStop(tx, input({ excludeMessageId: id, ...over }), store);
    if (stop) return false;
    const moved = await transitions.move(tx, id, 'sending', { carrier: 'sandbox', incrementAttempts: true }, over.now ?? NOW);
    return moved !== undefined;
  });
}

async function withStore(fn: (store: Store, open: () => Promise<Store>) => Promise<void>): Promise<void> {
  const files = tempDatabase();
  try {
    await fn(await files.open(), () => files.open());
  } finally {
    await files.dispose();
  }
}

test('caps at the window edge: N − 1 sent goes, N holds until the oldest leaves, and then it goes', async () => {
  await withStore(async (store) => {
    await seed(store, { id: 'm1', sentAt: NOW - 20 * HOUR });
    await seed(store, { id: 'm2', sentAt: NOW - 5 * HOUR });
    assert.equal(await store.write((tx) => frequencyCapStop(tx, input(), store)), undefined, '2 of 3 sent: the third goes');
    await seed(store, { id: 'm3', sentAt: NOW - HOUR });
    const stop = await store.write((tx) => frequencyCapStop(tx, input(), store));
    assert.ok(stop && stop.kind === 'defer', '3 of 3 sent: the fourth is held');
    assert.equal(stop.until, NOW - 20 * HOUR + 24 * HOUR, 'until m1 is 24 h old');
    assert.match(stop.reason, /frequency cap \(program cap: 3 per 24 h\): 3 marketing messages/);
    assert.ok(await store.write((tx) => frequencyCapStop(tx, input({ now: stop.until - 1 }), store)), 'still held a millisecond before');
    assert.equal(await store.write((tx) => frequencyCapStop(tx, input({ now: stop.until }), store)), undefined, 'goes once m1 has left');
    // N + 1: a lowered cap over its count holds until enough have left.
    const lowered = await store.write((tx) => frequencyCapStop(tx, input({ settings: capOf(2) }), store));
    assert.ok(lowered && lowered.kind === 'defer');
    assert.equal(lowered.until, NOW - 5 * HOUR + 24 * HOUR, 'two of three must leave: m2 is the second oldest');
  });
});

test('hold or fail, as the program says', async () => {
  await withStore(async (store) => {
    await seed(store, { id: 'm1', sentAt: NOW - HOUR });
    const held = await store.write((tx) => frequencyCapStop(tx, input({ settings: capOf(1, 'hold') }), store));
    assert.equal(held?.kind, 'defer');
    const failed = await store.write((tx) => frequencyCapStop(tx, input({ settings: capOf(1, 'fail') }), store));
    assert.ok(failed && failed.kind === 'fail');
    assert.equal(failed.code, 'PORM_FREQUENCY_CAP_EXCEEDED');
    // A short window: sent an hour ago is outside a 1 h window.
    assert.equal(await store.write((tx) => frequencyCapStop(tx, input({ settings: capOf(1, 'fail', 1) }), store)), undefined);
  });
});

test('what counts: marketing to this recipient from this account, claimed in the window, that may have reached the handset', async () => {
  await withStore(async (store) => {
    await seed(store, { id: 'tx1', category: 'transactional', sentAt: NOW - HOUR });
    await seed(store, { id: 'other-to', to: '+12125550111', sentAt: NOW - HOUR });
    await seed(store, { id: 'other-acct', account: 'acct2', sentAt: NOW - HOUR });
    await seed(store, { id: 'refused', sentAt: NOW - HOUR, then: 'failed' });
    await seed(store, { id: 'queued' });
    await seed(store, { id: 'old', sentAt: NOW - 25 * HOUR });
    const cap1 = capOf(1);
    assert.equal(await store.write((tx) => frequencyCapStop(tx, input({ settings: cap1 }), store)), undefined, 'none of those count');
    // In flight (claimed, not yet sent) counts: it is about to reach the handset.
    await seed(store, { id: 'flying', sentAt: NOW - 60_000, then: 'sending' });
    assert.equal((await store.write((tx) => frequencyCapStop(tx, input({ settings: cap1 }), store)))?.kind, 'defer');
    // The message being claimed is not one of its own earlier messages (a retry re-checks itself).
    assert.equal(await store.write((tx) => frequencyCapStop(tx, input({ settings: cap1, excludeMessageId: 'flying' }), store)), undefined);
    // Transactional messages are never capped.
    assert.equal(await store.write((tx) => frequencyCapStop(tx, input({ settings: cap1, category: 'transactional' }), store)), undefined);
  });
});

test('a message retried later counts from its last claim', async () => {
  await withStore(async (store) => {
    await seed(store, { id: 'r1', sentAt: NOW - 30 * HOUR, then: 'sending' });
    await store.write((tx) => transitions.move(tx, 'r1', 'queued', { type: 'retry_scheduled' }, NOW - 29 * HOUR));
    await store.write((tx) => transitions.move(tx, 'r1', 'sending', { carrier: 'sandbox', incrementAttempts: true }, NOW - 2 * HOUR));
    const stop = await store.write((tx) => frequencyCapStop(tx, input({ settings: capOf(1) }), store));
    assert.ok(stop && stop.kind === 'defer');
    assert.equal(stop.until, NOW + 22 * HOUR);
  });
});

test('state rules: Florida limits marketing to 3 per 24 h even without a program cap; not in New York; not with state rules off', async () => {
  await withStore(async (store) => {
    for (const [i, to] of [FLORIDA, FLORIDA, FLORIDA, NY, NY, NY].entries()) await seed(store, { id: `s${i}`, to, sentAt: NOW - (i + 1) * HOUR });
    const noCap = { quietHours: QUIET, frequencyCap: null };
    const florida = await store.write((tx) => frequencyCapStop(tx, input({ to: FLORIDA, settings: noCap }), store));
    assert.ok(florida && florida.kind === 'defer');
    assert.match(florida.reason, /Florida 3 per 24 h rule/);
    assert.equal(florida.until, NOW - 3 * HOUR + 24 * HOUR);
    assert.equal(await store.write((tx) => frequencyCapStop(tx, input({ to: NY, settings: noCap }), store)), undefined);
    const off = { quietHours: { ...QUIET, stateRules: false }, frequencyCap: null };
    assert.equal(await store.write((tx) => frequencyCapStop(tx, input({ to: FLORIDA, settings: off }), store)), undefined);
    // With a failing program cap, the state rule fails too.
    const failing = await store.write((tx) => frequencyCapStop(tx, input({ to: FLORIDA, settings: capOf(10, 'fail') }), store));
    assert.equal(failing?.kind, 'fail');
  });
});

test('concurrency: two workers claiming for one recipient at once cannot both pass a cap of 1', async () => {
  await withStore(async (store, open) => {
    // Two stores on one file: two workers with their own connections, as two porm processes.
    const other = await open();
    for (let round = 0; round < 6; round++) {
      const to = `+1212555${String(1000 + round)}`;
      await seed(store, { id: `a${round}`, to });
      await seed(store, { id: `b${round}`, to });
      const [a, b] = await Promise.all([claim(store, `a${round}`, { to, settings: capOf(1) }), claim(other, `b${round}`, { to, settings: capOf(1) })]);
      assert.equal(Number(a) + Number(b), 1, `round ${round}: exactly one of the two claims passed (a ${a}, b ${b})`);
    }
    // Same worker, many at once (one batch): still one per recipient.
    const to = '+12125559999';
    for (let i = 0; i < 8; i++) await seed(store, { id: `c${i}`, to });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => claim(i % 2 ? other : store, `c${i}`, { to, settings: capOf(3) })));
    assert.equal(results.filter(Boolean).length, 3, 'a cap of 3 lets exactly 3 of 8 concurrent claims through');
  });
});

test('the cap lock is taken before the count is read, on the recipient\'s key', async () => {
  await withStore(async (store) => {
    const trace: string[] = [];
    const locks = { lockKey: async (_tx: Db, key: string) => { trace.push(`lock ${key}`); } };
    await store.write(async (tx) => {
      const traced = new Proxy(tx, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop, target);
          if (typeof value !== 'function') return value;
          if (prop === 'selectFrom') return (table: string) => { trace.push(`select ${table}`); return Reflect.apply(value, target, [table]); };
          return value.bind(target);
        },
      });
      await frequencyCapStop(traced, input(), locks);
    });
    assert.deepEqual(trace, [`lock ${capLockKey('acct', NY)}`, 'select messages as m']);
  });
});

test('per program: a message counts for the program of its sender number (the default program when the number has none)', async () => {
  await withStore(async (store) => {
    await seed(store, { id: 'deals1', from: '+14155550123', sentAt: NOW - HOUR });
    await store.write((tx) => tx.insertInto('numbers').values({
      id: 'num_1', account_id: 'acct', number: '+14155550123', kind: 'e164', capabilities_json: '[]', route: null, program_id: 'prg_deals', source: 'api', created_at: NOW, updated_at: NOW,
    }).execute());
    const cap1 = capOf(1);
    assert.equal((await store.write((tx) => frequencyCapStop(tx, input({ settings: cap1, programId: 'prg_deals' }), store)))?.kind, 'defer', 'counts for its own program');
    assert.equal(await store.write((tx) => frequencyCapStop(tx, input({ settings: cap1 }), store)), undefined, 'not for the default program');
    await seed(store, { id: 'plain', sentAt: NOW - HOUR });
    assert.equal((await store.write((tx) => frequencyCapStop(tx, input({ settings: cap1 }), store)))?.kind, 'defer', 'an unregistered sender is the default program');
  });
});
