import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from '../../store/sqlite-connection.ts';
import { GroupCommitter } from '../../store/group-commit.ts';

/**
 * The simulated MMSC's own durable memory, in its own SQLite file as a real MMSC would keep
 * its own: what it accepted (to dedupe resubmissions by porm's message id, even across a
 * porm crash) and which delivery reports it still owes.
 */
export interface SubmissionRow {
  porm_id: string;
  carrier_id: string | null;
  to_number: string;
  from_number: string;
  subject: string | null;
  /** The SubmitReq as received (Content-Type and body), so the handset view shows exactly what was sent. */
  request_ct: string | null;
  request_body: Buffer | null;
  outcome: 'accepted' | 'rejected' | 'transient';
  report_status: string | null;
  report_due_at: number | null;
  report_sent_at: number | null;
  submit_count: number;
  duplicate_count: number;
  created_at: number;
}

const SCHEMA = `
create table if not exists submissions (
  porm_id text primary key,
  carrier_id text unique,
  to_number text not null,
  from_number text not null,
  subject text,
  request_ct text,
  request_body blob,
  outcome text not null,
  report_status text,
  report_due_at integer,
  report_sent_at integer,
  submit_count integer not null,
  duplicate_count integer not null,
  created_at integer not null
);
create index if not exists submissions_due on submissions(report_due_at) where report_sent_at is null;
`;

type Ctx = Database.Database;

export class SandboxLedger {
  private readonly committer: GroupCommitter<Ctx>;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(private readonly conn: Database.Database) {
    this.committer = new GroupCommitter<Ctx>(conn, conn);
  }

  static open(path: string): SandboxLedger {
    mkdirSync(dirname(path), { recursive: true });
    const conn = openSqlite(path, { readonly: false });
    conn.exec(SCHEMA);
    return new SandboxLedger(conn);
  }

  /** A read-only view of a ledger another thread or process writes (handset views, tests). */
  static openReadonly(path: string): SandboxLedger {
    return new SandboxLedger(openSqlite(path, { readonly: true }));
  }

  /** Statements are prepared once per connection; preparing costs more than running them. */
  private stmt(conn: Ctx, sql: string): Database.Statement {
    if (conn !== this.conn) return conn.prepare(sql);
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = conn.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Runs `unit` in a durable group-committed transaction. */
  write<T>(unit: (conn: Ctx) => T): Promise<T> {
    return this.committer.submit(async (conn) => unit(conn));
  }

  get(conn: Ctx, pormId: string): SubmissionRow | undefined {
    return this.stmt(conn, 'select * from submissions where porm_id = ?').get(pormId) as SubmissionRow | undefined;
  }

  upsert(conn: Ctx, row: SubmissionRow): void {
    this.stmt(conn, `insert into submissions (porm_id, carrier_id, to_number, from_number, subject, request_ct, request_body, outcome,
      report_status, report_due_at, report_sent_at, submit_count, duplicate_count, created_at)
      values (@porm_id, @carrier_id, @to_number, @from_number, @subject, @request_ct, @request_body, @outcome, @report_status,
      @report_due_at, @report_sent_at, @submit_count, @duplicate_count, @created_at)
      on conflict(porm_id) do update set carrier_id = excluded.carrier_id, outcome = excluded.outcome,
      request_ct = excluded.request_ct, request_body = excluded.request_body,
      report_status = excluded.report_status, report_due_at = excluded.report_due_at,
      submit_count = excluded.submit_count, duplicate_count = excluded.duplicate_count`).run(row);
  }

  markReported(carrierIds: readonly string[], at: number): Promise<void> {
    return this.write((conn) => {
      const stmt = this.stmt(conn, 'update submissions set report_sent_at = ? where carrier_id = ?');
      for (const id of carrierIds) stmt.run(at, id);
    });
  }

  /** Reports owed but not yet sent, oldest due first (reloaded after a restart). */
  owedReports(): SubmissionRow[] {
    return this.conn.prepare('select * from submissions where report_due_at is not null and report_sent_at is null order by report_due_at').all() as SubmissionRow[];
  }

  find(pormId: string): SubmissionRow | undefined {
    return this.get(this.conn, pormId);
  }

  byCarrierId(carrierId: string): SubmissionRow | undefined {
    return this.stmt(this.conn, 'select * from submissions where carrier_id = ?').get(carrierId) as SubmissionRow | undefined;
  }

  totals(): { accepted: number; duplicates: number; rejected: number } {
    const row = this.conn.prepare(`select
      coalesce(sum(outcome = 'accepted'), 0) as accepted,
      coalesce(sum(duplicate_count), 0) as duplicates,
      coalesce(sum(outcome = 'rejected'), 0) as rejected from submissions`).get() as { accepted: number; duplicates: number; rejected: number };
    return row;
  }

  async close(): Promise<void> {
    this.committer.close();
    await this.committer.idle();
    this.conn.close();
  }
}
