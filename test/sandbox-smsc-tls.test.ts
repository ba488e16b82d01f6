import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPormError } from '../src/errors.ts';
import { createLogger } from '../src/logger.ts';
import { decodePdu, encodePdu, PduFramer, type Pdu } from '../src/sms/pdu/index.ts';
import { SandboxSmsc } from '../src/carriers/sandbox-smsc/sandbox-smsc.ts';
import { loadSmscTls } from '../src/carriers/sandbox-smsc/smsc-tls.ts';
import { TestEsme } from '../src/carriers/sandbox-smsc/testing/test-esme.ts';
import { openSmpp } from '../src/carriers/smpp/smpp-connector.ts';
import { smppSchema } from '../src/carriers/smpp/smpp-type.ts';
import { opensslMissing, selfSigned } from './helpers/self-signed.ts';
import { cleanup, eventually, startHarness, tempDir, waitForStatus, type Harness } from './helpers/harness.ts';

// The sandbox SMSC over TLS as a user sets it up: a `sandbox-smsc` carrier with `tls: { key, cert }`
// (porm start runs the SMSC with TLS and binds porm's client to it trusting that certificate),
// broken TLS files refused with stable codes, and the clients that must fail: plaintext SMPP on
// the TLS port, and a client that does not trust the certificate (which backs off, never spins).
// Certificates are made here with the openssl CLI into a temporary directory.

const openssl = opensslMissing;
const credentials = { systemId: 'porm', password: 'tls-pw1' };

function bindPdu(seq: number): Pdu {
  return { command: 'bind_transceiver', commandStatus: 0, sequenceNumber: seq, body: { ...credentials, systemType: '', interfaceVersion: 0x34, addressRange: { ton: 0, npi: 0, address: '' } } };
}

const codeOf = (code: string) => (err: unknown): boolean => isPormError(err) && err.code === code;

describe('sandbox SMSC over TLS', { skip: openssl }, () => {
  const dir = tempDir('porm-smsc-tls-');
  let good: { key: string; cert: string };
  let other: { key: string; cert: string };
  let smsc: SandboxSmsc;
  before(async () => {
    good = selfSigned(dir, 'smsc');
    other = selfSigned(dir, 'other');
    smsc = await SandboxSmsc.start({ credentials, deliveryDelayMs: 20, tls: loadSmscTls(good) });
  });
  after(async () => {
    await smsc.close();
    cleanup(dir);
  });

  test('broken TLS files are refused before anything listens, each with its code', async () => {
    assert.throws(() => loadSmscTls({ key: join(dir, 'missing.key'), cert: good.cert }), codeOf('PORM_SANDBOX_SMSC_TLS_UNREADABLE'));
    assert.throws(() => loadSmscTls({ key: good.key, cert: join(dir, 'missing.pem') }), codeOf('PORM_SANDBOX_SMSC_TLS_UNREADABLE'));
    assert.throws(() => loadSmscTls({ key: good.key, cert: dir }), codeOf('PORM_SANDBOX_SMSC_TLS_UNREADABLE'));
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'not a certificate\n');
    assert.throws(() => loadSmscTls({ key: good.key, cert: garbage }), codeOf('PORM_SANDBOX_SMSC_TLS_INVALID'));
    assert.throws(() => loadSmscTls({ key: other.key, cert: good.cert }), codeOf('PORM_SANDBOX_SMSC_TLS_INVALID'), 'a key that is not the certificate\'s');
    await assert.rejects(SandboxSmsc.start({ credentials, tls: { key: readFileSync(other.key), cert: readFileSync(good.cert) } }), codeOf('PORM_SANDBOX_SMSC_TLS_INVALID'));
  });

  test('a plaintext SMPP client on the TLS port gets no bind and a closed connection; the SMSC goes on serving TLS', async () => {
    const failuresBefore = smsc.tlsFailures;
    const esme = await TestEsme.connect(smsc.port);
    esme.send(bindPdu(1));
    await esme.waitClosed();
    assert.deepEqual(esme.received, [], 'nothing SMPP comes back over plaintext');
    assert.equal(smsc.binds().length, 0);
    assert.ok(smsc.tlsFailures > failuresBefore, 'counted as a failed handshake');
    // porm's own client with tls off: a bind error with a code, the submit given back as transient.
    const log = createLogger({ logLevel: 'silent' });
    const events = { deliveryReport: async () => {}, inbound: async () => ({ id: 'inb_x' }), readReport: async () => {} };
    const plain = openSmpp('plain', smppSchema.parse({ type: 'smpp', host: '127.0.0.1', port: smsc.port, tls: false, ...credentials, submitWaitMs: 300, bindTimeoutMs: 2_000, reconnect: { initialMs: 100, maxMs: 200, jitter: 0 } }), events, log);
    try {
      const code = await eventually(async () => plain.pool.lastBindErrorCode(), 10_000, 'a failed plaintext bind');
      assert.match(code, /^PORM_SMPP_/);
      const result = await plain.outbound.submit({ id: 'msg_plain', channel: 'sms', accountId: 'acct_x', to: '+14155550123', from: '+14155550199', body: 'x', subject: null, media: [], expiresAt: null });
      assert.equal(result.outcome, 'transient');
    } finally {
      await plain.close();
    }
    // A TLS client that trusts the certificate still binds.
    const secure = openSmpp('secure', smppSchema.parse({ type: 'smpp', host: '127.0.0.1', port: smsc.port, tls: { ca: good.cert }, ...credentials, reconnect: { initialMs: 50, maxMs: 200, jitter: 0 } }), events, log);
    try {
      const result = await secure.outbound.submit({ id: 'msg_secure', channel: 'sms', accountId: 'acct_x', to: '+14155550123', from: '+14155550199', body: 'still TLS', subject: null, media: [], expiresAt: null });
      assert.equal(result.outcome, 'accepted', JSON.stringify(result));
    } finally {
      await secure.close();
    }
  });

  test('a client that does not trust the certificate fails with PORM_SMPP_TLS_CERTIFICATE and backs off instead of spinning', async () => {
    const log = createLogger({ logLevel: 'silent' });
    const events = { deliveryReport: async () => {}, inbound: async () => ({ id: 'inb_x' }), readReport: async () => {} };
    const initialMs = 200;
    const connectionsBefore = smsc.connections;
    const startedAt = Date.now();
    const untrusting = openSmpp('untrusting', smppSchema.parse({ type: 'smpp', host: '127.0.0.1', port: smsc.port, tls: true, ...credentials, binds: 1, reconnect: { initialMs, maxMs: initialMs, jitter: 0 } }), events, log);
    let attempts: number;
    let elapsed: number;
    try {
      assert.equal(await eventually(async () => untrusting.pool.lastBindErrorCode(), 10_000, 'a failed bind'), 'PORM_SMPP_TLS_CERTIFICATE');
      // Let it retry a few times (on a loaded machine it simply retries fewer).
      await eventually(async () => (smsc.connections - connectionsBefore >= 3 ? true : undefined), 20_000, 'a few reconnects');
    } finally {
      await untrusting.close();
      attempts = smsc.connections - connectionsBefore;
      elapsed = Date.now() - startedAt;
    }
    // Each reconnect waits at least initialMs: a spinning client would have made hundreds of attempts.
    // An upper bound only, from the time that actually passed, so a slow machine cannot break it.
    assert.ok(attempts <= Math.floor(elapsed / initialMs) + 2, `${attempts} connections in ${elapsed} ms`);
    assert.equal(smsc.binds().length, 0);
  });

  test('openssl s_client speaks SMPP to it over TLS: bind_transceiver_resp, then unbind_resp', async () => {
    const stream = Buffer.concat([encodePdu(bindPdu(1)), encodePdu({ command: 'unbind', commandStatus: 0, sequenceNumber: 2, body: {} })]);
    // Not spawnSync: the SMSC answering it runs in this very process. -quiet keeps the connection
    // after stdin ends, until the SMSC closes it after unbind_resp.
    const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${smsc.port}`, '-CAfile', good.cert, '-verify_return_error', '-quiet'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.stdin.end(stream);
    const timer = setTimeout(() => child.kill(), 30_000);
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
    clearTimeout(timer);
    assert.equal(status, 0, err);
    // A receipt still owed from an earlier test may come to this bind too (receipts wait for a receiver).
    const pdus = new PduFramer().push(Buffer.concat(out)).map((frame) => decodePdu(frame)).filter((p) => p.command !== 'deliver_sm');
    assert.deepEqual(pdus.map((p) => [p.command, p.commandStatus, p.sequenceNumber]), [['bind_transceiver_resp', 0, 1], ['unbind_resp', 0, 2]]);
  });

  test('a sandbox-smsc carrier with tls: porm start runs its SMSC over TLS and delivers through it; a missing key stops porm start with its code', async () => {
    const dataDir = tempDir();
    const configFile = join(dataDir, 'porm.json');
    const config = (tls: object): string => JSON.stringify({
      carriers: { 'sandbox-smsc': { type: 'sandbox-smsc', deliveryDelayMs: 20, tls } },
      routes: [{ from: '*', carriers: ['sandbox-smsc'] }],
    });
    let h: Harness | undefined;
    try {
      writeFileSync(configFile, config({ key: join(dir, 'nope.key'), cert: good.cert }));
      await assert.rejects(startHarness({ PORM_CONFIG: configFile }, dataDir), codeOf('PORM_SANDBOX_SMSC_TLS_UNREADABLE'));
      writeFileSync(configFile, config({ key: good.key, cert: good.cert }));
      h = await startHarness({ PORM_CONFIG: configFile }, dataDir);
      assert.equal((await h.api('POST', '/v1/numbers', { number: '+14155550199', capabilities: ['sms'] })).status, 201);
      const sent = await h.api('POST', '/v1/messages', { from: '+14155550199', to: '+14155550123', body: 'sandbox over TLS' });
      assert.equal(sent.status, 201, sent.text);
      const message = await waitForStatus(h, String(sent.body.id), 'delivered', 30_000);
      assert.equal(message.carrier, 'sandbox-smsc');
    } finally {
      await h?.stop();
      cleanup(dataDir);
    }
  });
});
