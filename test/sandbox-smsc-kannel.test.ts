// Debian's Kannel (bearerbox + smsbox), an SMPP client nobody here wrote, against porm's sandbox
// SMSC: it binds as a transceiver, submits what smsbox's sendsms interface is given, and reports
// the receipts to a dlr-url; MO texts the sandbox injects (a long one, parts out of order) reach
// smsbox's get-url whole. Config files are written into a temporary directory; loopback ports only.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SandboxSmsc } from '../src/carriers/sandbox-smsc/sandbox-smsc.ts';
import { SMS_SANDBOX_NUMBERS } from '../src/carriers/sandbox-smsc/sms-test-numbers.ts';

const BEARERBOX = '/usr/sbin/bearerbox';
const SMSBOX = '/usr/sbin/smsbox';
const skip = existsSync(BEARERBOX) && existsSync(SMSBOX) ? false : 'skipped: Kannel (/usr/sbin/bearerbox, /usr/sbin/smsbox) is not installed';
if (skip) console.log(`# ${skip}`);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Hit { path: string; query: URLSearchParams }

/** Waits, without a clock, until `check` finds what it looks for among what arrived. */
async function until<T>(what: string, check: () => T | undefined, logs: () => string, limitMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = check();
    if (found !== undefined) return found;
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}\n${logs()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`Kannel against the sandbox SMSC${skip ? ` (${skip})` : ''}`, { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'porm-kannel-'));
  const hits: Hit[] = [];
  let smsc: SandboxSmsc;
  let http: Server;
  let httpPort = 0;
  let sendsmsPort = 0;
  const boxes: ChildProcess[] = [];
  const logs = (): string => ['bearerbox.log', 'smsbox.log', 'smsc.log'].map((f) => {
    const p = join(dir, f);
    return existsSync(p) ? `--- ${f}\n${readFileSync(p, 'utf8').split('\n').slice(-25).join('\n')}` : '';
  }).join('\n');

  before(async () => {
    smsc = await SandboxSmsc.start({ credentials: { systemId: 'kannel', password: 'k-pass1' }, deliveryDelayMs: 50, receiptRetryMs: 200 });
    http = createHttpServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      hits.push({ path: url.pathname, query: url.searchParams });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    httpPort = (http.address() as AddressInfo).port;
    const [admin, box] = [await freePort(), await freePort()];
    sendsmsPort = await freePort();
    const conf = join(dir, 'kannel.conf');
    writeFileSync(conf, [
      'group = core', `admin-port = ${admin}`, 'admin-password = porm-admin', `smsbox-port = ${box}`, 'box-allow-ip = 127.0.0.1',
      `log-file = "${join(dir, 'bearerbox.log')}"`, 'log-level = 1', 'dlr-storage = internal', 'sms-resend-freq = 1', 'sms-resend-retry = 10',
      '',
      'group = smsc', 'smsc = smpp', 'smsc-id = porm', 'host = 127.0.0.1', `port = ${smsc.port}`, 'transceiver-mode = true',
      'smsc-username = kannel', 'smsc-password = k-pass1', 'system-type = ""', 'source-addr-ton = 1', 'source-addr-npi = 1',
      'dest-addr-ton = 1', 'dest-addr-npi = 1', 'enquire-link-interval = 30', 'reconnect-delay = 1', 'wait-ack = 10',
      `log-file = "${join(dir, 'smsc.log')}"`, 'log-level = 1',
      '',
      'group = smsbox', 'bearerbox-host = 127.0.0.1', `bearerbox-port = ${box}`, `sendsms-port = ${sendsmsPort}`, 'global-sender = 15005550006',
      `log-file = "${join(dir, 'smsbox.log')}"`, 'log-level = 1',
      '',
      'group = sendsms-user', 'username = tester', 'password = tester-pw', 'max-messages = 10', 'concatenation = true',
      '',
      'group = sms-service', 'keyword = default', 'catch-all = true', 'max-messages = 0',
      `get-url = "http://127.0.0.1:${httpPort}/mo?from=%p&to=%P&text=%a&coding=%c"`,
      '',
    ].join('\n'));
    boxes.push(spawn(BEARERBOX, [conf], { stdio: 'ignore' }));
    await until('Kannel to bind', () => (smsc.binds().some((b) => b.systemId === 'kannel' && b.mode === 'transceiver') ? true : undefined), logs);
    // smsbox gives up at once when bearerbox's box port is not open yet.
    let open = false;
    await until('bearerbox to open its smsbox port', () => {
      const socket = connect(box, '127.0.0.1');
      socket.once('connect', () => { open = true; socket.destroy(); });
      socket.once('error', () => socket.destroy());
      return open ? true : undefined;
    }, logs);
    boxes.push(spawn(SMSBOX, [conf], { stdio: 'ignore' }));
  });

  after(async () => {
    for (const b of boxes) b.kill('SIGTERM');
    await Promise.all(boxes.map((b) => new Promise((resolve) => (b.exitCode !== null ? resolve(null) : b.once('exit', resolve)))));
    await smsc.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function sendsms(to: string, text: string, tag: string): Promise<void> {
    const dlrUrl = `http://127.0.0.1:${httpPort}/dlr?tag=${tag}&type=%d&smscid=%F&reply=%A`;
    const query = new URLSearchParams({ username: 'tester', password: 'tester-pw', to, text, 'dlr-mask': '3', 'dlr-url': dlrUrl });
    const url = `http://127.0.0.1:${sendsmsPort}/cgi-bin/sendsms?${query}`;
    // smsbox opens its sendsms port a moment after it connects to bearerbox.
    await retryFetch(url);
  }

  async function retryFetch(url: string): Promise<string> {
    for (let i = 0; ; i++) {
      try {
        const res = await fetch(url);
        const body = await res.text();
        assert.ok(res.status === 202 || res.status === 200, `sendsms answered ${res.status}: ${body}`);
        return body;
      } catch (err) {
        if (i > 100 || (err instanceof assert.AssertionError)) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  it('submits through the sandbox and reports DELIVRD to the dlr-url', async () => {
    await sendsms('15005550010', 'hello from kannel', 'ok');
    const dlr = await until('a delivered DLR', () => hits.find((h) => h.path === '/dlr' && h.query.get('tag') === 'ok' && h.query.get('type') === '1'), logs);
    const submission = smsc.submissions.find((s) => s.to === '+15005550010' && s.status === 0);
    assert.ok(submission, 'the sandbox recorded the submit');
    assert.equal(submission.text, 'hello from kannel');
    assert.equal(dlr.query.get('smscid'), submission.messageId, 'Kannel matched the receipt to the id the sandbox gave');
  });

  it('reports an UNDELIV receipt as failed', async () => {
    await sendsms(SMS_SANDBOX_NUMBERS.undelivered.slice(1), 'will fail', 'undeliv');
    const dlr = await until('a failed DLR', () => hits.find((h) => h.path === '/dlr' && h.query.get('tag') === 'undeliv' && h.query.get('type') === '2'), logs);
    assert.match(dlr.query.get('reply') ?? '', /stat:UNDELIV/);
  });

  it('requeues after ESME_RTHROTTLED and gets the message through', async () => {
    await sendsms(SMS_SANDBOX_NUMBERS.flaky.slice(1), 'throttle me', 'flaky');
    await until('a delivered DLR after throttling', () => hits.find((h) => h.path === '/dlr' && h.query.get('tag') === 'flaky' && h.query.get('type') === '1'), logs);
    const tries = smsc.submissions.filter((s) => s.to === SMS_SANDBOX_NUMBERS.flaky);
    assert.deepEqual(tries.map((s) => s.status), [0x58, 0x58, 0]);
  });

  it('passes an injected MO text to smsbox, a long one reassembled from parts sent out of order', async () => {
    await smsc.injectMo({ from: '+15005550010', to: '+15005550006', text: 'STOP', systemId: 'kannel' });
    await until('the MO at get-url', () => hits.find((h) => h.path === '/mo' && h.query.get('text') === 'STOP'), logs);
    const long = 'porm sandbox long MO text. '.repeat(12).trim();
    await smsc.injectMo({ from: '+15005550010', to: '+15005550006', text: long, order: [2, 0, 1], systemId: 'kannel' });
    const mo = await until('the long MO at get-url', () => hits.find((h) => h.path === '/mo' && (h.query.get('text') ?? '').length > 200), logs);
    assert.equal(mo.query.get('text'), long);
  });
});
