import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanup, tempDir } from './helpers/harness.ts';
import { buildState, sourceFingerprint } from '../bin/build-state.js';

// The compiled CLI (scripts/build.js), built into a folder of its own so that dist/, which other
// test files' porm processes may be running from, is left alone. Inside the repository (.tmp/),
// where the packages the build leaves external resolve from node_modules.
describe('the compiled porm command', () => {
  let outdir: string;
  const dataDir = tempDir();
  before(() => {
    mkdirSync('.tmp', { recursive: true });
    outdir = mkdtempSync(join('.tmp', 'build-'));
    const built = spawnSync(process.execPath, ['scripts/build.js', '--outdir', outdir], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  });
  after(() => {
    cleanup(outdir);
    cleanup(dataDir);
  });

  // What bin/porm.js does with dist/porm.js, with the build under test.
  const porm = (...args: string[]) => spawnSync(process.execPath, [
    '--input-type=module', '-e', 'const [node, entry, ...args] = process.argv; const { runCli } = await import(entry); await runCli([node, "porm", ...args]);',
    pathToFileURL(join(outdir, 'porm.js')).href, ...args,
  ], { encoding: 'utf8', env: { ...process.env, PORM_LOG_LEVEL: 'silent' } });

  test('--help exits 0 and lists every subcommand', () => {
    const run = porm('--help');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Usage: porm /);
    for (const name of ['start', 'send', 'messages', 'keys', 'accounts', 'migrate', 'media']) assert.match(run.stdout, new RegExp(`\\n  ${name} `));
  });

  test('a subcommand\'s own help comes from the real command, also through `help NAME`', () => {
    for (const args of [['messages', '--help'], ['help', 'messages']]) {
      const run = porm(...args);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /Usage: porm messages/);
      assert.match(run.stdout, /\n {2}list /);
    }
  });

  test('opens the store: accounts create, then messages list --json', () => {
    const created = porm('--data', dataDir, 'accounts', 'create', 'built', '--json');
    assert.equal(created.status, 0, created.stderr);
    assert.match((JSON.parse(created.stdout) as { id: string }).id, /^acct_/);
    const listed = porm('--data', dataDir, 'messages', 'list', '--json');
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), []);
  });

  test('an unknown subcommand exits non-zero with the usage', () => {
    const run = porm('no-such-command');
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /unknown command/);
  });
});

describe('whether bin/porm.js may run dist/', () => {
  test('missing, current, then stale after a source file changes, is added or is removed', () => {
    const root = tempDir();
    try {
      mkdirSync(join(root, 'src', 'cli'), { recursive: true });
      const past = new Date(Date.now() - 60_000);
      const file = join(root, 'src', 'cli', 'main.ts');
      writeFileSync(file, 'export {};\n');
      for (const path of [file, join(root, 'src', 'cli'), join(root, 'src')]) utimesSync(path, past, past);
      assert.equal(buildState(root), 'missing');
      mkdirSync(join(root, 'dist'));
      const record = (): void => writeFileSync(join(root, 'dist', 'build-info.json'), JSON.stringify({ source: sourceFingerprint(root) }));
      record();
      assert.equal(buildState(root), 'current');
      writeFileSync(file, 'export const edited = 1;\n');
      assert.equal(buildState(root), 'stale');
      record();
      writeFileSync(join(root, 'src', 'cli', 'main.test.ts'), 'export {};\n');
      utimesSync(join(root, 'src', 'cli'), past, past);
      assert.equal(buildState(root), 'current', 'unit tests are not part of the build');
      writeFileSync(join(root, 'src', 'added.ts'), 'export {};\n');
      assert.equal(buildState(root), 'stale');
    } finally {
      cleanup(root);
    }
  });
});
