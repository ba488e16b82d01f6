// The connector health report on a real store, SQLite file and PostgreSQL (skipped, saying why,
// without it): several instances, in two store connections (as two processes would be), report
// at once and over and over; each (connector, instance) stays one row holding its last report, an
// older report never overwrites a newer one, rows silent for an hour are pruned by any reporter,
// and a reporter that closes removes its own rows only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Carrier, CarrierHealth } from '../src/carriers/carrier.ts';
import { HealthReporter, PRUNE_AFTER_MS } from '../src/carriers/health-report.ts';
import { connectorReports } from '../src/dashboard/connector-health-stats.ts';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { PostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { Store } from '../src/store/store.ts';
import { createTestSchema, postgresUnavailable } from './helpers/pg-schema.ts';

const log = pino({ level: 'silent' });

function carrier(name: string, health: () => CarrierHealth): Carrier {
  return {
    name, type: 'smpp', channels: ['sms'], health, async start() {}, async close() {},
    async submit() { return { outcome: 'accepted', carrierMessageId: 'x', duplicate: false }; },
  };
}

interface Engine { open(): Promise<Store>; dispose(): Promise<void> }

async function sqlite(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'porm-health-'));
  const opened: Store[] = [];
  return {
    async open() {
      const s = await SqliteStore.open(join(dir, 'porm.db'));
      opened.push(s);
      return s;
    },
    async dispose() {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(): Promise<Engine> {
  const schema = await createTestSchema('porm_health');
  const opened: Store[] = [];
  return {
    async open() {
      const s = await PostgresStore.open({ url: schema.url, poolSize: 4, schema: schema.schema });
      opened.push(s);
      return s;
    },
    async dispose() {
      for (const s of opened) await s.close();
      await schema.drop();
    },
  };
}

const unavailable = await postgresUnavailable();
for (const [engine, make, skip] of [['SQLite file', sqlite, undefined], ['PostgreSQL', postgres, unavailable]] as const) {
  describe(`connector health report: ${engine}`, { skip }, () => {
    it('many instances reporting at once keep one row each, with their last report; older never overwrites newer', async () => {
      const e = await make();
      try {
        const stores = [await e.open(), await e.open()];
        let now = 1_800_000_000_000;
        const reporters = Array.from({ length: 6 }, (_, i) => {
          let up = 0;
          const connectors = ['a', 'b'].map((name) => ({ name, type: 'smpp', carrier: carrier(name, () => ({ binds: { up: up++ % 3, configured: 2 }, submitsLastMinute: i, errors: [{ code: 'PORM_SMPP_BIND_LOST', message: `i${i}`, at: now }] })) }));
          return new HealthReporter(stores[i % 2]!, connectors, `host${i}:${i}`, () => now, log);
        });
        for (let round = 0; round < 10; round++) {
          now += 1_000;
          await Promise.all(reporters.map((r) => r.report()));
        }
        const rows = await connectorReports(stores[0]!, now);
        assert.equal(rows.length, 12, 'one row per connector and instance');
        for (const r of rows) {
          assert.equal(r.updatedAt, now);
          const i = Number(/^host(\d)/.exec(r.instance)![1]);
          assert.equal(r.submitsLastMinute, i);
          assert.deepEqual(r.errors, [{ code: 'PORM_SMPP_BIND_LOST', message: `i${i}`, at: now }]);
        }
        // A report stamped earlier (a write that was slow to land) leaves the newer row alone.
        const late = now;
        now -= 5_000;
        await reporters[0]!.report();
        const mine = (await connectorReports(stores[1]!, late)).filter((r) => r.instance === 'host0:0');
        assert.deepEqual(mine.map((r) => r.updatedAt), [late, late]);
      } finally {
        await e.dispose();
      }
    });

    it('prunes rows silent for an hour and, on close, removes only its own', async () => {
      const e = await make();
      try {
        const store = await e.open();
        let now = 1_800_000_000_000;
        const one = (instance: string) => new HealthReporter(store, [{ name: 'a', type: 'smpp', carrier: carrier('a', () => ({ binds: { up: 1, configured: 1 } })) }], instance, () => now, log);
        const gone = one('gone:1');
        await gone.report();
        now += PRUNE_AFTER_MS + 1;
        const [x, y] = [one('x:1'), one('y:2')];
        await x.report();
        await y.report();
        const left = await store.db.selectFrom('connector_health').select('instance').orderBy('instance').execute();
        assert.deepEqual(left.map((r) => r.instance), ['x:1', 'y:2'], 'the silent row pruned');
        await x.close();
        const after = await store.db.selectFrom('connector_health').select(['instance', 'binds_up', 'binds_configured']).execute();
        assert.deepEqual(after.map((r) => [r.instance, Number(r.binds_up), Number(r.binds_configured)]), [['y:2', 1, 1]]);
        await x.report();
        assert.equal((await store.db.selectFrom('connector_health').selectAll().execute()).length, 1, 'a closed reporter writes no more');
      } finally {
        await e.dispose();
      }
    });
  });
}
