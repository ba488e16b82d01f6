// `porm sandbox-smsc` as a user runs it: a separate process on a free port, bound by an SMPP
// client over loopback, answering a submit and sending its receipt.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { getTlv } from '../src/sms/pdu/index.ts';
import { submitSm, TestEsme } from '../src/carriers/sandbox-smsc/testing/test-esme.ts';
import type { DeliveryReport } from '../src/carriers/carrier-events.ts';
import { openSmpp } from '../src/carriers/smpp/smpp-connector.ts';
import { smppSchema } from '../src/carriers/smpp/smpp-type.ts';
import { createLogger } from '../src/logger.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'porm.js');

test('porm sandbox-smsc listens, prints where, binds an ESME and sends receipts', async () => {
  const child = spawn(process.execPath, [BIN, 'sandbox-smsc', '--port', '0', '--system-id', 'kannel', '--password', 'k-pass1', '--delivery-delay-ms', '10', '--log-level', 'error'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /smpp:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m && out.includes('test numbers')) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    assert.match(out, /system_id kannel \/ password k-pass1/);
    const esme = await TestEsme.connect(port);
    assert.equal((await esme.bind('kannel', 'wrong')).commandStatus, 0x0e);
    assert.equal((await esme.bind('kannel', 'k-pass1', 'bind_transceiver', 2)).commandStatus, 0);
    const resp = await esme.call(submitSm(3, '+15005550010', 'from the CLI'));
    assert.ok(resp.command === 'submit_sm_resp' && resp.body.messageId !== null);
    const id = resp.body.messageId;
    await esme.waitFor((p) => p.command === 'deliver_sm' && getTlv(p.body.tlvs, 'receipted_message_id') === id);
    esme.close();
  } finally {
    child.kill('SIGTERM');
  }
});

test('porm sandbox-smsc refuses credentials SMPP cannot carry', async () => {
  const child = spawn(process.execPath, [BIN, 'sandbox-smsc', '--port', '0', '--password', 'longer-than-eight'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.notEqual(code, 0);
  assert.match(err, /--password must be 1 to 8/);
});

test('porm sandbox-smsc --tls-key/--tls-cert listens with SMPP over TLS; porm binds to it with tls.ca and gets the receipt', { skip: spawnSync('openssl', ['version']).status === 0 ? false : 'the openssl CLI is not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'porm-smsc-tls-'));
  const key = join(dir, 'smsc.key');
  const cert = join(dir, 'smsc.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=smsc', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const half = spawnSync(process.execPath, [BIN, 'sandbox-smsc', '--port', '0', '--tls-key', key], { encoding: 'utf8' });
  assert.notEqual(half.status, 0);
  assert.match(half.stderr, /PORM_CLI_USAGE/);
  const missing = spawnSync(process.execPath, [BIN, 'sandbox-smsc', '--port', '0', '--tls-key', join(dir, 'missing.key'), '--tls-cert', cert], { encoding: 'utf8' });
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /PORM_SANDBOX_SMSC_TLS_UNREADABLE/);
  const swapped = spawnSync(process.execPath, [BIN, 'sandbox-smsc', '--port', '0', '--tls-key', cert, '--tls-cert', key], { encoding: 'utf8' });
  assert.notEqual(swapped.status, 0);
  assert.match(swapped.stderr, /PORM_SANDBOX_SMSC_TLS_INVALID/);
  const child = spawn(process.execPath, [BIN, 'sandbox-smsc', '--port', '0', '--system-id', 'esme', '--password', 'tls-pw1', '--delivery-delay-ms', '10', '--tls-key', key, '--tls-cert', cert, '--log-level', 'error'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const reports: DeliveryReport[] = [];
  try {
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /smpp:\/\/127\.0\.0\.1:(\d+) \(SMPP 3\.4 over TLS/.exec(out);
        if (m && out.includes('test numbers')) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const events = { deliveryReport: async (r: DeliveryReport) => { reports.push(r); }, inbound: async () => ({ id: 'inb_x' }), readReport: async () => {} };
    const connector = openSmpp('secure', smppSchema.parse({ type: 'smpp', host: '127.0.0.1', port, tls: { ca: cert }, systemId: 'esme', password: 'tls-pw1', reconnect: { initialMs: 50, maxMs: 200, jitter: 0 } }), events, createLogger({ logLevel: 'silent' }));
    try {
      const result = await connector.outbound.submit({ id: 'msg_tls', channel: 'sms', accountId: 'acct_x', to: '+14155550123', from: '+14155550199', body: 'over TLS', subject: null, media: [], expiresAt: null });
      assert.equal(result.outcome, 'accepted', JSON.stringify(result));
      const id = result.outcome === 'accepted' ? result.carrierMessageId : '';
      const deadline = Date.now() + 15_000;
      while (!reports.some((r) => r.carrierMessageId === id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(reports.map((r) => [r.carrierMessageId, r.outcome]), [[id, 'delivered']]);
    } finally {
      await connector.close();
    }
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
