// npm run bench -- pipeline-sms [--messages N] [--connections N] [--config FILE] [--sms-only]
// Pushes N SMS (default 20,000) through POST /v1/messages to `delivered` end to end, and, in the
// same run and the same porm, N text-only MMS (`channel: "mms"`) through the sandbox MMSC as the
// baseline: the ratio is SMS throughput over what the MMS pipeline does on this machine now.
// It needs a route serving SMS: by default porm's own default configuration (the sandbox SMSC
// once its connector is in), or --config FILE naming carriers and routes. It stops, saying so,
// when a text message is not accepted as SMS. --sms-only skips the MMS baseline (for profiling
// the SMS path on its own; no ratio is printed then).
// A second baseline, first in the run: the same N requests, same clients, against a bare Fastify
// route that parses the JSON and answers 201 (bench/support/bare-fastify.ts) and does nothing
// else. No pipeline behind one HTTP server process can accept faster than that on this machine,
// so it is the ceiling to read the 3,000/s goal against.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import autocannon from 'autocannon';
import { freePort, startChild, stopChild } from './support/processes.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const configArg = args.indexOf('--config') >= 0 ? args[args.indexOf('--config') + 1] : undefined;
const total = flag('messages', 20_000);
const smsOnly = args.includes('--sms-only');
const connections = flag('connections', 64);
const KEY = 'porm_bench_0123456789abcdefghijklmnopqrstu';
const headers = { 'content-type': 'application/json', authorization: `Bearer ${KEY}` };

interface Run { accepted: number; delivered: number; seconds: number }

/** Sends `total` copies of `body` and waits until every accepted one with that `from` is delivered. */
async function run(url: string, dbPath: string, from: string, extra: Record<string, unknown>): Promise<Run> {
  const body = JSON.stringify({ to: '+14155550100', from, body: 'pipeline bench: your code is 123456', ...extra });
  const started = performance.now();
  const result = await autocannon({ url: `${url}/v1/messages`, method: 'POST', connections, pipelining: 1, amount: total, headers, body });
  const accepted = result['2xx'];
  const db = new Database(dbPath, { readonly: true });
  const count = db.prepare(`select count(*) as n from messages where status = 'delivered' and from_number = ?`);
  let delivered = 0;
  while (delivered < accepted) {
    await new Promise((r) => setTimeout(r, 50));
    delivered = (count.get(from) as { n: number }).n;
    if (performance.now() - started > 600_000) throw new Error(`only ${delivered} of ${accepted} delivered after 10 minutes`);
  }
  db.close();
  return { accepted, delivered, seconds: (performance.now() - started) / 1000 };
}

/** Requests per second a bare Fastify route answers with the same clients and body. */
async function bareFastify(): Promise<number> {
  const port = await freePort();
  const bare = await startChild(['--import', 'tsx', 'bench/support/bare-fastify.ts', String(port)], {}, `http://127.0.0.1:${port}/`);
  try {
    const body = JSON.stringify({ to: '+14155550100', from: '+14155550191', body: 'pipeline bench: your code is 123456' });
    const started = performance.now();
    const result = await autocannon({ url: `http://127.0.0.1:${port}/v1/messages`, method: 'POST', connections, pipelining: 1, amount: total, headers, body });
    return result['2xx'] / ((performance.now() - started) / 1000);
  } finally {
    await stopChild(bare);
  }
}

async function main(): Promise<void> {
  const bareRate = smsOnly ? null : await bareFastify();
  const dataDir = mkdtempSync(join(tmpdir(), 'porm-bench-pipeline-sms-'));
  const configFile = join(dataDir, 'porm.json');
  writeFileSync(configFile, configArg ? readFileSync(configArg, 'utf8') : '{}');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const porm = await startChild(['bin/porm.js', 'start', '--data', join(dataDir, 'porm'), '--port', String(port)],
    { PORM_API_KEY: KEY, PORM_LOG_LEVEL: 'warn', PORM_CONFIG: configFile, PORM_SANDBOX_DELIVERY_DELAY_MS: '0' }, `${url}/healthz`, 120_000);
  try {
    const probe = await fetch(`${url}/v1/messages`, { method: 'POST', headers, body: JSON.stringify({ to: '+14155550100', from: '+14155550190', body: 'probe' }) });
    const probed = (await probe.json()) as { channel?: string };
    if (probe.status !== 201 || probed.channel !== 'sms') {
      console.error(`no route serves SMS in this configuration (a text was accepted as ${probed.channel ?? `HTTP ${probe.status}`}): this benchmark needs the sandbox SMSC or an SMS carrier (--config FILE)`);
      process.exitCode = 2;
      return;
    }
    const dbPath = join(dataDir, 'porm', 'porm.db');
    const sms = await run(url, dbPath, '+14155550191', {});
    const smsRate = sms.delivered / sms.seconds;
    if (smsOnly) {
      console.log(`${total} messages, ${connections} concurrent API clients, sandbox report delays 0`);
      console.log(`SMS: accepted ${sms.accepted}, all delivered after ${sms.seconds.toFixed(1)} s`);
      console.log(`porm SMS end to end              ${smsRate.toFixed(0).padStart(8)} messages/s`);
      return;
    }
    const mms = await run(url, dbPath, '+14155550192', { channel: 'mms' });
    const mmsRate = mms.delivered / mms.seconds;
    console.log(`${total} messages per run, ${connections} concurrent API clients, sandbox report delays 0`);
    console.log(`SMS: accepted ${sms.accepted}, all delivered after ${sms.seconds.toFixed(1)} s`);
    console.log(`MMS (text-only, sandbox MMSC), same porm, baseline: accepted ${mms.accepted}, delivered after ${mms.seconds.toFixed(1)} s`);
    console.log(`porm MMS end to end (baseline)   ${mmsRate.toFixed(0).padStart(8)} messages/s`);
    console.log(`porm SMS end to end              ${smsRate.toFixed(0).padStart(8)} messages/s`);
    console.log(`bare Fastify, accept only (ceiling) ${bareRate!.toFixed(0).padStart(6)} requests/s`);
    console.log(`ratio: ${(smsRate / mmsRate).toFixed(3)}× the MMS pipeline, ${(smsRate / bareRate!).toFixed(3)}× a bare HTTP accept; goal ≥ 3,000 SMS/s end to end`);
  } finally {
    await stopChild(porm);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
