import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { PostgresStore } from './postgres-store.ts';
import { createTestSchema, postgresUnavailable, type TestSchema } from '../../../test/helpers/pg-schema.ts';

// What the PostgreSQL store adds to the Store contract: units the engine aborts are run again,
// others are not; int8 comes back as a number where that is exact.

const unavailable = await postgresUnavailable();
describe('PostgresStore', { skip: unavailable ?? false }, () => {
  let schema: TestSchema;
  let store: PostgresStore;
  before(async () => {
    schema = await createTestSchema('porm_pgstore');
    store = await PostgresStore.open({ url: schema.url, poolSize: 4, schema: schema.schema });
  });
  after(async () => {
    await store?.close();
    await schema?.drop();
  });

  test('two units that deadlock on each other\'s keys both commit: the one PostgreSQL aborts runs again', async () => {
    let attempts = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    let holding = 0;
    const unit = (first: string, second: string) => async (tx: Parameters<Parameters<PostgresStore['write']>[0]>[0]) => {
      attempts++;
      await store.lockKey(tx, first);
      if (++holding === 2) release();
      // Only the first attempts meet here; a re-run goes straight on, and the other unit has committed or is waiting.
      if (holding <= 2) await bothHoldOne;
      await store.lockKey(tx, second);
      await tx.insertInto('settings').values({ key: `${first}-${second}`, value: 'done' }).execute();
    };
    await Promise.all([store.write(unit('dl-a', 'dl-b')), store.write(unit('dl-b', 'dl-a'))]);
    assert.equal(attempts, 3, 'one unit ran twice');
    const rows = await store.db.selectFrom('settings').select('key').where('key', 'in', ['dl-a-dl-b', 'dl-b-dl-a']).execute();
    assert.equal(rows.length, 2);
  });

  test('a unit that fails for any other reason runs once and its error reaches the caller', async () => {
    let runs = 0;
    await store.write((tx) => tx.insertInto('settings').values({ key: 'once', value: '1' }).execute());
    await assert.rejects(store.write(async (tx) => {
      runs++;
      await tx.insertInto('settings').values({ key: 'once', value: '2' }).execute();
    }), (err: { code?: string }) => err.code === '23505');
    assert.equal(runs, 1);
  });

  test('statements are prepared, and one whose table changed shape since is prepared afresh: a unit retries, a read fails once at most', async () => {
    await store.write((tx) => tx.insertInto('settings').values({ key: 'shape', value: 'v' }).execute());
    const read = () => sql<Record<string, unknown>>`select * from settings where key = ${'shape'}`;
    // Enough runs on every pooled connection for each to have the statement prepared.
    await Promise.all(Array.from({ length: 16 }, () => store.write((tx) => read().execute(tx))));
    const prepared = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement like 'select * from settings%'`.execute(store.db);
    assert.equal(prepared.rows[0]!.n, 1, 'the connection that ran this has it prepared');
    // Another process migrates: the result type of `select *` changes under the prepared statements.
    await sql.raw(`alter table "${schema.schema}".settings add column extra text`).execute(store.db);
    try {
      const rows = await Promise.all(Array.from({ length: 16 }, () => store.write(async (tx) => (await read().execute(tx)).rows)));
      for (const r of rows) assert.deepEqual(Object.keys(r[0]!).sort(), ['extra', 'key', 'value']);
      let failures = 0;
      for (let i = 0; i < 8; i++) await read().execute(store.db).catch(() => failures++);
      assert.ok(failures <= 4, `each stale connection fails one read at most (${failures})`);
      const after = await read().execute(store.db);
      assert.deepEqual(Object.keys(after.rows[0]!).sort(), ['extra', 'key', 'value']);
    } finally {
      await sql.raw(`alter table "${schema.schema}".settings drop column extra`).execute(store.db);
    }
  });

  test('a NUL character in text is PORM_INVALID_TEXT, and the unit writes nothing', async () => {
    await assert.rejects(store.write(async (tx) => {
      await tx.insertInto('settings').values({ key: 'nul-a', value: 'fine' }).execute();
      await tx.insertInto('settings').values({ key: 'nul-b', value: 'a\u0000b' }).execute();
    }), (err: { code?: string }) => err.code === 'PORM_INVALID_TEXT');
    assert.equal(await store.db.selectFrom('settings').select('key').where('key', 'in', ['nul-a', 'nul-b']).executeTakeFirst(), undefined);
  });

  test('int8 values are numbers when exact, and the decimal text beyond 2^53', async () => {
    const row = await sql<{ n: unknown; big: unknown; count: unknown }>`select 1796231598123::int8 as n, 9007199254740993::int8 as big, (select count(*) from settings) as count`.execute(store.db);
    assert.equal(row.rows[0]!.n, 1796231598123);
    assert.equal(row.rows[0]!.big, '9007199254740993');
    assert.equal(typeof row.rows[0]!.count, 'number');
  });

  test('a fresh schema migrates while other schemas of the database are created and dropped', async () => {
    // The churn other test files (or tenants) cause: before the migrator was scoped to its own
    // schema, its catalog listing failed with "schema … does not exist" when it met one mid-drop.
    let churning = true;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        const other = await createTestSchema('porm_churn');
        await sql.raw(`create table ${other.schema}.t${i} (id int)`).execute(store.db);
        await other.drop();
      }
    })();
    try {
      for (let round = 0; round < 3; round++) {
        const fresh = await createTestSchema('porm_pgfresh');
        const opened = await PostgresStore.open({ url: fresh.url, poolSize: 2, schema: fresh.schema });
        const tables = await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = ${fresh.schema}`.execute(opened.db);
        assert.ok(tables.rows[0]!.n > 20, 'the migrations ran in the fresh schema');
        await opened.close();
        await fresh.drop();
      }
    } finally {
      churning = false;
      await churn;
    }
  });
});
