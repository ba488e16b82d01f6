// CLI start-up time (issue #9): wall time of `porm --help` and `porm messages list --json` (a data
// directory with one account and a few queued messages), each run as a fresh process the way a
// user runs it, beside `node -e 0` measured in the same run; goal ≤ 300 ms each.
// Runs are interleaved (help, list, node, help, …) so a busy spell of the machine hits all three.
// Run: npm run bench -- cli [RUNS]   (default 15; medians and minimums are printed)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildState } from '../bin/build-state.js';

const RUNS = Number(process.argv[2] ?? 15);
const MESSAGES = 10;

function run(args: readonly string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, PORM_LOG_LEVEL: 'silent' } });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

// The figures are about the compiled build (npm run bench builds it first), not the tsx fallback.
if (buildState() !== 'current') throw new Error('dist/ is not current: run `npm run build` (npm run bench does)');

const dataDir = mkdtempSync(join(tmpdir(), 'porm-bench-cli-'));
try {
  run(['bin/porm.js', '--data', dataDir, 'accounts', 'create', 'bench']);
  for (let i = 0; i < MESSAGES; i++) run(['bin/porm.js', '--data', dataDir, 'send', '--to', '+14155550100', '--from', '+14155550199', '--body', `bench ${i}`]);

  const cases = {
    'node -e 0': ['-e', '0'],
    'porm --help': ['bin/porm.js', '--help'],
    'porm messages list --json': ['bin/porm.js', '--data', dataDir, 'messages', 'list', '--json'],
  } as const;
  const listed = JSON.parse(run(cases['porm messages list --json']).stdout) as unknown[];
  if (listed.length !== MESSAGES) throw new Error(`messages list printed ${listed.length} messages, not ${MESSAGES}`);

  const times = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
  for (let i = 0; i < 2; i++) for (const args of Object.values(cases)) run(args); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    for (const [name, args] of Object.entries(cases)) times.get(name)!.push(run(args).ms);
  }
  const median = (xs: number[]): number => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const baseline = median(times.get('node -e 0')!);
  console.log(`wall time of one process, ${RUNS} interleaved runs each after 2 warm-ups, node ${process.version}`);
  for (const [name, xs] of times) {
    const m = median(xs);
    const ratio = name === 'node -e 0' ? '' : `   ${(m / baseline).toFixed(2)}× node -e 0, ${m <= 300 ? 'within' : 'over'} the 300 ms goal`;
    console.log(`${name.padEnd(28)} median ${m.toFixed(0).padStart(5)} ms   min ${Math.min(...xs).toFixed(0).padStart(5)} ms${ratio}`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
