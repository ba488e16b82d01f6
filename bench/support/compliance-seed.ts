// The api bench's compliance data, written straight into porm.db with better-sqlite3 (porm itself
// is stopped meanwhile): a suppression list of `suppressed` numbers (none of them a recipient of the
// bench, so every accept looks one up and finds nothing, the common case), and an opt-in on record
// for each recipient in the sender's program, which requires consent for marketing.
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface ComplianceSeed {
  dataDir: string;
  /** The program the bench's sender number is in (its account is the bench's). */
  programId: string;
  recipients: readonly string[];
  suppressed: number;
}

export function seedCompliance(seed: ComplianceSeed): void {
  const db = new Database(join(seed.dataDir, 'porm.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const now = Date.now();
    const { account_id: accountId } = db.prepare('select account_id from programs where id = ?').get(seed.programId) as { account_id: string };
    const suppress = db.prepare('insert into suppressions (account_id, program_id, recipient, reason, source, created_at) values (?, ?, ?, ?, ?, ?)');
    const consent = db.prepare(`insert into consent_events (id, account_id, program_id, recipient, type, source, confirmed, wording, url, ip, user_agent, keyword, inbound_id, at, recorded_at)
      values (?, ?, ?, ?, 'opt_in', 'import', 0, 'Yes, text me weekly deals.', null, null, null, null, null, ?, ?)`);
    db.transaction(() => {
      // Half brand-wide, half on the program's own list: the lookup reads both.
      for (let i = 0; i < seed.suppressed; i++) {
        suppress.run(accountId, i % 2 === 0 ? '' : seed.programId, `+1646${String(i).padStart(7, '0')}`, 'imported list', 'import', now);
      }
      seed.recipients.forEach((to, i) => consent.run(`cev_bench${String(i).padStart(21, '0')}`, accountId, seed.programId, to, now, now));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
