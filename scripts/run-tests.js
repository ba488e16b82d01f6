// Runs every test file (unit tests beside the code in src/, integration tests in test/)
// with Node's test runner and tsx's loader. Arguments narrow the run to matching paths.
//
// A full run (no arguments) then runs the API suite once more on PostgreSQL: every test/ file
// that starts porm through the harness, with PORM_TEST_STORE=postgres (a schema per harness), so
// each behaviour is proven on both stores. It is skipped, saying so, when PostgreSQL is not
// reachable (PORM_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test), and
// PORM_TEST_STORE=sqlite skips it on purpose. PORM_TEST_STORE=postgres with arguments runs just
// those files on PostgreSQL.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(path));
    else if (entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

function run(files, env) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  return result.status ?? 1;
}

/** Whether something listens where the PostgreSQL tests would connect. */
function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

const filters = process.argv.slice(2);
const files = ['src', 'test']
  .flatMap((dir) => findTests(dir))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const status = run(files, {});
if (filters.length > 0 || process.env.PORM_TEST_STORE) process.exit(status);

const url = process.env.PORM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
if (!(await reachable(url))) {
  console.error(`\nrun-tests: PostgreSQL is not reachable at ${url}; the API suite's PostgreSQL pass is skipped`);
  process.exit(status);
}
const apiSuite = files.filter((file) => file.startsWith('test') && /\b(startHarness|withHarness)\(/.test(readFileSync(file, 'utf8')));
console.error(`\nrun-tests: the API suite once more on PostgreSQL (${apiSuite.length} files, PORM_TEST_STORE=postgres)`);
const onPostgres = run(apiSuite, { PORM_TEST_STORE: 'postgres' });
process.exit(status !== 0 ? status : onPostgres);
