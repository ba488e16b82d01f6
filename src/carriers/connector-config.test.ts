import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { channelsOf, connectorType, connectorTypes } from './registry.ts';
import { defaultRoutesFor } from './route-schema.ts';
import { cleanup, tempDir } from '../../test/helpers/harness.ts';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MM7 = { type: 'mm7', url: 'http://127.0.0.1:1/mm7', inbound: { username: 'acme-mmsc', password: 'a-long-password' } };

function withFile(json: unknown): Config {
  const dir = tempDir();
  try {
    const file = join(dir, 'porm.json');
    writeFileSync(file, JSON.stringify(json));
    return loadConfig({ config: file }, {});
  } finally {
    cleanup(dir);
  }
}

/** The ConfigError's lines; fails the test if loading does not throw one. */
function configErrors(json: unknown): string {
  try {
    withFile(json);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err.message;
  }
  assert.fail('expected the configuration to be refused');
}

describe('connector registry', () => {
  test('every type has a schema, channels and a lazy factory', () => {
    const types = connectorTypes().map((t) => t.type);
    assert.deepEqual(types, ['sandbox', 'mm7', 'mm4', 'mm1', 'smpp', 'sandbox-smsc']);
    assert.deepEqual(channelsOf('mm7'), ['mms']);
    assert.deepEqual(channelsOf('mm1'), ['mms']);
    assert.deepEqual(channelsOf('sandbox'), ['mms']);
    assert.deepEqual(channelsOf('smpp'), ['sms']);
    assert.deepEqual(channelsOf('sandbox-smsc'), ['sms']);
    assert.deepEqual(channelsOf('mm4'), ['mms']);
    assert.equal(connectorType('nope'), undefined);
  });

  test('config.ts loads no connector code: only zod and schema files, transitively', () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // Value imports only: `import type` is erased and import() is lazy.
      for (const match of text.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm)) {
        const spec = match[1]!;
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
        else external.add(spec);
      }
    };
    visit(join(SRC, 'config.ts'));
    assert.deepEqual([...external].sort(), ['node:fs', 'node:path', 'zod']);
    const carrierFiles = [...seen].filter((f) => f.includes('/carriers/')).map((f) => f.slice(SRC.length + 1)).sort();
    assert.deepEqual(carrierFiles, [
      'carriers/connector-schema.ts', 'carriers/connector-type.ts', 'carriers/mm1/mm1-type.ts', 'carriers/mm1/reports-via-check.ts', 'carriers/mm4/mm4-type.ts', 'carriers/mm7/mm7-type.ts',
      'carriers/registry.ts', 'carriers/route-check.ts', 'carriers/route-schema.ts', 'carriers/sandbox-smsc/sandbox-smsc-type.ts',
      'carriers/sandbox/sandbox-type.ts', 'carriers/smpp/smpp-type.ts',
    ]);
  });
});

describe('carriers and routes in the configuration', () => {
  test('the default is the sandboxes (MMSC and SMSC) for every sender, in the normalised form', () => {
    const config = loadConfig({}, {});
    assert.deepEqual(config.routes, [{ from: '*', carriers: ['sandbox', 'sandbox-smsc'] }]);
    assert.equal(config.carriers.sandbox?.type, 'sandbox');
    assert.equal(config.carriers['sandbox-smsc']?.type, 'sandbox-smsc');
  });

  test('a config with carriers but no routes gets the default route over the carriers it defines', () => {
    assert.deepEqual(defaultRoutesFor({ sandbox: {} }), [{ from: '*', carriers: ['sandbox'] }]);
    assert.deepEqual(defaultRoutesFor({ acme: {} }), [{ from: '*', carriers: ['sandbox', 'sandbox-smsc'] }]);
  });

  test('the first version\'s { from, carrier } is accepted and normalised', () => {
    const config = withFile({ carriers: { sandbox: { type: 'sandbox' }, acme: MM7 }, routes: [{ from: '*', carrier: 'sandbox' }, { from: '+1212', carrier: 'acme' }] });
    assert.deepEqual(config.routes, [{ from: '*', carriers: ['sandbox'] }, { from: '+1212', carriers: ['acme'] }]);
  });

  test('the full form: account, channel, sender and recipient prefixes, failover list, rate limit', () => {
    const config = withFile({
      carriers: { sandbox: { type: 'sandbox', rateLimit: { perSecond: 50 } }, acme: { ...MM7, rateLimit: { perSecond: 20, maxInFlight: 8 } } },
      routes: [{ account: 'acc_1', channel: 'mms', from: '+1212', to: '+44', carriers: ['acme', 'sandbox'] }, { carriers: ['sandbox'], to: '*' }],
    });
    assert.deepEqual(config.routes, [{ account: 'acc_1', channel: 'mms', from: '+1212', to: '+44', carriers: ['acme', 'sandbox'] }, { from: '*', carriers: ['sandbox'] }]);
    assert.deepEqual(config.carriers.acme?.rateLimit, { perSecond: 20, maxInFlight: 8 });
    assert.deepEqual(config.carriers.sandbox?.rateLimit, { perSecond: 50 });
  });

  test('a route naming an unknown carrier is refused, naming the route and the carrier', () => {
    const message = configErrors({ routes: [{ from: '*', carriers: ['sandbox', 'nope'] }] });
    assert.match(message, /routes\.0: carrier "nope" is not defined in carriers/);
  });

  test('a route whose carrier does not serve its channel is refused', () => {
    const message = configErrors({ carriers: { sandbox: { type: 'sandbox' }, acme: MM7 }, routes: [{ from: '*', carriers: ['sandbox'] }, { channel: 'sms', carriers: ['acme'] }] });
    assert.match(message, /routes\.1: carrier "acme" \(type mm7\) does not serve sms; it serves mms/);
  });

  test('malformed routes are refused with the path of the bad setting', () => {
    assert.match(configErrors({ routes: [{ from: '*' }] }), /routes\.0: .*exactly one of them/);
    assert.match(configErrors({ routes: [{ from: '*', carrier: 'sandbox', carriers: ['sandbox'] }] }), /routes\.0: .*exactly one of them/);
    assert.match(configErrors({ routes: [{ carriers: ['sandbox', 'sandbox'] }] }), /routes\.0\.carriers: a carrier appears twice/);
    assert.match(configErrors({ routes: [{ carriers: [] }] }), /routes\.0\.carriers/);
    assert.match(configErrors({ routes: [{ to: '44', carriers: ['sandbox'] }] }), /routes\.0\.to: use "\*" or an E\.164 prefix/);
    assert.match(configErrors({ routes: [{ channel: 'fax', carriers: ['sandbox'] }] }), /routes\.0\.channel/);
    assert.match(configErrors({ routes: [{ carriers: ['sandbox'], via: 'x' }] }), /routes\.0: .*via/);
    assert.match(configErrors({ routes: [] }), /routes/);
  });

  test('carrier settings are checked by their type\'s schema', () => {
    assert.match(configErrors({ carriers: { smpp: { type: 'smpp2' } }, routes: [{ carriers: ['smpp'] }] }), /carriers\.smpp\.type/);
    assert.match(configErrors({ carriers: { smsc: { type: 'smpp', host: 'h' } }, routes: [{ carriers: ['smsc'] }] }), /carriers\.smsc\.systemId/);
    assert.match(configErrors({ carriers: { smsc: { type: 'smpp', host: 'h', systemId: 'x', windowSize: 0 } }, routes: [{ carriers: ['smsc'] }] }), /carriers\.smsc\.windowSize/);
    assert.match(configErrors({ carriers: { smsc: { type: 'smpp', host: 'h', systemId: 'x', bindMode: 'both' } }, routes: [{ carriers: ['smsc'] }] }), /carriers\.smsc\.bindMode/);
    // SMPP TLS and validity settings: wrong types, unknown keys, out-of-range values.
    for (const [extra, field] of [
      [{ tls: 'yes' }, 'tls'], [{ tls: { ca: '' } }, 'tls'], [{ tls: { ca: '/x.pem', verify: false } }, 'tls'], [{ tls: { servername: 'x'.repeat(254) } }, 'tls'],
      [{ validityPeriod: 0 }, 'validityPeriod'], [{ validityPeriod: 31 * 86_400 + 1 }, 'validityPeriod'], [{ validityPeriod: 1.5 }, 'validityPeriod'], [{ validityPeriod: '1h' }, 'validityPeriod'],
      [{ validityFormat: 'unix' }, 'validityFormat'],
    ] as const) {
      assert.match(configErrors({ carriers: { smsc: { type: 'smpp', host: 'h', systemId: 'x', ...extra } }, routes: [{ carriers: ['smsc'] }] }), new RegExp(`carriers\\.smsc\\.${field}`), JSON.stringify(extra));
    }
    const tlsConfig = withFile({ carriers: { smsc: { type: 'smpp', host: 'h', systemId: 'x', tls: { ca: '/etc/porm/ca.pem' }, validityPeriod: 3600 } }, routes: [{ carriers: ['smsc'] }] });
    assert.deepEqual(tlsConfig.carriers.smsc, { ...tlsConfig.carriers.smsc, tls: { ca: '/etc/porm/ca.pem' }, validityPeriod: 3600, validityFormat: 'relative' });
    assert.match(configErrors({ carriers: { acme: { ...MM7, port: 5 } }, routes: [{ carriers: ['acme'] }] }), /carriers\.acme: .*port/);
    assert.match(configErrors({ carriers: { acme: { ...MM7, url: 'ftp://x' } }, routes: [{ carriers: ['acme'] }] }), /carriers\.acme\.url/);
    assert.match(configErrors({ carriers: { sandbox: { type: 'sandbox', url: 'http://x' } } }), /carriers\.sandbox: .*url/);
    assert.match(configErrors({ carriers: { sandbox: { type: 'sandbox', rateLimit: { perSecond: 0 } } } }), /carriers\.sandbox\.rateLimit\.perSecond/);
    assert.match(configErrors({ carriers: { sandbox: { type: 'sandbox', rateLimit: { maxInFlight: 1.5 } } } }), /carriers\.sandbox\.rateLimit\.maxInFlight/);
    assert.match(configErrors({ carriers: { sandbox: { type: 'sandbox', rateLimit: { burst: 3 } } } }), /carriers\.sandbox\.rateLimit: .*burst/);
  });
});
