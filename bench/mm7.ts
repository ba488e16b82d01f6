// npm run bench -- mm7 [--seconds N] [--concurrency N]
// SubmitReq round trips per second from porm's MM7 connector to the sandbox MMSC over loopback
// (SOAP build + HTTP + MMSC parse, auth, durable ledger write + SubmitRsp parse), next to the
// same connector against a bare server that answers a fixed SubmitRsp, in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Mm7Carrier } from '../src/carriers/mm7/mm7-carrier.ts';
import type { OutboundMessage } from '../src/carriers/carrier.ts';
import { freePort, startChild, stopChild } from './support/processes.ts';
import { submitLoop, type LoopResult } from './support/submit-loop.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = flag('seconds', 8);
const concurrency = flag('concurrency', 32);
const PASSWORD = 'bench-password-123';

async function drive(url: string): Promise<LoopResult> {
  const carrier = new Mm7Carrier('bench', {
    type: 'mm7', url, username: 'vasp', password: PASSWORD, vaspId: 'porm', vasId: 'bench', release: 'REL-6-MM7-1-4',
    transferEncoding: 'binary', deliveryReport: true, timeoutMs: 10_000, maxSockets: concurrency,
  }, pino({ level: 'silent' }));
  const image = Buffer.alloc(20_000, 7);
  const result = await submitLoop(async (n) => {
    const message: OutboundMessage = {
      id: `msg_bench${String(n).padStart(21, '0')}`, accountId: 'acct', to: '+14155550100', from: '+14155550199',
      body: 'Your order has shipped', subject: 'Order', media: [{ contentType: 'image/jpeg', data: image, filename: 'a.jpg' }], expiresAt: null, channel: 'mms',
    };
    return (await carrier.submit(message)).outcome === 'accepted';
  }, { seconds, concurrency, warmUpMs: 1500 });
  await carrier.close();
  return result;
}

async function main(): Promise<void> {
  const barePort = await freePort();
  const bare = await startChild(['--import', 'tsx', 'bench/support/bare-mm7.ts', String(barePort)], {}, `http://127.0.0.1:${barePort}/`);
  const baseline = await drive(`http://127.0.0.1:${barePort}/mm7`);
  await stopChild(bare);

  const dataDir = mkdtempSync(join(tmpdir(), 'porm-bench-mm7-'));
  const port = await freePort();
  const mmsc = await startChild(['bin/porm.js', '--data', dataDir, 'sandbox-mmsc', '--port', String(port), '--password', PASSWORD, '--log-level', 'warn'], {}, `http://127.0.0.1:${port}/`);
  const sandbox = await drive(`http://127.0.0.1:${port}/mm7`);
  await stopChild(mmsc);
  rmSync(dataDir, { recursive: true, force: true });

  console.log(`SubmitReq (text + 20 KB image, SMIL) round trips, ${concurrency} concurrent, ${seconds} s, loopback`);
  console.log(`bare server, fixed SubmitRsp        ${baseline.rate.toFixed(0).padStart(7)} /s   (accepted ${baseline.accepted}, other ${baseline.other})`);
  console.log(`sandbox MMSC (auth, parse, ledger)  ${sandbox.rate.toFixed(0).padStart(7)} /s   (accepted ${sandbox.accepted}, other ${sandbox.other})`);
  console.log(`ratio: ${(sandbox.rate / baseline.rate).toFixed(3)}× the bare server; goal ≥ 1,000 SubmitReq round trips/s`);
}

await main();
