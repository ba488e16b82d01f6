// A campaign to a large audience, end to end (issue #15): see bench/support/campaign-run.ts for
// what is measured. This launcher generates the contacts file, compiles the program as porm is
// compiled (scripts/build.js --entry, beside a porm build of its own under .tmp/), and runs it in a
// plain node process, so that neither tsx nor the CSV generator counts in the memory it reports.
//   npm run bench -- campaign [--contacts N] [--sample N] [--rate N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeContactsCsv } from './support/contacts-csv.ts';

const args = process.argv.slice(2);
const i = args.indexOf('--contacts');
const contacts = i >= 0 ? Number(args[i + 1]) : 1_000_000;
if (!Number.isInteger(contacts) || contacts < 1) throw new Error('--contacts takes a positive integer');

const dir = mkdtempSync(join(tmpdir(), 'porm-bench-campaign-'));
mkdirSync('.tmp', { recursive: true });
const build = mkdtempSync(join('.tmp', 'bench-campaign-'));
try {
  const file = join(dir, 'contacts.csv');
  await writeContactsCsv(file, contacts);
  const built = spawnSync(process.execPath, ['scripts/build.js', '--outdir', build, '--entry', 'campaign-run=bench/support/campaign-run.ts'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the benchmark failed');
  const run = spawnSync(process.execPath, ['--enable-source-maps', join(build, 'campaign-run.js'), file, dir, ...args], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(build, { recursive: true, force: true });
}
