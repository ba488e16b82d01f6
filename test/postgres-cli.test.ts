import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { allMigrations } from '../src/store/migrate.ts';
import { ChildPorm, freePort } from './helpers/child-porm.ts';
import { cleanup, eventually, tempDir } from './helpers/harness.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from './helpers/pg-schema.ts';

// `porm migrate` and `porm start` on PostgreSQL, as users run them (bin/porm.js, real processes),
// in a schema of this file's own. Skipped, saying why, when PostgreSQL is not reachable.

function runPorm(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/porm.js', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const unavailable = await postgresUnavailable();
describe('porm on PostgreSQL', { skip: unavailable ?? false }, () => {
  let schema: TestSchema;
  let client: pg.Client;
  const dirs: string[] = [];
  before(async () => {
    schema = await createTestSchema('porm_cli');
    client = new pg.Client({ connectionString: schema.url });
    await client.connect();
  });
  after(async () => {
    await client?.end();
    await schema?.drop();
    for (const dir of dirs) cleanup(dir);
  });

  test('three `porm migrate` started at once on an empty schema apply each migration once', async () => {
    const env = { PORM_POSTGRES_SCHEMA: schema.schema };
    const runs = await Promise.all([0, 1, 2].map(() => {
      const dir = tempDir();
      dirs.push(dir);
      return runPorm(['--data', dir, '--database-url', schema.url, 'migrate'], env);
    }));
    for (const run of runs) {
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /database schema is up to date/);
    }
    const names = (await client.query<{ name: string }>(`select name from ${schema.schema}.kysely_migration order by name`)).rows.map((r) => r.name);
    assert.deepEqual(names, Object.keys(allMigrations()).sort());
  });

  test('`porm start` keeps messages in PostgreSQL: sent, delivered, and still there after a SIGKILL and a restart', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const porm = new ChildPorm(dir, await freePort(), [], {
      PORM_DATABASE_URL: schema.url, PORM_POSTGRES_SCHEMA: schema.schema, PORM_SANDBOX_DELIVERY_DELAY_MS: '50', PORM_WORKER_POLL_INTERVAL_MS: '50',
    });
    try {
      await porm.start();
      const sent = await porm.api('POST', '/v1/messages', { to: '+14155550101', from: '+14155550199', body: 'on postgres' });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const id = String(sent.body.id);
      await eventually(async () => ((await porm.api('GET', `/v1/messages/${id}`)).body.status === 'delivered' ? true : undefined), 30_000, 'delivered');
      const row = await client.query<{ status: string; event_seq: number }>(`select status, event_seq from ${schema.schema}.messages where id = $1`, [id]);
      assert.equal(row.rows[0]?.status, 'delivered');
      await porm.kill9();
      await porm.start();
      const again = await porm.api('GET', `/v1/messages/${id}`);
      assert.equal(again.body.status, 'delivered');
      assert.equal((await client.query(`select 1 from ${schema.schema}.jobs`)).rowCount, 0, 'no job left behind');
    } finally {
      await porm.stop();
    }
  });
});
