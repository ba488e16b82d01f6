// The campaign benchmark's program (issue #15), run by bench/campaign.ts compiled as porm is
// (scripts/build.js --entry), in a node process of its own: so the memory it reports is that of
// one embedded porm doing all the work, as `porm start` runs it, and not that of tsx compiling
// TypeScript beside it. It starts porm in this process (SQLite, synchronous=FULL, group commit,
// workers and both sandbox carriers with no report delay) with the heap growth `porm start` sets,
// then measures:
//   (a) N contacts imported into a list from the CSV the launcher generated, through porm's import service;
//   (b) a campaign to that list, fanned out through SendService.sendIn (the compliance checks)
//       into the send queue, the sandboxes sending meanwhile, until every message is delivered;
//   (c) the baseline, measured in the same run on the same database just before the campaign:
//       --sample plain sends (default min(N, 100,000)) through SendService.send, the path
//       POST /v1/messages takes after its HTTP layer, 64 in flight as 64 API clients would keep,
//       with the same sender, category, and personalised bodies, to the same contacts.
// The baseline is called in process rather than over HTTP so that both sides pay the same costs
// except the campaign's own (audience query, merge fields, recipient rows, batching, pacing):
// over HTTP, the baseline would also pay Fastify, JSON and auth, which the fan-out never does,
// and the ratio would flatter the campaign. Absolute figures on a shared machine mean little;
// watch the ratios.
//   node campaign-run.js CSV DIR [--contacts N] [--sample N] [--rate N]
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startPorm, type Porm } from '../../src/main.ts';
import { MAX_RATE } from '../../src/campaigns/campaign-service.ts';
import { FINAL_STATUSES } from '../../src/messages/status.ts';
import { defaultProgramId } from '../../src/compliance/programs/program-store.ts';
import { tuneHeapGrowth } from '../../src/runtime/heap-growth.ts';
import { numberFor } from './contacts-csv.ts';

const [fileArg, dirArg, ...args] = process.argv.slice(2);
if (!fileArg || !dirArg) throw new Error('usage: campaign-run.js CSV DIR [--contacts N] [--sample N] [--rate N]');
const file: string = fileArg;
const dir: string = dirArg;
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive integer`);
  return value;
};
const CONTACTS = flag('contacts', 1_000_000);
const SAMPLE = Math.min(CONTACTS, flag('sample', Math.min(CONTACTS, 100_000)));
const RATE = flag('rate', MAX_RATE);
const IN_FLIGHT = 64;
const FROM = '+14155550199';
const BODY = 'Hi {{ contact.name }}, {{ contact.attributes.plan }} members save 20% this weekend';
const bodyFor = (i: number): string => `Hi Person ${i}, ${i % 2 === 0 ? 'gold' : 'silver'} members save 20% this weekend`;
const GOALS = { importRate: 50_000, fanoutRate: 20_000, peakMb: 400, overhead: 1.3 };

/** This process's peak RSS since it started, as the kernel counts it (no sample can miss a spike). */
const highWaterMb = (): number => Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN) / 1024;

/** Peak RSS of this process, sampled every 50 ms; `phase()` starts a phase's own peak. */
class RssSampler {
  private overall = process.memoryUsage.rss();
  private current = this.overall;
  /** Peak V8 heap in use, to tell live JS memory from what the allocator merely keeps. */
  heapMb = 0;
  private readonly timer = setInterval(() => this.sample(), 50);
  sample(): void {
    const rss = process.memoryUsage.rss();
    this.overall = Math.max(this.overall, rss);
    this.current = Math.max(this.current, rss);
    this.heapMb = Math.max(this.heapMb, process.memoryUsage().heapUsed / 1024 / 1024);
  }
  phase(): () => number {
    this.sample();
    this.current = process.memoryUsage.rss();
    return () => {
      this.sample();
      return this.current / 1024 / 1024;
    };
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.overall / 1024 / 1024;
  }
}

const seconds = (from: number): number => (performance.now() - from) / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Messages in a final status (delivered, or the sandbox's occasional simulated failure). */
async function delivered(porm: Porm): Promise<number> {
  const row = await porm.services.store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', [...FINAL_STATUSES]).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Resolves when `target` messages are final in all, polling every `everyMs`. */
async function deliveredAll(porm: Porm, target: number, everyMs = 500): Promise<void> {
  const deadline = performance.now() + 3_600_000;
  while ((await delivered(porm)) < target) {
    if (performance.now() > deadline) throw new Error(`only ${await delivered(porm)} of ${target} delivered after an hour`);
    await sleep(everyMs);
  }
}

interface Figures { seconds: number; peakMb: number }

async function main(): Promise<void> {
  tuneHeapGrowth(process.env.NODE_OPTIONS);
  console.log(`${CONTACTS.toLocaleString('en-US')} contacts generated; baseline sample ${SAMPLE.toLocaleString('en-US')}; campaign send_rate ${RATE.toLocaleString('en-US')}/s`);
  const config = loadConfig({ data: join(dir, 'porm'), port: 0 }, {
    ...process.env, PORM_LOG_LEVEL: 'warn', PORM_SANDBOX_DELIVERY_DELAY_MS: '0', PORM_API_KEY: 'porm_bench_0123456789abcdefghijklmnopqrstu',
  });
  const rss = new RssSampler();
  const porm = await startPorm(config, createLogger(config));
  const startedMb = process.memoryUsage.rss() / 1024 / 1024;
  const accountId = porm.bootstrap.accountId;
  const { contacts, campaigns } = porm.services;
  try {
    // Quiet hours open all day (and no state rules), so that no marketing message of the bench is held
    // for the recipient's morning whatever the hour of the run: the checks still run for each one.
    await porm.services.compliance.programs.update(accountId, defaultProgramId(accountId), { settings: { quiet_hours: { start: '00:00', end: '23:59', state_rules: false } } });
    // (a) the import, into the list the campaign goes to.
    const list = await contacts.lists.create(accountId, { name: 'everyone' });
    let peak = rss.phase();
    let started = performance.now();
    const created = await contacts.imports.create(accountId, 'contacts.csv', { columns: { plan: 'attributes.plan' }, listId: list.id });
    const ended = await contacts.imports.run(accountId, created.id, createReadStream(file, { highWaterMark: 256 * 1024 }));
    if (ended.status !== 'completed' || ended.created !== CONTACTS) throw new Error(`import ended ${ended.status}: ${JSON.stringify(ended)}`);
    const imported: Figures = { seconds: seconds(started), peakMb: peak() };

    // (c) the baseline first, so the campaign runs on the larger database: plain sends, IN_FLIGHT at a time.
    peak = rss.phase();
    started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < SAMPLE) {
        const i = next++;
        await porm.services.send.send({ accountId, to: numberFor(i), from: FROM, body: bodyFor(i), category: 'marketing', metadata: { campaign_id: 'cmp_baseline000000000000000000' } });
      }
    }));
    const plainAccepted = seconds(started);
    await deliveredAll(porm, SAMPLE);
    const plain: Figures & { accepted: number } = { seconds: seconds(started), accepted: plainAccepted, peakMb: peak() };

    // (b) the campaign: created (the fan-out starts at once), queued in full, then delivered in full.
    peak = rss.phase();
    started = performance.now();
    const campaign = await campaigns.create(accountId, { name: 'bench', audience: { lists: [list.id] }, body: BODY, from: FROM, category: 'marketing', sendRate: RATE });
    for (;;) {
      const now = await campaigns.get(accountId, campaign.id);
      if (now.status === 'completed') break;
      if (now.status !== 'sending' && now.status !== 'scheduled') throw new Error(`campaign ended ${now.status}`);
      await sleep(100);
    }
    const fannedOut = seconds(started);
    const stats = await campaigns.stats(accountId, campaign.id);
    if (stats.recipients !== CONTACTS) throw new Error(`${stats.recipients} recipients of ${CONTACTS}: ${JSON.stringify(stats)}`);
    await deliveredAll(porm, SAMPLE + stats.queued);
    const fanout: Figures & { queued: number; recipients: number; fannedOut: number } = { seconds: seconds(started), fannedOut, queued: stats.queued, recipients: stats.recipients, peakMb: peak() };

    const overall = rss.stop();
    const rate = (n: number, s: number): string => Math.round(n / s).toLocaleString('en-US').padStart(10);
    const mb = (m: number): string => `${m.toFixed(0).padStart(5)} MB`;
    console.log(`(a) import into a list                      ${rate(CONTACTS, imported.seconds)} rows/s           peak RSS ${mb(imported.peakMb)}   goal ≥ ${GOALS.importRate.toLocaleString('en-US')} rows/s`);
    console.log(`(b) campaign fan-out into the queue         ${rate(fanout.recipients, fanout.fannedOut)} recipients/s     (${fanout.queued.toLocaleString('en-US')} queued, ${(fanout.recipients - fanout.queued).toLocaleString('en-US')} excluded, ${fanout.fannedOut.toFixed(1)} s)   goal ≥ ${GOALS.fanoutRate.toLocaleString('en-US')} recipients/s`);
    console.log(`    campaign end to end (→ delivered)       ${rate(fanout.queued, fanout.seconds)} messages/s       peak RSS ${mb(fanout.peakMb)}   (${fanout.seconds.toFixed(1)} s)`);
    console.log(`(c) plain sends into the queue (baseline)   ${rate(SAMPLE, plain.accepted)} messages/s       (${SAMPLE.toLocaleString('en-US')} SendService.send, ${IN_FLIGHT} in flight)`);
    console.log(`    plain sends end to end (→ delivered)    ${rate(SAMPLE, plain.seconds)} messages/s       peak RSS ${mb(plain.peakMb)}`);
    const perMessage = (s: number, n: number): number => s / n;
    const intoQueue = perMessage(fanout.fannedOut, fanout.recipients) / perMessage(plain.accepted, SAMPLE);
    const endToEnd = perMessage(fanout.seconds, fanout.queued) / perMessage(plain.seconds, SAMPLE);
    console.log(`overhead per message, campaign / plain sends: end to end ${endToEnd.toFixed(2)}×, into the queue ${intoQueue.toFixed(2)}×   (goal ≤ ${GOALS.overhead}×)`);
    console.log(`peak RSS of the porm process, whole run: ${Math.max(overall, highWaterMb()).toFixed(0)} MB   (goal ≤ ${GOALS.peakMb} MB; ${startedMb.toFixed(0)} MB once started, peak JS heap in use ${rss.heapMb.toFixed(0)} MB)`);
  } finally {
    rss.stop();
    await porm.close();
  }
}

await main();
