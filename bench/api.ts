// npm run bench -- api [--seconds N] [--connections N] [--suppressed N] [--rounds N] [--only compliance]
// Accepted durable sends per second and latency of POST /v1/messages on porm's embedded
// defaults (SQLite, synchronous=FULL, group commit, workers and sandbox running), against a
// bare Fastify route parsing the same JSON, measured in the same run on the same machine.
// The Twilio-compatible surface (form body, Basic auth) is measured on the same api-role server
// right after /v1, with the same message, and reported as a ratio to it (goal ≥ 0.8×).
// Compliance: marketing accepts on the api role against a program that requires consent, with a
// suppression list of --suppressed numbers (1 million by default, seeded through SQL) and an opt-in on
// record for every recipient, with the checks on and then off (compliance.enforce: false) on the
// same data directory, in --rounds alternated rounds, reported as a ratio (goal ≥ 0.9×: the
// checks cost at most 10 %).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort, startChild, stopChild } from './support/processes.ts';
import { seedCompliance } from './support/compliance-seed.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = flag('seconds', 10);
const connections = flag('connections', 64);
const suppressed = flag('suppressed', 1_000_000);
const rounds = Math.max(1, flag('rounds', 2));
const KEY = 'porm_bench_0123456789abcdefghijklmnopqrstu';
const body = JSON.stringify({ to: '+14155550100', from: '+14155550199', body: 'Your order #1234 has shipped! Track it at https://example.com/t/1234', metadata: { order: 1234 } });

interface Figures { rps: number; p50: number; p99: number; non2xx: number; errors: number }

const twilioBody = new URLSearchParams({ To: '+14155550100', From: '+14155550199', Body: 'Your order #1234 has shipped! Track it at https://example.com/t/1234' }).toString();

function meanOf(runs: readonly Figures[]): Figures {
  const mean = (pick: (f: Figures) => number): number => runs.reduce((sum, f) => sum + pick(f), 0) / runs.length;
  return { rps: mean((f) => f.rps), p50: mean((f) => f.p50), p99: Math.max(...runs.map((f) => f.p99)), non2xx: mean((f) => f.non2xx) * runs.length, errors: mean((f) => f.errors) * runs.length };
}

/** One request shape; `bodies` rotates the body per request (the compliance line's recipients). */
interface Shape { path: string; type: string; body: string; bodies?: readonly string[] }

async function load(url: string, headers: Record<string, string>, request: Shape = { path: '/v1/messages', type: 'application/json', body }): Promise<Figures> {
  let next = 0;
  const rotate = request.bodies;
  const run = (duration: number) => autocannon({
    url: `${url}${request.path}`, method: 'POST', connections, pipelining: 1, duration,
    headers: { 'content-type': request.type, ...headers }, body: request.body,
    ...(rotate ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: rotate[next++ % rotate.length]! }) }] } : {}),
  });
  await run(2); // warm-up: JIT, caches, first WAL growth
  const result = await run(seconds);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

const row = (name: string, f: Figures) => `${name.padEnd(40)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   non-2xx ${f.non2xx}  errors ${f.errors}`;

function printCompliance(compliance: { on: Figures; off: Figures; recipients: number }): void {
  console.log(row('porm --role api, marketing, compliance on', compliance.on));
  console.log(row('porm --role api, marketing, compliance off', compliance.off));
  console.log(`ratio, compliance: ${(compliance.on.rps / compliance.off.rps).toFixed(3)}× the same accepts with compliance.enforce off (${suppressed.toLocaleString('en-US')} suppressed numbers, consent required and on record for ${compliance.recipients} recipients; goal ≥ 0.9×)`);
}

async function main(): Promise<void> {
  if (args.includes('--only') && args[args.indexOf('--only') + 1] === 'compliance') {
    console.log(`POST /v1/messages, ${connections} connections, ${seconds} s after a 2 s warm-up, no pipelining, load generator on the same machine`);
    return printCompliance(await measureCompliance());
  }
  const barePort = await freePort();
  const bare = await startChild(['--import', 'tsx', 'bench/support/bare-fastify.ts', String(barePort)], {}, `http://127.0.0.1:${barePort}/`);
  const baseline = await load(`http://127.0.0.1:${barePort}`, {});
  await stopChild(bare);

  const embedded = await measurePorm('all');
  const apiOnly = await measurePorm('api');
  const twilio = apiOnly.twilio!;
  const compliance = await measureCompliance();

  console.log(`POST /v1/messages, ${connections} connections, ${seconds} s after a 2 s warm-up, no pipelining, load generator on the same machine`);
  console.log(row('bare Fastify (parse JSON, 201)', baseline));
  console.log(row('porm --role api (durable accept only)', apiOnly));
  console.log(row('porm start (accept + workers + sandbox)', embedded));
  console.log(row('porm --role api, Twilio surface (form)', twilio));
  printCompliance(compliance);
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

/**
 * The compliance line: one data directory, prepared through the API (a program requiring consent
 * for marketing, the sender number in it) and then seeded through SQL while porm is stopped; then
 * the same load with compliance on and off (PORM_COMPLIANCE_ENFORCE=false), a fresh start each.
 */
async function measureCompliance(): Promise<{ on: Figures; off: Figures; recipients: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'porm-bench-compliance-'));
  const recipients = Array.from({ length: 100 }, (_, i) => `+1415555${String(100 + i).padStart(4, '0')}`);
  const from = '+14155550199';
  const bodies = recipients.map((to) => JSON.stringify({ to, from, body: 'Flash sale! 50% off everything this weekend at https://example.com/sale', category: 'marketing' }));
  const start = async (env: Record<string, string>) => {
    const port = await freePort();
    const child = await startChild(['bin/porm.js', 'start', '--data', dataDir, '--port', String(port), '--role', 'api'], { PORM_API_KEY: KEY, PORM_LOG_LEVEL: 'warn', ...env }, `http://127.0.0.1:${port}/healthz`);
    return { child, url: `http://127.0.0.1:${port}` };
  };
  try {
    const setup = await start({});
    const api = async (method: string, path: string, payload: unknown): Promise<Record<string, unknown>> => {
      const res = await fetch(`${setup.url}${path}`, { method, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const program = await api('POST', '/v1/programs', { name: 'weekly deals', settings: { require_consent_for_marketing: true } });
    const number = await api('POST', '/v1/numbers', { number: from });
    await api('PATCH', `/v1/numbers/${String(number.id)}`, { program_id: program.id });
    await stopChild(setup.child);
    seedCompliance({ dataDir, programId: String(program.id), recipients, suppressed });
    const measure = async (env: Record<string, string>): Promise<Figures> => {
      const porm = await start(env);
      try {
        return await load(porm.url, { authorization: `Bearer ${KEY}` }, { path: '/v1/messages', type: 'application/json', body: bodies[0]!, bodies });
      } finally {
        await stopChild(porm.child);
      }
    };
    // Alternated rounds (on, off, then off, on, …), so neither mode always runs on the larger
    // database or in the quieter moment of a shared machine; the figures are the rounds' means.
    const on: Figures[] = [];
    const off: Figures[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const enforce of round % 2 === 0 ? [true, false] : [false, true]) {
        (enforce ? on : off).push(await measure(enforce ? {} : { PORM_COMPLIANCE_ENFORCE: 'false' }));
      }
    }
    return { on: meanOf(on), off: meanOf(off), recipients: recipients.length };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
