// npm run bench -- pipeline [--messages N] [--connections N]
// Pushes N messages (default 20,000) through the API and the sandbox carrier to `delivered`
// on porm's embedded defaults and prints messages per second end to end, next to a baseline
// measured in the same run: raw better-sqlite3 durable inserts of the same number of rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { freePort, startChild, stopChild } from './support/processes.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const total = flag('messages', 20_000);
const connections = flag('connections', 64);
const workerConcurrency = flag('worker-concurrency', 0);
const KEY = 'porm_bench_0123456789abcdefghijklmnopqrstu';

/** Baseline: the same number of rows inserted durably (WAL, synchronous=FULL), 64 per commit. */
function rawInsertRate(dir: string): number {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table m (id text primary key, to_number text, body text, status text, created_at integer)');
  const insert = db.prepare('insert into m values (?, ?, ?, ?, ?)');
  const batch = db.transaction((start: number) => {
    for (let i = start; i < start + connections; i++) insert.run(`m${i}`, '+14155550100', 'hello', 'queued', Date.now());
  });
  const t0 = performance.now();
  for (let i = 0; i < total; i += connections) batch(i);
  const rate = total / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'porm-bench-pipeline-'));
  const baseline = rawInsertRate(dataDir);
  const configFile = join(dataDir, 'porm.json');
  writeFileSync(configFile, JSON.stringify({
    carriers: { sandbox: { type: 'sandbox', deliveryDelayMs: 0 } },
    ...(workerConcurrency > 0 ? { workers: { concurrency: workerConcurrency } } : {}),
  }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const porm = await startChild(['bin/porm.js', 'start', '--data', join(dataDir, 'porm'), '--port', String(port)],
    { PORM_API_KEY: KEY, PORM_LOG_LEVEL: 'warn', PORM_CONFIG: configFile }, `${url}/healthz`);
  const body = JSON.stringify({ to: '+14155550100', from: '+14155550199', body: 'pipeline bench' });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${KEY}` };

  const started = performance.now();
  const result = await autocannon({ url: `${url}/v1/messages`, method: 'POST', connections, pipelining: 1, amount: total, headers, body });
  const accepted = result['2xx'];
  const acceptedAt = performance.now();
  const db = new Database(join(dataDir, 'porm', 'porm.db'), { readonly: true });
  const count = db.prepare(`select count(*) as n from messages where status = 'delivered'`);
  let delivered = 0;
  while (delivered < accepted) {
    await new Promise((r) => setTimeout(r, 50));
    delivered = (count.get() as { n: number }).n;
    if (performance.now() - started > 600_000) throw new Error(`only ${delivered} of ${accepted} delivered after 10 minutes`);
  }
  const finished = performance.now();
  db.close();
  await stopChild(porm);
  rmSync(dataDir, { recursive: true, force: true });

  const rate = delivered / ((finished - started) / 1000);
  console.log(`${total} messages, ${connections} concurrent API clients, sandbox report delay 0, worker concurrency ${workerConcurrency || 'default'}`);
  console.log(`accepted ${accepted} in ${((acceptedAt - started) / 1000).toFixed(1)} s; all delivered after ${((finished - started) / 1000).toFixed(1)} s`);
  console.log(`raw better-sqlite3 durable inserts (64/commit)   ${baseline.toFixed(0).padStart(8)} rows/s`);
  console.log(`porm end to end (accepted → delivered)           ${rate.toFixed(0).padStart(8)} messages/s`);
  console.log(`ratio: ${(rate / baseline).toFixed(3)}× raw inserts; goal ≥ 2,000 messages/s end to end`);
}

await main();
