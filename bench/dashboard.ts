// npm run bench -- dashboard [--messages N] [--requests N]
// Server time of the dashboard's messages list (a keyset page at a random depth), a filtered
// search and a message page, against the same queries through /v1 in the same run, with
// --messages (default 1,000,000) made-up messages written straight into a fresh SQLite database
// (bench/support/synthetic-messages.ts). Issue #17's goal: p95 ≤ 50 ms and ≤ 1.5× the API's.
// Times are round trips on loopback to a porm --role api child (nothing else running in it),
// measured one request at a time, so they are the server's time plus a constant.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freePort, startChild, stopChild } from './support/processes.ts';
import { syntheticMessage, type SyntheticOptions } from './support/synthetic-messages.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} takes a positive integer`);
  return v;
};
const MESSAGES = flag('messages', 1_000_000);
const REQUESTS = flag('requests', 300);
const KEY = 'porm_bench_0123456789abcdefghijklmnopqrstu';
const CAMPAIGN = 'cmp_01jd0000000000000000000000';
const TEMPLATE = 'tpl_01jd0000000000000000000000';

function seed(dataDir: string): { accountId: string; ids: string[] } {
  const db = new Database(join(dataDir, 'porm.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const { id: accountId } = db.prepare('select id from accounts order by id limit 1').get() as { id: string };
    // A message every 5 seconds up to now: a million of them span about two months.
    const o: SyntheticOptions = { accountId, endAt: Date.now() - 60_000, stepMs: 5_000, count: MESSAGES, templateIds: [TEMPLATE], campaignIds: [CAMPAIGN] };
    const first = syntheticMessage(0, o);
    const insert = (table: string, row: object) => db.prepare(`insert into ${table} (${Object.keys(row).join(', ')}) values (${Object.keys(row).map(() => '?').join(', ')})`);
    const message = insert('messages', first.message);
    const event = insert('message_events', first.events[0]!);
    // A campaign reaches a number once; past ~100,000 messages the made-up numbers repeat, so a repeat
    // keeps its message (found by campaign through messages.campaign_id) without a second recipient row.
    const recipient = db.prepare("insert or ignore into campaign_recipients (campaign_id, contact_id, account_id, phone, message_id, status, reason, created_at, variant) values (?, ?, ?, ?, ?, 'queued', null, ?, null)");
    const ids: string[] = [];
    const started = performance.now();
    const chunk = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const m = syntheticMessage(i, o);
        message.run(...Object.values(m.message));
        for (const e of m.events) event.run(...Object.values(e));
        if (m.campaignId) recipient.run(m.campaignId, `con_${m.message.id.slice(4)}`, accountId, m.message.to_number, m.message.id, m.message.created_at);
        if (i % Math.max(1, Math.floor(MESSAGES / 1000)) === 0) ids.push(m.message.id);
      }
    });
    for (let i = 0; i < MESSAGES; i += 50_000) chunk(i, Math.min(MESSAGES, i + 50_000));
    db.exec('analyze');
    db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`seeded ${MESSAGES.toLocaleString('en')} messages (${(MESSAGES * 4).toLocaleString('en')} events) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { accountId, ids };
  } finally {
    db.close();
  }
}

/** A signed-in dashboard session: an invitation from the CLI, accepted over HTTP like a browser. */
async function session(url: string, dataDir: string): Promise<string> {
  const out = execFileSync(process.execPath, ['bin/porm.js', 'users', 'invite', 'bench@example.com', '--role', 'admin', '--json', '--data', dataDir], { encoding: 'utf8' });
  const link = (JSON.parse(out) as { link: string }).link;
  const path = new URL(link).pathname;
  const page = await fetch(`${url}${path}`);
  const pre = page.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const done = await fetch(`${url}${path}`, {
    method: 'POST', redirect: 'manual', headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, name: 'Bench', password: 'correct horse battery staple' }).toString(),
  });
  const cookie = done.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('porm_session='));
  if (done.status !== 303 || !cookie) throw new Error(`dashboard sign-in failed: ${done.status}`);
  return cookie;
}

const pct = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** `REQUESTS` sequential requests (after 20 to warm up); p50 and p95 in ms. */
async function time(paths: (i: number) => string, headers: Record<string, string>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = -20; i < REQUESTS; i++) {
    const path = paths(i < 0 ? -i : i);
    const start = performance.now();
    const res = await fetch(path, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    if (i >= 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 0.5), p95: pct(times, 0.95) };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'porm-bench-dashboard-'));
  const env = { PORM_API_KEY: KEY, PORM_LOG_LEVEL: 'warn' };
  try {
    let port = await freePort();
    const setup = await startChild(['bin/porm.js', 'start', '--data', dataDir, '--port', String(port), '--role', 'api'], env, `http://127.0.0.1:${port}/healthz`, 180_000);
    await stopChild(setup);
    const { ids } = seed(dataDir);
    port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const porm = await startChild(['bin/porm.js', 'start', '--data', dataDir, '--port', String(port), '--role', 'api'], env, `${url}/healthz`, 180_000);
    try {
      const cookie = await session(url, dataDir);
      const dash = { cookie };
      const api = { authorization: `Bearer ${KEY}` };
      const pick = (i: number) => ids[(i * 7919) % ids.length]!;
      const cursor = (i: number) => Buffer.from(pick(i)).toString('base64url');
      const cases: Array<{ name: string; dashboard: (i: number) => string; v1?: (i: number) => string }> = [
        { name: 'messages list (page at a random depth)', dashboard: (i) => `${url}/dashboard/messages?cursor=${cursor(i)}`, v1: (i) => `${url}/v1/messages?limit=50&cursor=${cursor(i)}` },
        { name: 'search: status=failed, from a number', dashboard: (i) => `${url}/dashboard/messages?status=failed&from=%2B14155550198&cursor=${cursor(i)}`, v1: (i) => `${url}/v1/messages?limit=50&status=failed&from=%2B14155550198&cursor=${cursor(i)}` },
        { name: 'message page', dashboard: (i) => `${url}/dashboard/messages/${pick(i)}`, v1: (i) => `${url}/v1/messages/${pick(i)}` },
        { name: 'search: error code (dashboard only)', dashboard: (i) => `${url}/dashboard/messages?error=PORM_CARRIER_REJECTED&cursor=${cursor(i)}` },
        { name: 'search: campaign (dashboard only)', dashboard: (i) => `${url}/dashboard/messages?campaign=${CAMPAIGN}&cursor=${cursor(i)}` },
        { name: 'search: one UTC day (dashboard only)', dashboard: (i) => { const d = new Date(Date.now() - (i % 30) * 86_400_000).toISOString().slice(0, 10); return `${url}/dashboard/messages?since=${d}&until=${d}`; } },
      ];
      console.log(`${MESSAGES.toLocaleString('en')} messages, ${REQUESTS} requests each, one at a time (ms)`);
      console.log(`${'query'.padEnd(42)} ${'dashboard p50'.padStart(13)} ${'p95'.padStart(7)}   ${'/v1 p50'.padStart(8)} ${'p95'.padStart(7)}   p95 ratio  goal`);
      for (const c of cases) {
        const d = await time(c.dashboard, dash);
        const v = c.v1 ? await time(c.v1, api) : undefined;
        const ratio = v ? d.p95 / v.p95 : undefined;
        const goal = d.p95 <= 50 && (ratio === undefined || ratio <= 1.5) ? 'met' : 'missed';
        console.log(`${c.name.padEnd(42)} ${d.p50.toFixed(1).padStart(13)} ${d.p95.toFixed(1).padStart(7)}   ${(v ? v.p50.toFixed(1) : '—').padStart(8)} ${(v ? v.p95.toFixed(1) : '—').padStart(7)}   ${(ratio === undefined ? '—' : `${ratio.toFixed(2)}×`).padStart(9)}  ${goal}`);
      }
    } finally {
      await stopChild(porm);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
