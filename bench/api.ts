// npm run bench -- api [--seconds N] [--connections N]
// Accepted durable sends per second and latency of POST /v1/messages on porm's embedded
// defaults (SQLite, synchronous=FULL, group commit, workers and sandbox running), against a
// bare Fastify route parsing the same JSON, measured in the same run on the same machine.
// The Twilio-compatible surface (form body, Basic auth) is measured on the same api-role server
// right after /v1, with the same message, and reported as a ratio to it (goal ≥ 0.8×).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort, startChild, stopChild } from './support/processes.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = flag('seconds', 10);
const connections = flag('connections', 64);
const KEY = 'porm_bench_0123456789abcdefghijklmnopqrstu';
const body = JSON.stringify({ to: '+14155550100', from: '+14155550199', body: 'Your order #1234 has shipped! Track it at https://example.com/t/1234', metadata: { order: 1234 } });

interface Figures { rps: number; p50: number; p99: number; non2xx: number; errors: number }

const twilioBody = new URLSearchParams({ To: '+14155550100', From: '+14155550199', Body: 'Your order #1234 has shipped! Track it at https://example.com/t/1234' }).toString();

async function load(url: string, headers: Record<string, string>, request = { path: '/v1/messages', type: 'application/json', body }): Promise<Figures> {
  const run = (duration: number) => autocannon({
    url: `${url}${request.path}`, method: 'POST', connections, pipelining: 1, duration,
    headers: { 'content-type': request.type, ...headers }, body: request.body,
  });
  await run(2); // warm-up: JIT, caches, first WAL growth
  const result = await run(seconds);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function main(): Promise<void> {
  const barePort = await freePort();
  const bare = await startChild(['--import', 'tsx', 'bench/support/bare-fastify.ts', String(barePort)], {}, `http://127.0.0.1:${barePort}/`);
  const baseline = await load(`http://127.0.0.1:${barePort}`, {});
  await stopChild(bare);

  const embedded = await measurePorm('all');
  const apiOnly = await measurePorm('api');
  const twilio = apiOnly.twilio!;

  const row = (name: string, f: Figures) => `${name.padEnd(40)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   non-2xx ${f.non2xx}  errors ${f.errors}`;
  console.log(`POST /v1/messages, ${connections} connections, ${seconds} s after a 2 s warm-up, no pipelining, load generator on the same machine`);
  console.log(row('bare Fastify (parse JSON, 201)', baseline));
  console.log(row('porm --role api (durable accept only)', apiOnly));
  console.log(row('porm start (accept + workers + sandbox)', embedded));
  console.log(row('porm --role api, Twilio surface (form)', twilio));
  console.log(`ratio, api role: ${(apiOnly.rps / baseline.rps).toFixed(3)}× the bare route (goal ≥ 0.25×), p99 ${apiOnly.p99} ms (goal < 50 ms)`);
  console.log(`ratio, Twilio surface: ${(twilio.rps / apiOnly.rps).toFixed(3)}× /v1 creates on the same server (POST /2010-04-01/…/Messages.json, form body, Basic auth; goal ≥ 0.8×)`);
  console.log(`ratio, embedded: ${(embedded.rps / baseline.rps).toFixed(3)}× the bare route, p99 ${embedded.p99} ms (the same core also sends every accepted message)`);
}

/** porm on SQLite (synchronous=FULL, group commit) in a child process with a fresh data dir. */
async function measurePorm(role: 'all' | 'api'): Promise<Figures & { twilio?: Figures }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'porm-bench-api-'));
  const port = await freePort();
  const porm = await startChild(['bin/porm.js', 'start', '--data', dataDir, '--port', String(port), '--role', role], { PORM_API_KEY: KEY, PORM_LOG_LEVEL: 'warn' }, `http://127.0.0.1:${port}/healthz`);
  try {
    const v1 = await load(`http://127.0.0.1:${port}`, { authorization: `Bearer ${KEY}` });
    if (role !== 'api') return v1;
    // The bootstrapped account's Twilio credentials, made (and the token shown once) by the CLI.
    const creds = JSON.parse(execFileSync(process.execPath, ['bin/porm.js', 'accounts', 'twilio', 'show', '--json', '--data', dataDir], { encoding: 'utf8' })) as { account_sid: string; auth_token: string };
    const basic = `Basic ${Buffer.from(`${creds.account_sid}:${creds.auth_token}`).toString('base64')}`;
    const twilio = await load(`http://127.0.0.1:${port}`, { authorization: basic }, { path: `/2010-04-01/Accounts/${creds.account_sid}/Messages.json`, type: 'application/x-www-form-urlencoded', body: twilioBody });
    return { ...v1, twilio };
  } finally {
    await stopChild(porm);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
