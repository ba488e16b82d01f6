import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testPostgresSettings } from '../../src/config.ts';

// A PostgreSQL schema per test file (or per harness): created with a unique name, dropped with
// everything in it afterwards, so test files can run at once against one database.

export interface TestSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

let reachable: Promise<string | undefined> | undefined;

/** Undefined when PostgreSQL answers; otherwise why not, for the skip message. */
export function postgresUnavailable(): Promise<string | undefined> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: testPostgresSettings().url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('select 1');
      return undefined;
    } catch (err) {
      return `PostgreSQL not reachable at ${testPostgresSettings().url} (set PORM_TEST_POSTGRES_URL): ${(err as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

async function admin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresSettings().url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export async function createTestSchema(prefix: string): Promise<TestSchema> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create schema ${schema}`));
  return {
    url: testPostgresSettings().url,
    schema,
    drop: () => admin(async (c) => {
      await c.query(`drop schema if exists ${schema} cascade`);
    }),
  };
}
