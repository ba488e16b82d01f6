import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommitter } from './group-commit.ts';
import { openSqlite } from './sqlite-connection.ts';
import { cleanup, tempDir } from '../../test/helpers/harness.ts';

function setup() {
  const dir = tempDir();
  const path = join(dir, 'g.db');
  const conn = openSqlite(path, { readonly: false });
  conn.exec('create table t (v integer primary key)');
  // Count commits as SQLite sees them: the WAL's commit counter in the data_version pragma
  // does not count own-connection commits, so count them through a commit hook on a wrapper.
  let commits = 0;
  const prepare = conn.prepare.bind(conn);
  conn.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    if (sql !== 'COMMIT') return stmt;
    const run = stmt.run.bind(stmt);
    stmt.run = ((...args: unknown[]) => {
      commits++;
      return run(...(args as []));
    }) as typeof stmt.run;
    return stmt;
  }) as typeof conn.prepare;
  return { dir, path, conn, commits: () => commits, committer: new GroupCommitter(conn, conn) };
}

test('concurrent writes share one commit and all become durable', async () => {
  const s = setup();
  await Promise.all(Array.from({ length: 200 }, (_, i) => s.committer.submit(async (c) => c.prepare('insert into t values (?)').run(i))));
  assert.ok(s.commits() <= 2, `expected group commit, saw ${s.commits()} commits for 200 writes`);
  // A separate connection sees every row: they were committed before the promises resolved.
  const other = new Database(s.path, { readonly: true });
  assert.equal((other.prepare('select count(*) as n from t').get() as { n: number }).n, 200);
  other.close();
  s.conn.close();
  cleanup(s.dir);
});

test('a failing unit rolls back alone; the others in its batch commit', async () => {
  const s = setup();
  const results = await Promise.allSettled([
    s.committer.submit(async (c) => c.prepare('insert into t values (1)').run()),
    s.committer.submit(async (c) => {
      c.prepare('insert into t values (2)').run();
      throw new Error('boom');
    }),
    s.committer.submit(async (c) => c.prepare('insert into t values (3)').run()),
  ]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual((s.conn.prepare('select v from t order by v').all() as Array<{ v: number }>).map((r) => r.v), [1, 3]);
  s.conn.close();
  cleanup(s.dir);
});

test('the database runs in WAL mode with synchronous=FULL', () => {
  const s = setup();
  assert.equal(s.conn.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(s.conn.pragma('synchronous', { simple: true }), 2);
  s.conn.close();
  cleanup(s.dir);
});
