import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../config.ts';

test('databaseUrl takes a PostgreSQL URL from the flag, the env or the file, with pool size and schema', () => {
  const fromEnv = loadConfig({}, { PORM_DATABASE_URL: 'postgres://porm@db.example:5432/porm', PORM_POSTGRES_POOL_SIZE: '20', PORM_POSTGRES_SCHEMA: 'tenant_a' });
  assert.equal(fromEnv.databaseUrl, 'postgres://porm@db.example:5432/porm');
  assert.deepEqual(fromEnv.postgres, { poolSize: 20, schema: 'tenant_a', connectionTimeoutMs: 10_000 });
  assert.equal(loadConfig({}, { PORM_POSTGRES_CONNECTION_TIMEOUT_MS: '2500' }).postgres.connectionTimeoutMs, 2500);
  const fromFlag = loadConfig({ databaseUrl: 'postgresql://127.0.0.1/test' }, { PORM_DATABASE_URL: 'postgres://other/x' });
  assert.equal(fromFlag.databaseUrl, 'postgresql://127.0.0.1/test');
  assert.deepEqual(loadConfig({}, {}).postgres, { poolSize: 10, schema: 'public', connectionTimeoutMs: 10_000 });
  assert.equal(loadConfig({}, {}).databaseUrl, undefined);
});

test('a databaseUrl that is not PostgreSQL, a hostile schema name or a pool too small is refused', () => {
  for (const url of ['mysql://db/porm', 'sqlite:///tmp/x.db', 'not a url', 'postgres://', 'file:///etc/passwd', 'http://127.0.0.1:5432/']) {
    assert.throws(() => loadConfig({}, { PORM_DATABASE_URL: url }), ConfigError, url);
  }
  for (const schema of ['public; drop table messages', 'Tenant', '1abc', 'a-b', 'x'.repeat(64), '"quoted"', 'a b']) {
    assert.throws(() => loadConfig({}, { PORM_DATABASE_URL: 'postgres://127.0.0.1/test', PORM_POSTGRES_SCHEMA: schema }), ConfigError, schema);
  }
  assert.throws(() => loadConfig({}, { PORM_POSTGRES_POOL_SIZE: '1' }), ConfigError);
  assert.throws(() => loadConfig({}, { PORM_POSTGRES_POOL_SIZE: 'many' }), ConfigError);
  assert.throws(() => loadConfig({}, { PORM_POSTGRES_CONNECTION_TIMEOUT_MS: '0' }), ConfigError);
});
