import type Database from 'better-sqlite3';

interface Unit<C> {
  run: (ctx: C) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for a single SQLite writer connection.
 *
 * Units queued while a batch is being written form the next batch. A batch is one
 * `BEGIN IMMEDIATE … COMMIT`, so one fsync covers every unit in it; each unit runs inside its
 * own SAVEPOINT, so a unit that throws rolls back alone and the others still commit.
 * Callers are answered only after COMMIT returns, i.e. once their writes are durable.
 */
export class GroupCommitter<C> {
  private queue: Unit<C>[] = [];
  private running = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  // Prepared once: exec() would parse these statements again for every unit of every batch.
  private readonly stmts: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackTo', Database.Statement>;

  constructor(
    private readonly conn: Database.Database,
    private readonly ctx: C,
    private readonly maxBatch = 1000,
  ) {
    this.stmts = {
      begin: conn.prepare('BEGIN IMMEDIATE'),
      commit: conn.prepare('COMMIT'),
      rollback: conn.prepare('ROLLBACK'),
      savepoint: conn.prepare('SAVEPOINT unit'),
      release: conn.prepare('RELEASE unit'),
      rollbackTo: conn.prepare('ROLLBACK TO unit'),
    };
  }

  submit<T>(run: (ctx: C) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        // Let the current tick's other requests join this batch before it starts.
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Resolves when no batch is running or queued. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      await this.writeBatch(batch);
    }
    this.running = false;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }

  private async writeBatch(batch: Unit<C>[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.stmts.begin.run();
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      return;
    }
    for (const unit of batch) {
      this.stmts.savepoint.run();
      try {
        const value = await unit.run(this.ctx);
        this.stmts.release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        this.stmts.rollbackTo.run();
        this.stmts.release.run();
        outcomes.push({ ok: false, error });
      }
    }
    try {
      this.stmts.commit.run();
    } catch (error) {
      if (this.conn.inTransaction) this.stmts.rollback.run();
      for (const unit of batch) unit.reject(error);
      return;
    }
    batch.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
  }
}
