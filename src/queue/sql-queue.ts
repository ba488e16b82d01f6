import { sql } from 'kysely';
import { systemClock, type Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import type { Job, JobKind, JobQueue } from './queue.ts';
import { queryTemplate } from '../store/query-template.ts';

const insertJob = queryTemplate<{ kind: string; payload: string; runAt: number; now: number }>((db, p) => db.insertInto('jobs').values({
  kind: p.kind, payload_json: p.payload, run_at: p.runAt, attempts: 0, locked_by: null, locked_until: null, last_error: null, created_at: p.now,
}));
const deleteJob = queryTemplate<{ id: number }>((db, p) => db.deleteFrom('jobs').where('id', '=', p.id));
const rescheduleJob = queryTemplate<{ id: number; runAt: number; error: string | null }>((db, p) =>
  db.updateTable('jobs').set({ run_at: p.runAt, locked_by: null, locked_until: null, last_error: p.error }).where('id', '=', p.id));

/**
 * The job queue kept in the main database (embedded mode). Writes go through the store's
 * group commit; a claim is one UPDATE … RETURNING over the oldest ready jobs.
 */
export class SqlJobQueue implements JobQueue {
  private readonly listeners: Array<() => void> = [];
  private wakePending = false;

  constructor(private readonly store: Store, private readonly clock: Clock = systemClock) {}

  async enqueue(tx: Db, kind: JobKind, payload: Record<string, unknown>, runAt: number): Promise<void> {
    await insertJob(tx, { kind, payload: JSON.stringify(payload), runAt, now: this.clock.now() });
    this.scheduleWake();
  }

  async claim(workerId: string, kinds: readonly JobKind[], limit: number, now: number, leaseMs: number): Promise<Job[]> {
    if (limit <= 0 || kinds.length === 0) return [];
    const rows = await this.store.write(async (tx) => {
      const ready = tx.selectFrom('jobs').select('id')
        .where('run_at', '<=', now)
        .where('kind', 'in', kinds)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('run_at').orderBy('id').limit(limit);
      return tx.updateTable('jobs')
        .set({ locked_by: workerId, locked_until: now + leaseMs, attempts: sql<number>`attempts + 1` })
        .where('id', 'in', ready)
        .returning(['id', 'kind', 'payload_json', 'attempts', 'run_at'])
        .execute();
    });
    return rows
      .sort((a, b) => a.run_at - b.run_at || a.id - b.id)
      .map((r) => ({ id: r.id, kind: r.kind as JobKind, payload: JSON.parse(r.payload_json) as Record<string, unknown>, attempts: r.attempts, runAt: r.run_at }));
  }

  async complete(tx: Db, jobId: number): Promise<void> {
    await deleteJob(tx, { id: jobId });
  }

  async reschedule(tx: Db, jobId: number, runAt: number, error: string | null): Promise<void> {
    await rescheduleJob(tx, { id: jobId, runAt, error });
    this.scheduleWake();
  }

  async retryLater(jobId: number, runAt: number, error: string): Promise<void> {
    await this.store.write((tx) => this.reschedule(tx, jobId, runAt, error.slice(0, 2000)));
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
    const result = await this.store.write((tx) => tx.updateTable('jobs').set({ locked_by: null, locked_until: null })
      .where('locked_by', 'is not', null).where('locked_by', '!=', exceptWorkerId).executeTakeFirst());
    return Number(result.numUpdatedRows);
  }

  onEnqueue(listener: () => void): void {
    this.listeners.push(listener);
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
