// Connector health across processes as distributed mode runs them: an API process (which binds
// nothing) and two worker processes, each binding twice to the sandbox SMSC on loopback, on one
// PostgreSQL schema. The API's overview sums what both workers report (4/4, 2 instances); a worker
// that stops removes its rows, and the overview shows the other's 2/2. PostgreSQL only (skipped,
// saying why, without it): several porm processes share one database only there.
import { after, before, describe, it } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { SandboxSmsc } from '../../src/carriers/sandbox-smsc/sandbox-smsc.ts';
import { cleanup, eventually, startHarness, tempDir, type Harness } from '../helpers/harness.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from '../helpers/pg-schema.ts';
import { owner, visit, type Jar } from '../helpers/dashboard-http.ts';

const credentials = { systemId: 'porm', password: 'health2' };
const unavailable = await postgresUnavailable();

function rowOf(page: string, name: string): string[] {
  const start = page.indexOf(`<th scope="row">${name} <span`);
  assert.ok(start >= 0, `a row for ${name}`);
  const row = page.slice(start, page.indexOf('</tr>', start));
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
}

describe('connector health from two worker processes, shown by an API process', { skip: unavailable }, () => {
  let schema: TestSchema;
  let smsc: SandboxSmsc;
  let api: Harness;
  const workers: Harness[] = [];
  const dir = tempDir();
  let b: Jar;
  before(async () => {
    schema = await createTestSchema('porm_health_dist');
    smsc = await SandboxSmsc.start({ credentials });
    const configFile = join(dir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: { smsc: { type: 'smpp', host: '127.0.0.1', port: smsc.port, ...credentials, binds: 2, reconnect: { initialMs: 50, maxMs: 300, jitter: 0.2 } } },
      routes: [{ from: '*', carriers: ['smsc'] }],
    }));
    const env = (role: string) => ({ PORM_CONFIG: configFile, PORM_ROLE: role, PORM_DATABASE_URL: schema.url, PORM_POSTGRES_SCHEMA: schema.schema });
    api = await startHarness(env('api'), join(dir, 'api'));
    for (const i of [1, 2]) workers.push(await startHarness(env('worker'), join(dir, `worker-${i}`)));
    b = await owner(api);
  });
  after(async () => {
    for (const h of [...workers, api]) await h?.stop().catch(() => undefined);
    await smsc?.close();
    await schema?.drop();
    cleanup(dir);
  });

  it('sums both workers\' binds, then shows the one left when the other stops', async () => {
    const page = async () => rowOf((await visit(api, b, 'GET', '/dashboard')).text, 'smsc');
    const both = await eventually(async () => {
      const c = await page();
      return c[1] === '4/4' ? c : undefined;
    }, 30_000, 'both workers\' binds up');
    assert.equal(both[2], '2', 'two instances');
    assert.equal(smsc.binds().length, 4, 'the API process binds nothing');
    await workers.shift()!.stop();
    const one = await eventually(async () => {
      const c = await page();
      return c[1] === '2/2' ? c : undefined;
    }, 30_000, 'the stopped worker\'s rows gone');
    assert.equal(one[2], '1', 'a worker that stopped cleanly is not left as stale');
  });
});
