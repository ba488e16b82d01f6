// npm run bench -- mm4 [--seconds N] [--concurrency N]
// MM4_forward round trips per second: porm's MM4 client forwards an MMS (text + 20 KB image) over SMTP
// to the sandbox peer MMSC (`porm sandbox-mm4`, its own process), which parses it and mails back an
// MM4_forward.RES that porm's side receives over SMTP; a round trip ends when that RES arrives. The
// baseline, in the same run: the same client against a bare SMTP sink that answers 250 and sends nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { Mm4Carrier } from '../src/carriers/mm4/mm4-carrier.ts';
import { mm4Schema } from '../src/carriers/mm4/mm4-type.ts';
import type { OutboundMessage } from '../src/carriers/carrier.ts';
import { freePort, stopChild } from './support/processes.ts';
import { submitLoop, type LoopResult } from './support/submit-loop.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = flag('seconds', 8);
const concurrency = flag('concurrency', 16);
const PASSWORD = 'bench-password-123';

/** Starts a child and waits until its stderr says `ready` (or prints the sandbox's banner). */
async function startSmtpChild(argv: string[], ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PORM_CONFIG: '' } });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      if (ready.test(err)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${argv.join(' ')} exited ${code}: ${err}`)));
  });
  return child;
}

/** Where the peer's answers arrive: resolves the waiter of each transaction id as its RES comes in. */
async function answerSink(): Promise<{ port: number; wait(id: string): Promise<void>; close(): Promise<void> }> {
  const waiters = new Map<string, () => void>();
  const arrived = new Set<string>();
  const server = new SMTPServer({
    logger: false, disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => { if (head.length < 4096) head += c.toString('latin1'); });
      stream.on('end', () => {
        const id = /^X-Mms-Transaction-ID: (\S+)/m.exec(head)?.[1];
        if (id !== undefined && /^X-Mms-Message-Type: MM4_forward\.RES/m.test(head)) {
          const w = waiters.get(id);
          if (w) { waiters.delete(id); w(); } else arrived.add(id);
        }
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.server.address() as AddressInfo).port,
    wait: (id) => (arrived.delete(id) ? Promise.resolve() : new Promise<void>((r) => waiters.set(id, r))),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function drive(peerPort: number, waitForRes: ((id: string) => Promise<void>) | null): Promise<LoopResult> {
  const config = mm4Schema.parse({
    type: 'mm4', peerDomain: 'mms.sandbox-peer.example', domain: 'mms.porm.example',
    smtp: { host: '127.0.0.1', port: peerPort, startTls: 'off', username: 'porm', password: PASSWORD, maxConnections: concurrency },
    peer: { allowFrom: ['127.0.0.1'] },
  });
  const carrier = new Mm4Carrier('bench', config, pino({ level: 'silent' }));
  const image = Buffer.alloc(20_000, 7);
  const result = await submitLoop(async (n) => {
    const id = `msg_bench${String(n).padStart(21, '0')}`;
    const message: OutboundMessage = {
      id, accountId: 'acct', to: '+14155550100', from: '+14155550199', body: 'Your order has shipped', subject: 'Order',
      media: [{ contentType: 'image/jpeg', data: image, filename: 'a.jpg' }], expiresAt: null, channel: 'mms',
    };
    // Wait for the RES from the moment the forward leaves: it may overtake the SMTP 250.
    const res = waitForRes?.(id);
    if ((await carrier.submit(message)).outcome !== 'accepted') return false;
    await res;
    return true;
  }, { seconds, concurrency, warmUpMs: 1500 });
  await carrier.close();
  return result;
}

async function main(): Promise<void> {
  const barePort = await freePort();
  const bare = await startSmtpChild(['--import', 'tsx', 'bench/support/bare-smtp.ts', String(barePort)], /ready/);
  const baseline = await drive(barePort, null);
  await stopChild(bare);

  const sink = await answerSink();
  const peerPort = await freePort();
  const peer = await startSmtpChild(['bin/porm.js', 'sandbox-mm4', '--port', String(peerPort), '--password', PASSWORD,
    '--answer-to', `127.0.0.1:${sink.port}`, '--delivery-delay-ms', '3600000'], /test numbers/);
  const sandbox = await drive(peerPort, sink.wait);
  await stopChild(peer);
  await sink.close();

  console.log(`MM4_forward.REQ (text + 20 KB image, SMIL) over SMTP, ${concurrency} concurrent, ${seconds} s, loopback`);
  console.log(`bare SMTP sink (250, no answer)            ${baseline.rate.toFixed(0).padStart(7)} /s   (accepted ${baseline.accepted}, other ${baseline.other})`);
  console.log(`sandbox peer MMSC (parse + forward.RES)    ${sandbox.rate.toFixed(0).padStart(7)} /s   (accepted ${sandbox.accepted}, other ${sandbox.other})`);
  console.log(`ratio: ${(sandbox.rate / baseline.rate).toFixed(3)}× the bare SMTP sink (round trip = submit + its MM4_forward.RES)`);
}

await main();
