// npm run bench -- smpp [--count N]
// submit_sm round trips per second through porm's smpp connector (2 binds, window 10 each),
// against porm's sandbox SMSC and against a bare SMPP responder that answers every submit at
// once, in the same run on the same machine. Each message is one GSM-7 segment.
import { createLogger } from '../src/logger.ts';
import type { CarrierEvents } from '../src/carriers/carrier-events.ts';
import type { OutboundMessage } from '../src/carriers/carrier.ts';
import { openSmpp } from '../src/carriers/smpp/smpp-connector.ts';
import { smppSchema } from '../src/carriers/smpp/smpp-type.ts';
import { SandboxSmsc } from '../src/carriers/sandbox-smsc/sandbox-smsc.ts';
import { startBareSmsc } from './support/bare-smsc.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--count');
const count = at >= 0 ? Number(args[at + 1]) : 20_000;
const log = createLogger({ logLevel: 'silent' });
const events: CarrierEvents = { deliveryReport: async () => {}, inbound: async () => ({ id: 'inb' }), readReport: async () => {}, inboundPart: async () => ({ id: null }) };

async function measure(port: number, systemId: string, password: string): Promise<number> {
  const config = smppSchema.parse({ type: 'smpp', host: '127.0.0.1', port, systemId, password, binds: 2, windowSize: 10, registeredDelivery: false, requestTimeoutMs: 30_000 });
  const smpp = openSmpp('bench', config, events, log);
  while (smpp.pool.transmitters().length < 2) await new Promise((r) => setTimeout(r, 10));
  const run = async (n: number, tag: string): Promise<number> => {
    let next = 0;
    const start = performance.now();
    // 20 submitters keep both windows full.
    await Promise.all(Array.from({ length: 20 }, async () => {
      while (next < n) {
        const i = next++;
        const message: OutboundMessage = { id: `msg_${tag}_${i}`, channel: 'sms', accountId: 'acc', to: '+14155550100', from: '+14155550199', body: `bench message ${i}`, subject: null, media: [], expiresAt: null };
        const result = await smpp.outbound.submit(message);
        if (result.outcome !== 'accepted') throw new Error(`submit ${i}: ${result.outcome}`);
      }
    }));
    return n / ((performance.now() - start) / 1000);
  };
  await run(Math.min(1000, count), 'warm');
  const rate = await run(count, 'run');
  await smpp.close();
  return rate;
}

async function main(): Promise<void> {
  const bare = await startBareSmsc();
  const baseline = await measure(bare.port, 'bench', 'bench');
  await bare.close();
  const smsc = await SandboxSmsc.start({ credentials: { systemId: 'bench', password: 'bench' }, deliveryDelayMs: 3_600_000 });
  const sandbox = await measure(smsc.port, 'bench', 'bench');
  await smsc.close();
  console.log(`submit_sm round trips, ${count} one-segment messages, 2 binds x window 10, loopback, same process`);
  console.log(`bare SMPP responder      ${baseline.toFixed(0).padStart(8)} submits/s`);
  console.log(`porm sandbox SMSC        ${sandbox.toFixed(0).padStart(8)} submits/s`);
  console.log(`ratio: ${(sandbox / baseline).toFixed(3)}x the bare responder (goal >= 0.5x and >= 5,000/s)`);
}

await main();
