import { sql, type QueryResult } from 'kysely';
import { systemClock, type Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import { LeaseLostError, type Job, type JobKind, type JobPayloads, type JobQueue, type Lease, type NewJob } from './queue.ts';
import type { JobOutcome } from './outcome.ts';
import { rowsTemplate } from '../store/rows-template.ts';
import { queryTemplate } from '../store/query-template.ts';
import { crashHeld, deleteHeld, insertJob, renewHeld, rescheduleHeld } from './job-sql.ts';
import type { Notifier } from '../notify/notifier.ts';
import { Coalescer } from '../notify/coalesce.ts';

const ENQUEUE_CHUNK = 500;
/** At most one "jobs enqueued" notification per this long per process (NOTIFY serialises commits). */
export const JOBS_NOTIFY_WINDOW_MS = 20;

/** New jobs, many in one statement (compiled once per row count: rows-template.ts). */
const insertJobs = rowsTemplate<{ kind: string; payload_json: string; run_at: number; created_at: number }>(['kind', 'payload_json', 'run_at', 'created_at'], (db, rows) =>
  db.insertInto('jobs').values(rows.map((r) => ({ ...r, attempts: 0, locked_by: null, locked_until: null, last_error: null }))));

type ClaimedRow = { id: number; kind: string; payload_json: string; attempts: number; crashes: number; run_at: number };
type ClaimStatement = (db: Db, params: Record<string, unknown>) => Promise<QueryResult<ClaimedRow>>;
const claimTemplates = new Map<string, ClaimStatement>();

/**
 * The claim statement for `kindCount` kinds (parameters kind0…), built once per kind count and
 * engine (query-template.ts): a pool claims with the same kinds every time, and Kysely building
 * the statement anew for each claim showed in the pipeline-sms profile.
 * PostgreSQL locks the subquery's rows `FOR UPDATE SKIP LOCKED` (Store.skipLockedClaims). The
 * outer UPDATE repeats the "not leased" condition so that, even where another claimer raced us to
 * a row (READ COMMITTED re-checks it on the newest version), a row is only ever taken by one claim.
 */
function claimTemplate(kindCount: number, skipLocked: boolean): ClaimStatement {
  const key = `${kindCount}:${skipLocked}`;
  let claim = claimTemplates.get(key);
  if (!claim) {
    claim = queryTemplate<Record<string, unknown>, ClaimedRow>((db, p) => {
      const now = p.now as number;
      const kinds = Array.from({ length: kindCount }, (_, i) => p[`kind${i}`] as string);
      const ready = db.selectFrom('jobs').select('id')
        .where('run_at', '<=', now)
        .where('kind', 'in', kinds)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('run_at').orderBy('id').limit(p.limit as number);
      const candidates = skipLocked ? ready.forUpdate().skipLocked() : ready;
      return db.updateTable('jobs')
        // A job still leased when claimed again was never settled: its worker died or hung in it.
        // That counts as a crash, so a job that kills its process is given up like one that throws.
        .set({ locked_by: p.workerId as string, locked_until: p.until as number, attempts: sql<number>`attempts + 1`, crashes: sql<number>`crashes + (case when locked_by is not null then 1 else 0 end)` })
        .where('id', 'in', candidates)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .returning(['id', 'kind', 'payload_json', 'attempts', 'crashes', 'run_at']);
    });
    claimTemplates.set(key, claim);
  }
  return claim;
}

/**
 * The job queue kept in the main database, on either store: a job is a row written in the
 * caller's own write unit (so a message and its job commit together). On SQLite writes go through
 * the store's group commit; on PostgreSQL a claim locks its rows FOR UPDATE SKIP LOCKED. A claim
 * is one UPDATE … RETURNING over the oldest ready jobs; every settle is fenced by the lease.
 */
export class SqlJobQueue implements JobQueue {
  private readonly listeners: Array<() => void> = [];
  private wakePending = false;
  /** Tells other processes' workers, once per window however many units enqueued (see JOBS_NOTIFY_WINDOW_MS). */
  private readonly remoteWake: Coalescer | undefined;
  private readonly notifyAfterCommit: (() => void) | undefined;
  private listeningRemote = false;

  /**
   * With a `notifier`, workers in other processes hear of jobs enqueued here right after their
   * unit commits, instead of at their next poll (which stays as the safety net).
   */
  constructor(private readonly store: Store, private readonly clock: Clock = systemClock, private readonly notifier?: Notifier) {
    if (notifier) {
      const remoteWake = new Coalescer(() => void notifier.publish('jobs', ''), JOBS_NOTIFY_WINDOW_MS);
      this.remoteWake = remoteWake;
      this.notifyAfterCommit = () => remoteWake.fire();
    }
  }

  async enqueue<K extends JobKind>(tx: Db, kind: K, payload: JobPayloads[K], runAt: number): Promise<void> {
    await insertJob(tx, { kind, payload: JSON.stringify(payload), runAt, now: this.clock.now() });
    this.scheduleWake();
    this.announce(tx);
  }

  async enqueueMany(tx: Db, jobs: readonly NewJob[]): Promise<void> {
    const now = this.clock.now();
    for (let i = 0; i < jobs.length; i += ENQUEUE_CHUNK) {
      await insertJobs(tx, jobs.slice(i, i + ENQUEUE_CHUNK).map((job) => ({ kind: job.kind, payload_json: JSON.stringify(job.payload), run_at: job.runAt, created_at: now })));
    }
    if (jobs.length > 0) {
      this.scheduleWake();
      this.announce(tx);
    }
  }

  async claim(workerId: string, kinds: readonly JobKind[], limit: number, now: number, leaseMs: number): Promise<Job[]> {
    if (limit <= 0 || kinds.length === 0) return [];
    const claim = claimTemplate(kinds.length, this.store.skipLockedClaims === true);
    const params: Record<string, unknown> = { workerId, now, until: now + leaseMs, limit };
    kinds.forEach((kind, i) => { params[`kind${i}`] = kind; });
    const rows = (await this.store.write((tx) => claim(tx, params))).rows;
    return rows
      .sort((a, b) => a.run_at - b.run_at || a.id - b.id)
      .map((r) => ({
        id: r.id, kind: r.kind as JobKind, payload: JSON.parse(r.payload_json) as JobPayloads[JobKind],
        attempts: r.attempts, crashes: r.crashes, runAt: r.run_at, lease: { jobId: r.id, workerId, token: r.attempts },
      }) as Job);
  }

  async settle(tx: Db, lease: Lease, outcome: JobOutcome): Promise<void> {
    const held = { id: lease.jobId, workerId: lease.workerId, token: lease.token };
    const result = outcome.type === 'done' || outcome.type === 'fail'
      ? await deleteHeld(tx, held)
      : await rescheduleHeld(tx, {
        ...held,
        runAt: outcome.type === 'retry' ? outcome.at : outcome.until,
        error: (outcome.type === 'retry' ? outcome.error : outcome.reason).slice(0, 2000),
      });
    if (Number(result.numAffectedRows ?? 0n) === 0) throw new LeaseLostError(lease);
    if (outcome.type === 'retry' || outcome.type === 'wait') this.scheduleWake();
  }

  async settleCrash(tx: Db, lease: Lease, runAt: number, error: string): Promise<void> {
    const result = await crashHeld(tx, { id: lease.jobId, workerId: lease.workerId, token: lease.token, runAt, error: error.slice(0, 2000) });
    if (Number(result.numAffectedRows ?? 0n) === 0) throw new LeaseLostError(lease);
    this.scheduleWake();
  }

  async renew(lease: Lease, now: number, leaseMs: number): Promise<boolean> {
    return this.store.write((tx) => this.renewIn(tx, lease, now, leaseMs));
  }

  async renewIn(tx: Db, lease: Lease, now: number, leaseMs: number): Promise<boolean> {
    const result = await renewHeld(tx, { id: lease.jobId, workerId: lease.workerId, token: lease.token, until: now + leaseMs });
    return Number(result.numAffectedRows ?? 0n) > 0;
  }

  async nextRunAt(kinds: readonly JobKind[], now: number): Promise<number | undefined> {
    const row = await this.store.db.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('next'))
      .where('kind', 'in', kinds)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .executeTakeFirst();
    return row?.next ?? undefined;
  }

  async depth(now: number): Promise<{ ready: number; scheduled: number; running: number }> {
    const row = await this.store.db.selectFrom('jobs').select([
      sql<number>`sum(case when locked_until >= ${now} then 1 else 0 end)`.as('running'),
      sql<number>`sum(case when (locked_until is null or locked_until < ${now}) and run_at <= ${now} then 1 else 0 end)`.as('ready'),
      sql<number>`sum(case when (locked_until is null or locked_until < ${now}) and run_at > ${now} then 1 else 0 end)`.as('scheduled'),
    ]).executeTakeFirst();
    return { ready: Number(row?.ready ?? 0), scheduled: Number(row?.scheduled ?? 0), running: Number(row?.running ?? 0) };
  }

  async releaseAllLeases(exceptWorkerId: string): Promise<number> {
    // Each of these runs died with the previous process: counted as a crash (see claim).
    const result = await this.store.write((tx) => tx.updateTable('jobs').set({ locked_by: null, locked_until: null, crashes: sql<number>`crashes + 1` })
      .where('locked_by', 'is not', null).where('locked_by', '!=', exceptWorkerId).executeTakeFirst());
    return Number(result.numUpdatedRows);
  }

  onEnqueue(listener: () => void): void {
    this.listeners.push(listener);
    if (this.notifier && !this.listeningRemote) {
      // Only processes with workers listen; an API process only publishes.
      this.listeningRemote = true;
      this.notifier.subscribe('jobs', () => this.scheduleWake());
      // Hints sent while our connection was down are lost: look at the queue once more.
      this.notifier.onResume(() => this.scheduleWake());
    }
  }

  /** Sends a pending "jobs enqueued" hint now (before the process exits). */
  flushNotifications(): void {
    this.remoteWake?.flush();
  }

  /**
   * Once `tx` commits, tells other processes' workers there is work. Jobs for later too: a woken
   * worker that finds nothing ready sleeps until the earliest run_at, which may now be this job's.
   */
  private announce(tx: Db): void {
    if (!this.notifyAfterCommit) return;
    if (this.store.afterCommit) this.store.afterCommit(tx, this.notifyAfterCommit);
    else setImmediate(this.notifyAfterCommit);
  }

  // Enqueues happen inside a write unit that has not committed yet; waking workers on the next
  // macrotask after the commit would be ideal, but a claim is itself a write unit queued behind
  // the current batch, so it can only ever see the committed job.
  private scheduleWake(): void {
    if (this.wakePending) return;
    this.wakePending = true;
    setImmediate(() => {
      this.wakePending = false;
      for (const listener of this.listeners) listener();
    });
  }
}
