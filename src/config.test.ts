import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { cleanup, tempDir } from '../test/helpers/harness.ts';

test('defaults give a working embedded setup', () => {
  const config = loadConfig({}, {});
  assert.equal(config.port, 3000);
  assert.equal(config.role, 'all');
  assert.deepEqual(config.routes[0]?.carriers, ['sandbox', 'sandbox-smsc']);
  assert.equal(config.webhooks.allowPrivateNetworks, false, 'production must not reach private networks by default');
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.workers));
});

test('flags beat env, env beats the file', () => {
  const dir = tempDir();
  const file = join(dir, 'porm.json');
  writeFileSync(file, JSON.stringify({ port: 1111, logLevel: 'warn', workers: { concurrency: 3 } }));
  const config = loadConfig({ config: file, port: 3333 }, { PORM_PORT: '2222', PORM_LOG_LEVEL: 'debug' });
  assert.equal(config.port, 3333);
  assert.equal(config.logLevel, 'debug');
  assert.equal(config.workers.concurrency, 3);
  cleanup(dir);
});

test('invalid settings fail with a message naming the setting', () => {
  assert.throws(() => loadConfig({}, { PORM_PORT: 'eighty' }), (e: Error) => e instanceof ConfigError && /PORM_PORT/.test(e.message));
  assert.throws(() => loadConfig({}, { PORM_API_KEY: 'short' }), (e: Error) => /apiKey/.test(e.message));
  assert.throws(() => loadConfig({}, { PORM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'yes' }), ConfigError);
  const dir = tempDir();
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ routes: [{ from: '*', carrier: 'nope' }] }));
  assert.throws(() => loadConfig({ config: file }, {}), /carrier "nope"/);
  writeFileSync(file, '{ not json');
  assert.throws(() => loadConfig({ config: file }, {}), /not valid JSON/);
  writeFileSync(file, JSON.stringify({ prot: 80 }));
  assert.throws(() => loadConfig({ config: file }, {}), /prot/);
  cleanup(dir);
});
