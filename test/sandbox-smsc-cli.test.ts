// `porm sandbox-smsc` as a user runs it: a separate process on a free port, bound by an SMPP
// client over loopback, answering a submit and sending its receipt.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { getTlv } from '../src/sms/pdu/index.ts';
import { submitSm, TestEsme } from '../src/carriers/sandbox-smsc/testing/test-esme.ts';

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
