import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { PgNotifier } from '../src/notify/pg-notifier.ts';
import { pgChannelName } from '../src/notify/pg-channel.ts';
import { SCENARIOS } from '../src/rich/format/scenarios.ts';
import { PostgresStore } from '../src/store/postgres/postgres-store.ts';
import { SqlJobQueue } from '../src/queue/sql-queue.ts';
import { systemClock } from '../src/clock.ts';
import { cleanup, eventually, tempDir } from './helpers/harness.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from './helpers/pg-schema.ts';
import { Cluster, type PormProcess } from './helpers/distributed.ts';
import type { ChildPorm } from './helpers/child-porm.ts';

// The cross-process Notifier on PostgreSQL. First the notifier itself (LISTEN/NOTIFY on its own
// connection): channels kept apart by schema, its connection killed and re-made, hostile
// payloads. Then real processes (bin/porm.js): a worker whose poll interval is 60 s picks up a
// message accepted by an API process at once, which only the notification can explain, also
// after its LISTEN connection was terminated; and a page open on API process B hears of a
// revision saved on API process A.

const unavailable = await postgresUnavailable();

async function admin<T>(url: string, use: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await use(c);
  } finally {
    await c.end();
  }
}

function collector(notifier: PgNotifier, channel: 'jobs' | 'revisions'): string[] {
  const got: string[] = [];
  notifier.subscribe(channel, (payload) => got.push(payload));
  return got;
}

describe('PgNotifier', { skip: unavailable ?? false }, () => {
  let a: TestSchema;
  let b: TestSchema;
  const notifiers: PgNotifier[] = [];
  const make = (schema: TestSchema): PgNotifier => {
    const n = new PgNotifier({ url: schema.url, schema: schema.schema, reconnectMinMs: 20, reconnectMaxMs: 200, applicationName: `porm-notifier-test:${schema.schema}` });
    notifiers.push(n);
    return n;
  };
  const listening = (n: PgNotifier): Promise<true> => eventually(async () => (n.backendPid !== undefined ? true : undefined), 10_000, 'LISTEN connection');
  before(async () => {
    a = await createTestSchema('porm_notify_a');
    b = await createTestSchema('porm_notify_b');
  });
  after(async () => {
    for (const n of notifiers) await n.close();
    await a?.drop();
    await b?.drop();
  });

  test('a publish reaches the other processes on the same schema, not the publisher itself, and not another schema', async () => {
    const [pubA, subA, subB, pubB] = [make(a), make(a), make(b), make(b)];
    const onA = collector(subA, 'jobs');
    const onB = collector(subB, 'jobs');
    const own = collector(pubA, 'jobs');
    await Promise.all([listening(subA), listening(subB), listening(pubA)]);
    await pubA.publish('jobs', 'for a');
    await eventually(async () => (onA.includes('for a') ? true : undefined), 10_000, 'A to hear A');
    // B's own marker, sent after A's: once B has it, A's would have arrived too had it leaked.
    await pubB.publish('jobs', 'for b');
    await eventually(async () => (onB.includes('for b') ? true : undefined), 10_000, 'B to hear B');
    assert.deepEqual(onB, ['for b'], 'schema B never hears schema A');
    assert.deepEqual(own, [], 'the publisher skips its own notification');
    assert.deepEqual(onA, ['for a']);
  });

  test('the queue announces jobs once per committed unit, after the commit, and never for a unit rolled back', async () => {
    const store = await PostgresStore.open({ url: a.url, poolSize: 4, schema: a.schema });
    try {
      const queue = new SqlJobQueue(store, systemClock, store.openNotifier());
      const sub = make(a);
      const marker = make(a);
      const got = collector(sub, 'jobs');
      await listening(sub);
      const hooks: string[] = [];
      await assert.rejects(store.write(async (tx) => {
        for (let i = 0; i < 50; i++) await queue.enqueue(tx, 'webhook.deliver', { deliveryId: `d${i}` }, 0);
        store.afterCommit(tx, () => hooks.push('rolled back'));
        throw new Error('roll back');
      }), /roll back/);
      await marker.publish('jobs', 'after the rollback');
      await eventually(async () => (got.includes('after the rollback') ? true : undefined), 10_000, 'the first marker');
      assert.deepEqual(got, ['after the rollback'], 'a unit rolled back announces nothing');
      await store.write(async (tx) => {
        for (let i = 0; i < 50; i++) await queue.enqueue(tx, 'webhook.deliver', { deliveryId: `e${i}` }, 0);
        store.afterCommit(tx, () => hooks.push('committed'));
        assert.deepEqual(hooks, [], 'hooks wait for the commit');
      });
      assert.deepEqual(hooks, ['committed'], 'hooks run before write() resolves');
      await eventually(async () => (got.length === 2 ? true : undefined), 10_000, 'the announcement');
      await marker.publish('jobs', 'after the commit');
      await eventually(async () => (got.includes('after the commit') ? true : undefined), 10_000, 'the second marker');
      assert.deepEqual(got, ['after the rollback', '', 'after the commit'], 'fifty jobs in one unit: one notification');
    } finally {
      await store.close();
    }
  });

  test('channel names: porm.<schema>.<channel>, and a hash where the schema is too long to fit 63 bytes', () => {
    assert.equal(pgChannelName('public', 'jobs'), 'porm.public.jobs');
    const long1 = `s${'x'.repeat(61)}a`;
    const long2 = `s${'x'.repeat(61)}b`;
    assert.ok(Buffer.byteLength(pgChannelName(long1, 'revisions')) <= 63);
    assert.notEqual(pgChannelName(long1, 'revisions'), pgChannelName(long2, 'revisions'), 'two long schemas do not share a truncated name');
  });

  test('its LISTEN connection terminated, it reconnects, listens again, says so, and hears what is sent afterwards', async () => {
    const sub = make(a);
    const pub = make(a);
    const got = collector(sub, 'revisions');
    let resumed = 0;
    sub.onResume(() => resumed++);
    await listening(sub);
    await eventually(async () => (resumed === 1 ? true : undefined), 10_000, 'the first connection to count as listening');
    for (let round = 1; round <= 2; round++) {
      const pid = sub.backendPid;
      const killed = await admin(a.url, (c) => c.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid]));
      assert.equal(killed.rows[0]?.ok, true);
      await eventually(async () => (resumed === round + 1 && sub.backendPid !== undefined && sub.backendPid !== pid ? true : undefined), 20_000, 'the notifier to reconnect');
      await pub.publish('revisions', `after kill ${round}`);
      await eventually(async () => (got.includes(`after kill ${round}`) ? true : undefined), 10_000, 'a notification after the reconnect');
    }
  });

  test('hostile input: foreign payloads on porm channels are dropped, an oversized publish is refused, a publish while PostgreSQL is unreachable is dropped', async () => {
    const sub = make(a);
    const got = collector(sub, 'jobs');
    await listening(sub);
    await admin(a.url, async (c) => {
      for (const raw of ['', 'no-origin-separator', ':empty-origin']) await c.query('select pg_notify($1, $2)', [pgChannelName(a.schema, 'jobs'), raw]);
      await c.query('select pg_notify($1, $2)', [pgChannelName(a.schema, 'nonsense'), 'x:other channel']);
      await c.query('select pg_notify($1, $2)', [pgChannelName(a.schema, 'jobs'), 'someone:marker']);
    });
    await eventually(async () => (got.length > 0 ? true : undefined), 10_000, 'the marker');
    assert.deepEqual(got, ['marker'], 'only a well-formed payload reaches the listener');
    await assert.rejects(make(a).publish('jobs', 'x'.repeat(8000)), RangeError);
    const nowhere = new PgNotifier({ url: 'postgres://postgres@127.0.0.1:1/none', schema: 'public', reconnectMinMs: 10, reconnectMaxMs: 20 });
    await nowhere.publish('jobs', 'lost');
    await nowhere.close();
  });
});

describe('notifications between porm processes on PostgreSQL', { skip: unavailable ?? false }, () => {
  let schema: TestSchema;
  let dir: string;
  let cluster: Cluster;
  let mmsc: PormProcess;
  let apiA: ChildPorm;
  let apiB: ChildPorm;
  let worker: PormProcess;
  const FROM = '+14155550199';
  before(async () => {
    schema = await createTestSchema('porm_notify_cli');
    dir = tempDir();
    // A poll interval of 60 s: a job picked up within seconds was found through a notification.
    cluster = await Cluster.create({ schema, dir, workers: { pollIntervalMs: 60_000, concurrency: 8 } });
    mmsc = cluster.mmsc();
    await mmsc.start();
    apiA = await cluster.api(0);
    await apiA.start();
    apiB = await cluster.api(1);
    await apiB.start();
    worker = cluster.worker(0);
    await worker.start();
    const number = await apiA.api('POST', '/v1/numbers', { number: FROM });
    assert.equal(number.status, 201, number.text);
  });
  after(async () => {
    for (const p of [worker, apiA, apiB, mmsc]) await p?.stop();
    await schema?.drop();
    if (dir) cleanup(dir);
  });

  const workerListening = (): Promise<number> => eventually(async () => {
    const rows = await admin(schema.url, (c) => c.query<{ pid: number }>(
      `select pid from pg_stat_activity where application_name = $1 and query ilike 'listen%'`, [`porm-notifier:${schema.schema}`]));
    return rows.rows[0]?.pid;
  }, 20_000, "the worker's LISTEN connection");

  const sendAndWaitSent = async (api: ChildPorm, body: string): Promise<void> => {
    const res = await api.api('POST', '/v1/messages', { to: '+14155550100', from: FROM, body });
    assert.equal(res.status, 201, res.text);
    const id = String(res.body.id);
    await eventually(async () => {
      const status = String((await api.api('GET', `/v1/messages/${id}`)).body.status);
      return ['sent', 'delivered'].includes(status) ? status : undefined;
    }, 30_000, `${body} to be sent long before the worker's 60 s poll`);
  };

  test('a worker polling every 60 s sends what either API process accepted at once', async () => {
    await workerListening();
    await sendAndWaitSent(apiA, 'through A');
    await sendAndWaitSent(apiB, 'through B');
  });

  test("the worker's LISTEN connection terminated: it reconnects and is still woken by the next message", async () => {
    const pid = await workerListening();
    await admin(schema.url, (c) => c.query('select pg_terminate_backend($1)', [pid]));
    const again = await eventually(async () => {
      const next = await workerListening();
      return next !== pid ? next : undefined;
    }, 20_000, 'a new LISTEN connection');
    assert.notEqual(again, pid);
    await sendAndWaitSent(apiB, 'after the kill');
  });

  test('a page open on API process B hears of a revision saved on API process A', async () => {
    const created = await apiA.api('POST', '/v1/templates', { document: SCENARIOS.eventTicket });
    assert.equal(created.status, 201, created.text);
    const id = String(created.body.id);
    const msg = await apiA.api('POST', '/v1/messages', {
      to: '+14155550123', from: FROM, template: id,
      data: { holder: 'Ada', ticket_code: 'T2', event: { name: 'Show', starts: '2030-12-12T19:30:00Z', venue: 'Hall', address: 'Road 1', section: 'A', seat: '1' } },
    });
    assert.equal(msg.status, 201, msg.text);
    const token = new URL(String(msg.body.page_url)).pathname.split('/')[2];
    const controller = new AbortController();
    const live = await fetch(`${apiB.url}/m/${token}/live`, { signal: controller.signal });
    assert.equal(live.status, 200);
    const reader = live.body!.getReader();
    let text = '';
    const heard = (async () => {
      while (!text.includes('event: revision')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return text;
    })();
    // B subscribes to revisions when this first page opens: wait for its LISTEN before revising on A.
    await eventually(async () => {
      const rows = await admin(schema.url, (c) => c.query(`select 1 from pg_stat_activity where application_name = $1 and query ilike $2`,
        [`porm-notifier:${schema.schema}`, `listen%revisions%`]));
      return rows.rowCount! > 0 ? true : undefined;
    }, 20_000, "API B's LISTEN on revisions");
    const doc = JSON.parse(JSON.stringify(SCENARIOS.eventTicket)) as { components: Array<Record<string, unknown>> };
    doc.components[0]!.text = '{{ event.name }} (moved to Hall B)';
    const revised = await apiA.api('PATCH', `/v1/templates/${id}`, { document: doc });
    assert.equal(revised.status, 200, revised.text);
    const stream = await Promise.race([heard, new Promise<string>((r) => setTimeout(() => r(`timed out with: ${text}`), 20_000))]);
    controller.abort();
    assert.match(stream, /event: revision\ndata: \{"revision":2\}/);
    const page = await (await fetch(`${apiB.url}/m/${token}`)).text();
    assert.match(page, /moved to Hall B/, 'B shows the new revision');
  });
});
