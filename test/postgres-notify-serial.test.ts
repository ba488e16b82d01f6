import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PgNotifier } from '../src/notify/pg-notifier.ts';
import { eventually } from './helpers/harness.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from './helpers/pg-schema.ts';

// The notifier's one connection runs one statement at a time. A busy process publishes hints
// less than a round trip apart, and subscribes to new channels while publishing; sent at once on
// one pg client, pg queues them but warns that it will throw from pg 9 on. This file runs in a
// process of its own, so pg's once-per-process deprecation warning is seen here if it is due.

const unavailable = await postgresUnavailable();

describe('PgNotifier on a busy process', { skip: unavailable ?? false }, () => {
  let schema: TestSchema | undefined;
  const notifiers: PgNotifier[] = [];
  after(async () => {
    for (const n of notifiers) await n.close();
    await schema?.drop();
  });

  test('50 publishes and a new subscription at once: never two statements on the connection at a time, all heard', async () => {
    schema = await createTestSchema('porm_notify_serial');
    const warnings: string[] = [];
    process.on('warning', (w) => warnings.push(w.message));
    const publisher = new PgNotifier({ url: schema.url, schema: schema.schema });
    const listener = new PgNotifier({ url: schema.url, schema: schema.schema });
    notifiers.push(publisher, listener);
    const heard: string[] = [];
    listener.subscribe('jobs', (p) => heard.push(p));
    await eventually(async () => (listener.backendPid !== undefined ? true : undefined), 10_000, 'LISTEN connection');
    publisher.subscribe('revisions', () => undefined);
    await eventually(async () => (publisher.backendPid !== undefined ? true : undefined), 10_000, 'publisher connection');
    await Promise.all(Array.from({ length: 50 }, (_, i) => {
      if (i === 25) publisher.subscribe('jobs', () => undefined); // a LISTEN among the publishes
      return publisher.publish('jobs', `hint ${i}`);
    }));
    await eventually(async () => (heard.length === 50 ? true : undefined), 20_000, 'every hint heard');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(warnings.filter((w) => w.includes('already executing a query')), [], 'no statement sent while another was running');
    assert.deepEqual([...heard].sort(), Array.from({ length: 50 }, (_, i) => `hint ${i}`).sort());
  });
});
