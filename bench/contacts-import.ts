// CSV import of contacts (issue #15 goal: ≥ 50,000 rows/s, peak RSS ≤ 400 MB on embedded SQLite):
// porm's import of a generated file (decode, frame, csv-parse, number normalisation, field checks,
// batched write units with tags) against raw better-sqlite3 batched inserts of the same rows in
// the same run, each in its own fresh database file. Absolute figures on a shared machine mean
// little; watch the ratio.
//   npm run bench -- contacts-import [--rows N]     (default 1,000,000)
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { systemClock } from '../src/clock.ts';
import { AccountService } from '../src/accounts/accounts.ts';
import { ContactImports } from '../src/contacts/import/import-service.ts';
import { writeContactsCsv } from './support/contacts-csv.ts';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000;
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('--rows takes a positive integer');

const dir = mkdtempSync(join(tmpdir(), 'porm-bench-contacts-'));
const file = join(dir, 'contacts.csv');
const generate = (): Promise<void> => writeContactsCsv(file, ROWS);

/** Runs `work`, sampling RSS every 50 ms; returns seconds and the peak RSS in MB. */
async function measured(work: () => Promise<void>): Promise<{ seconds: number; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 50);
  const start = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds: (performance.now() - start) / 1000, peakMb: peak / 1024 / 1024 };
}

async function baseline(): Promise<void> {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE c (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, phone TEXT NOT NULL, name TEXT, tags_json TEXT NOT NULL, attributes_json TEXT NOT NULL, created_at INTEGER NOT NULL); CREATE UNIQUE INDEX c_phone ON c (account_id, phone)');
  const insert = db.prepare('INSERT INTO c VALUES (?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((rows: string[][]) => {
    for (const r of rows) insert.run(`con_${r[0]}`, 'acct', r[0], r[1], JSON.stringify(r[2] ? [r[2]] : []), JSON.stringify({ plan: r[3] }), Date.now());
  });
  let rows: string[][] = [];
  let header = true;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (header) {
      header = false;
      continue;
    }
    rows.push(line.split(','));
    if (rows.length === 1000) {
      batch(rows);
      rows = [];
    }
  }
  if (rows.length > 0) batch(rows);
  db.close();
}

async function porm(): Promise<void> {
  const store = await SqliteStore.open(join(dir, 'porm.db'));
  const { account } = await new AccountService(store, systemClock).create('bench');
  const imports = new ContactImports(store, systemClock);
  const created = await imports.create(account.id, 'contacts.csv', { columns: { plan: 'attributes.plan' } });
  const ended = await imports.run(account.id, created.id, createReadStream(file, { highWaterMark: 256 * 1024 }));
  if (ended.status !== 'completed' || ended.created !== ROWS) throw new Error(`import ended ${ended.status}: ${JSON.stringify(ended)}`);
  await store.close();
}

try {
  await generate();
  console.log(`${ROWS.toLocaleString('en-US')} rows generated`);
  const p = await measured(porm);
  const b = await measured(baseline);
  const line = (name: string, r: { seconds: number; peakMb: number }): string => `${name.padEnd(44)} ${Math.round(ROWS / r.seconds).toLocaleString('en-US').padStart(10)} rows/s   peak RSS ${r.peakMb.toFixed(0).padStart(5)} MB`;
  console.log(line('raw better-sqlite3 batched inserts (baseline)', b));
  console.log(line('porm contacts import', p));
  console.log(`porm / baseline throughput: ${(b.seconds / p.seconds).toFixed(2)}  (goal: ≥ 50,000 rows/s, peak RSS ≤ 400 MB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
