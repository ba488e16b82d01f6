// npm run bench -- distributed [--messages N] [--connections N] [--database-url postgres://…]
// Distributed mode on PostgreSQL against its baselines, all in one run on one machine:
//   - raw `pg`: N single-row INSERTs, each its own durable commit (synchronous_commit on), from
//     --connections clients: the most a porm accept could hope for on this server;
//   - a bare Fastify route parsing the same JSON (the baseline of `npm run bench -- api`);
//   - porm's durable accepts/s (POST /v1/messages answered 201 only after COMMIT) with 1 and 2
//     `--role api` processes, no workers;
//   - end to end, accept to `delivered`, with 1, 2 and 4 `--role worker` processes, 2 API
//     processes taking the messages and the sandbox MMSC in its own process (mm7 carrier);
//   - the same figures for embedded mode (SQLite): `--role api`, and `porm start` end to end.
// Each porm figure runs on a fresh schema (or data directory). The table gives each rate and its
// ratio to its baseline; the cores and load average say what the machine had to give. The default
// size finishes in a few minutes; `--messages 20000` is the issue's size.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, startChild, stopChild } from './support/processes.ts';
import { BENCH_KEY, BenchCluster, startPormProcess, stopAll } from './support/porm-cluster.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const messages = Number(option('messages') ?? 2000);
const connections = Number(option('connections') ?? 32);
const databaseUrl = option('database-url') ?? process.env.PORM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
if (!Number.isInteger(messages) || messages < 50) throw new Error('--messages must be a whole number of at least 50');
if (!Number.isInteger(connections) || connections < 1) throw new Error('--connections must be a whole number of at least 1');

const FROM = '+14155550199';
const body = JSON.stringify({ to: '+14155550100', from: FROM, body: 'Your order #1234 has shipped! Track it at https://example.com/t/1234', channel: 'mms' });

interface Row { name: string; processes: string; rate: number; baseline?: { name: string; rate: number }; note?: string }
const rows: Row[] = [];

async function admin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function withSchema<T>(use: (schema: string) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`create schema ${schema}`));
  try {
    return await use(schema);
  } finally {
    await admin((c) => c.query(`drop schema if exists ${schema} cascade`));
  }
}

/** POSTs `total` requests spread over `urls` (one autocannon per URL, at once); requests per second over the whole. */
async function post(urls: readonly string[], total: number, headers: Record<string, string>): Promise<{ rate: number; non2xx: number }> {
  const started = performance.now();
  const results = await Promise.all(urls.map((url) => autocannon({
    url: `${url}/v1/messages`, method: 'POST', connections: Math.max(1, Math.floor(connections / urls.length)), pipelining: 1,
    amount: Math.floor(total / urls.length), headers: { 'content-type': 'application/json', ...headers }, body,
  })));
  const seconds = (performance.now() - started) / 1000;
  const done = results.reduce((n, r) => n + r.requests.total, 0);
  return { rate: done / seconds, non2xx: results.reduce((n, r) => n + r.non2xx + r.errors, 0) };
}

async function rawInserts(): Promise<number> {
  return withSchema(async (schema) => {
    await admin((c) => c.query(`create table ${schema}.raw (id bigint generated always as identity primary key, body text not null, created_at bigint not null)`));
    const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
    try {
      let next = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: connections }, async () => {
        while (next < messages) {
          next++;
          await pool.query(`insert into ${schema}.raw (body, created_at) values ($1, $2)`, [body, Date.now()]);
        }
      }));
      return messages / ((performance.now() - started) / 1000);
    } finally {
      await pool.end();
    }
  });
}

async function bareFastify(): Promise<number> {
  const port = await freePort();
  const bare = await startChild(['--import', 'tsx', 'bench/support/bare-fastify.ts', String(port)], {}, `http://127.0.0.1:${port}/`);
  try {
    await post([`http://127.0.0.1:${port}`], Math.min(messages, 500), {}); // warm-up
    return (await post([`http://127.0.0.1:${port}`], messages, {})).rate;
  } finally {
    await stopChild(bare);
  }
}

async function registerSender(url: string): Promise<void> {
  const res = await fetch(`${url}/v1/numbers`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ number: FROM }) });
  if (res.status !== 201 && res.status !== 409) throw new Error(`registering ${FROM}: ${res.status} ${await res.text()}`);
}

/** Polls until `count()` reaches `target`; fails if it stops moving for a minute. */
async function waitFor(count: () => Promise<number>, target: number, what: string): Promise<void> {
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = await count();
    if (n >= target) return;
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since > 60_000) throw new Error(`${what}: stuck at ${n} of ${target}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function postgresAccepts(apis: number): Promise<number> {
  return withSchema(async (schema) => {
    const dir = mkdtempSync(join(tmpdir(), 'porm-bench-dist-'));
    const children: ChildProcess[] = [];
    try {
      const cluster = await BenchCluster.create({ dir, databaseUrl, schema, poolSize: 10 });
      const first = await cluster.api(0);
      children.push(first.child);
      const rest = await Promise.all(Array.from({ length: apis - 1 }, (_, i) => cluster.api(i + 1)));
      children.push(...rest.map((r) => r.child));
      const urls = [first.url, ...rest.map((r) => r.url)];
      await registerSender(first.url);
      await post(urls, Math.min(messages, 500), { authorization: `Bearer ${BENCH_KEY}` }); // warm-up
      const result = await post(urls, messages, { authorization: `Bearer ${BENCH_KEY}` });
      if (result.non2xx > 0) console.error(`  (${result.non2xx} requests not answered 201 with ${apis} API processes)`);
      return result.rate;
    } finally {
      await stopAll(children);
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

async function postgresEndToEnd(workers: number): Promise<number> {
  return withSchema(async (schema) => {
    const dir = mkdtempSync(join(tmpdir(), 'porm-bench-dist-'));
    const children: ChildProcess[] = [];
    const db = new pg.Client({ connectionString: databaseUrl });
    try {
      const cluster = await BenchCluster.create({ dir, databaseUrl, schema, poolSize: 10 });
      children.push(await cluster.mmsc());
      const first = await cluster.api(0);
      children.push(first.child);
      const second = await cluster.api(1);
      children.push(second.child);
      children.push(...(await Promise.all(Array.from({ length: workers }, (_, i) => cluster.worker(i)))));
      await registerSender(first.url);
      await db.connect();
      const delivered = async () => Number((await db.query<{ n: string }>(`select count(*) as n from ${schema}.messages where status = 'delivered'`)).rows[0]!.n);
      const started = performance.now();
      const sending = post([first.url, second.url], messages, { authorization: `Bearer ${BENCH_KEY}` });
      const result = await sending;
      if (result.non2xx > 0) throw new Error(`${result.non2xx} messages were not accepted`);
      await waitFor(delivered, messages - (messages % 2), `delivered with ${workers} workers`);
      return (messages - (messages % 2)) / ((performance.now() - started) / 1000);
    } finally {
      await db.end().catch(() => undefined);
      await stopAll(children);
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** Embedded mode: `porm start` on SQLite in a fresh data directory, as api role (accepts) or all (end to end, embedded sandbox). */
async function sqlite(role: 'api' | 'all'): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'porm-bench-sqlite-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startPormProcess(['--data', dir, 'start', '--role', role, '--port', String(port)], { PORM_SANDBOX_DELIVERY_DELAY_MS: '0' }, role === 'api' ? 'porm is running' : 'porm is running');
  try {
    await registerSender(url);
    if (role === 'api') {
      await post([url], Math.min(messages, 500), { authorization: `Bearer ${BENCH_KEY}` });
      return (await post([url], messages, { authorization: `Bearer ${BENCH_KEY}` })).rate;
    }
    const { default: Database } = await import('better-sqlite3');
    const started = performance.now();
    const result = await post([url], messages, { authorization: `Bearer ${BENCH_KEY}` });
    if (result.non2xx > 0) throw new Error(`${result.non2xx} messages were not accepted`);
    const file = new Database(join(dir, 'porm.db'), { readonly: true });
    try {
      await waitFor(async () => (file.prepare(`select count(*) as n from messages where status = 'delivered'`).get() as { n: number }).n, messages, 'delivered on SQLite');
    } finally {
      file.close();
    }
    return messages / ((performance.now() - started) / 1000);
  } finally {
    await stopAll([child]);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  const loadAtStart = loadavg()[0]!;
  console.error(`distributed bench: ${messages} messages per figure, ${connections} client connections, ${cores} cores, load average ${loadAtStart.toFixed(2)}`);
  const raw = { name: 'raw pg inserts', rate: await rawInserts() };
  rows.push({ name: raw.name, processes: `${connections} clients`, rate: raw.rate, note: 'one durable commit per row' });
  const bare = { name: 'bare Fastify', rate: await bareFastify() };
  rows.push({ name: bare.name, processes: '1', rate: bare.rate, note: 'parse JSON, 201' });
  for (const apis of [1, 2]) {
    const rate = await postgresAccepts(apis);
    rows.push({ name: 'porm PostgreSQL durable accepts', processes: `${apis} api`, rate, baseline: raw, note: `${(rate / bare.rate).toFixed(3)}× bare Fastify (goal ≥ 0.25×)` });
  }
  const oneWorker: number[] = [];
  for (const workers of [1, 2, 4]) {
    const rate = await postgresEndToEnd(workers);
    if (workers === 1) oneWorker.push(rate);
    rows.push({ name: 'porm PostgreSQL end to end', processes: `2 api + ${workers} worker + mmsc`, rate, ...(workers > 1 ? { baseline: { name: '1 worker', rate: oneWorker[0]! } } : {}), note: workers === 1 ? 'accept → delivered (goal ≥ 2,000/s)' : workers === 2 ? 'goal ≥ 1.6× 1 worker where cores allow' : undefined });
  }
  const sqliteAccepts = await sqlite('api');
  rows.push({ name: 'porm SQLite durable accepts', processes: '1 api', rate: sqliteAccepts, note: `${(sqliteAccepts / bare.rate).toFixed(3)}× bare Fastify` });
  const sqliteE2e = await sqlite('all');
  rows.push({ name: 'porm SQLite end to end', processes: '1 (porm start)', rate: sqliteE2e, baseline: { name: 'PostgreSQL 1 worker', rate: oneWorker[0]! } });

  console.log(`\n${messages} messages per figure, ${connections} client connections, load generator on the same machine; ${cores} cores shared by every process of a run (load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end)`);
  console.log(`${'figure'.padEnd(34)} ${'processes'.padEnd(28)} ${'msgs/s'.padStart(9)}   ratio`);
  for (const r of rows) {
    const ratio = r.baseline ? `${(r.rate / r.baseline.rate).toFixed(3)}× ${r.baseline.name}` : '';
    console.log(`${r.name.padEnd(34)} ${r.processes.padEnd(28)} ${r.rate.toFixed(0).padStart(9)}   ${ratio}${r.note ? `${ratio ? '; ' : ''}${r.note}` : ''}`);
  }
}

await main();
