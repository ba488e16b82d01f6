import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, eventually, tempDir } from './helpers/harness.ts';
import { ChildPorm, freePort } from './helpers/child-porm.ts';

// `porm sandbox reply|fail` in one process, `porm start` in another on the same data directory:
// the CLI finds the running MMSC through its control file and has it speak MM7 to porm.

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function porm(dataDir: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/porm.js', '--data', dataDir, ...args], { env: { ...process.env, PORM_LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('porm sandbox against a running porm start', () => {
  const dataDir = tempDir('porm-sandbox-cli-');
  let server: ChildPorm;
  before(async () => {
    server = new ChildPorm(dataDir, await freePort(), [], { PORM_SANDBOX_DELIVERY_DELAY_MS: '600000' });
    await server.start();
    const registered = await server.api('POST', '/v1/numbers', { number: '+14155550199' });
    assert.equal(registered.status, 201, registered.text);
  });
  after(async () => {
    await server.stop();
    cleanup(dataDir);
  });

  test('reply: the handset writes to our number; the inbound message is in the running server', async () => {
    const file = join(dataDir, 'ann.vcf');
    writeFileSync(file, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n');
    const run = await porm(dataDir, ['sandbox', 'reply', '--from', '+14155550123', '--to', '+14155550199', '--body', 'STOP', '--media', file, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const inbound = JSON.parse(run.stdout) as { id: string; from: string; to: string; body: string; media: Array<{ content_type: string }> };
    assert.deepEqual([inbound.from, inbound.to, inbound.body, inbound.media.map((m) => m.content_type)], ['+14155550123', '+14155550199', 'STOP', ['text/vcard']]);
    const seen = await server.api('GET', `/v1/inbound-messages/${inbound.id}`);
    assert.equal(seen.status, 200, seen.text);
    assert.equal(seen.body.body, 'STOP');
  });

  test('fail: a sent message becomes undelivered', async () => {
    const sent = await server.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: 'x', channel: 'mms' });
    const id = String(sent.body.id);
    await eventually(async () => ((await server.api('GET', `/v1/messages/${id}`)).body.status === 'sent' ? true : undefined), 10_000, 'sent');
    const run = await porm(dataDir, ['sandbox', 'fail', id, '--status', 'rejected']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /is undelivered \(PORM_UNDELIVERED/);
    const after = await server.api('GET', `/v1/messages/${id}`);
    assert.equal(after.body.status, 'undelivered');
    const again = await porm(dataDir, ['sandbox', 'fail', id]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /PORM_SANDBOX_MESSAGE_FINAL/);
  });

  test('reply over SMS: --carrier sandbox-smsc makes the sandbox SMSC send an MO deliver_sm; a long text arrives whole', async () => {
    const text = `HELP ${'long reply '.repeat(20)}`.trim();
    const run = await porm(dataDir, ['sandbox', 'reply', '--carrier', 'sandbox-smsc', '--from', '+14155550124', '--to', '+14155550199', '--body', text, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const inbound = JSON.parse(run.stdout) as { id: string; carrier: string; from: string; body: string };
    assert.deepEqual([inbound.carrier, inbound.from, inbound.body], ['sandbox-smsc', '+14155550124', text]);
    const seen = await server.api('GET', `/v1/inbound-messages/${inbound.id}`);
    assert.equal(seen.body.body, text);
    const media = await porm(dataDir, ['sandbox', 'reply', '--carrier', 'sandbox-smsc', '--from', '+14155550124', '--to', '+14155550199', '--body', 'x', '--media', join(dataDir, 'ann.vcf')]);
    assert.equal(media.code, 1);
    assert.match(media.stderr, /PORM_SANDBOX_SMS_MEDIA/);
  });

  test('fail over SMS: a sent SMS gets an UNDELIV (or EXPIRED) receipt from the sandbox SMSC and becomes undelivered', async () => {
    const ids: string[] = [];
    for (const body of ['an sms to fail', 'an sms to expire']) {
      const sent = await server.api('POST', '/v1/messages', { to: '+14155550101', from: '+14155550199', body });
      assert.equal(sent.status, 201, sent.text);
      ids.push(String(sent.body.id));
    }
    for (const id of ids) await eventually(async () => ((await server.api('GET', `/v1/messages/${id}`)).body.status === 'sent' ? true : undefined), 10_000, 'sent');
    const run = await porm(dataDir, ['sandbox', 'fail', ids[0]!, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const failed = JSON.parse(run.stdout) as { status: string; carrier: string; error_code: string; events: Array<{ type: string; data?: Record<string, unknown> }> };
    assert.deepEqual([failed.status, failed.carrier, failed.error_code], ['undelivered', 'sandbox-smsc', 'PORM_UNDELIVERED']);
    assert.equal(failed.events.at(-1)?.data?.carrier_status, 'UNDELIV');
    const expired = await porm(dataDir, ['sandbox', 'fail', ids[1]!, '--status', 'expired', '--json']);
    assert.equal(expired.code, 0, expired.stderr);
    assert.equal((JSON.parse(expired.stdout) as { events: Array<{ data?: Record<string, unknown> }> }).events.at(-1)?.data?.carrier_status, 'EXPIRED');
    const again = await porm(dataDir, ['sandbox', 'fail', ids[0]!]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /PORM_SANDBOX_MESSAGE_FINAL/);
  });

  test('bad input is refused with its code', async () => {
    const run = await porm(dataDir, ['sandbox', 'reply', '--from', 'nobody', '--to', '+14155550199', '--body', 'x']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /PORM_INVALID_PHONE_NUMBER/);
    const unknown = await porm(dataDir, ['sandbox', 'reply', '--from', '+14155550123', '--to', '+14155550199', '--body', 'x', '--carrier', 'acme']);
    assert.match(unknown.stderr, /PORM_SANDBOX_CARRIER_UNKNOWN/);
  });

  test('with porm stopped, the CLI says the sandbox is not running', async () => {
    await server.stop();
    assert.equal(existsSync(join(dataDir, 'sandbox-mmsc-sandbox.control.json')), false, 'the control file goes with the MMSC');
    assert.equal(existsSync(join(dataDir, 'sandbox-mmsc-sandbox-smsc.control.json')), false, 'and with the SMSC');
    const sms = await porm(dataDir, ['sandbox', 'reply', '--carrier', 'sandbox-smsc', '--from', '+14155550123', '--to', '+14155550199', '--body', 'x']);
    assert.equal(sms.code, 1);
    assert.match(sms.stderr, /PORM_SANDBOX_NOT_RUNNING/);
    const run = await porm(dataDir, ['sandbox', 'reply', '--from', '+14155550123', '--to', '+14155550199', '--body', 'x']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /PORM_SANDBOX_NOT_RUNNING/);
  });
});
