import fc from 'fast-check';
import { decodePdu } from '../decode.ts';
import { encodePdu } from '../encode.ts';
import { PduFramer } from '../framer.ts';
import type { Pdu } from '../model.ts';
import { SmppPduError } from '../pdu-error.ts';

// Mutation fuzzing shared by the test (a few thousand cases) and bench/fuzz-smpp.ts (>= 100 000):
// every input either decodes, and then re-encodes to something that decodes to the same PDU, or
// throws SmppPduError. Anything else is a crash.

export interface FuzzStats {
  cases: number;
  decoded: number;
  errors: Map<string, number>;
  crashes: string[];
}

function mutate(rng: () => number, seed: Buffer): Buffer {
  const b = Buffer.from(seed);
  const n = 1 + Math.floor(rng() * 4);
  let out = b;
  for (let i = 0; i < n; i++) {
    const r = rng();
    const at = Math.floor(rng() * Math.max(out.length, 1));
    if (r < 0.4 && out.length > 0) out[at] = Math.floor(rng() * 256);
    else if (r < 0.55) out = out.subarray(0, at);
    else if (r < 0.7) out = Buffer.concat([out.subarray(0, at), Buffer.from([Math.floor(rng() * 256)]), out.subarray(at)]);
    else if (r < 0.85 && out.length > 0) out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1)]);
    else out = Buffer.concat([out, Buffer.from(Array.from({ length: Math.floor(rng() * 8) }, () => Math.floor(rng() * 256)))]);
  }
  // Half the time fix command_length so the mutation reaches the body decoder.
  if (out.length >= 4 && rng() < 0.5) out.writeUInt32BE(out.length, 0);
  return out;
}

function check(input: Buffer, stats: FuzzStats): void {
  stats.cases++;
  let pdu: Pdu;
  try {
    pdu = decodePdu(input);
  } catch (err) {
    if (err instanceof SmppPduError) {
      stats.errors.set(err.code, (stats.errors.get(err.code) ?? 0) + 1);
      return;
    }
    stats.crashes.push(`${input.toString('hex')}: ${String(err)}`);
    return;
  }
  stats.decoded++;
  try {
    const again = decodePdu(encodePdu(pdu));
    if (JSON.stringify(again) !== JSON.stringify(pdu)) stats.crashes.push(`${input.toString('hex')}: re-encoding changed the PDU`);
  } catch (err) {
    // A decoded PDU may hold values the strict encoder refuses (over-long strings): fine, but only as SmppPduError.
    if (!(err instanceof SmppPduError)) stats.crashes.push(`${input.toString('hex')}: re-encode ${String(err)}`);
  }
}

/** `cases` mutations of the seeds plus random streams through a framer; deterministic for a seed. */
export function fuzz(seeds: Buffer[], cases: number, seed: number): FuzzStats {
  const stats: FuzzStats = { cases: 0, decoded: 0, errors: new Map(), crashes: [] };
  let state = seed >>> 0 || 1;
  const rng = (): number => {
    // xorshift32: fast and reproducible.
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 0x100000000;
  };
  for (let i = 0; i < cases; i++) {
    const base = seeds[Math.floor(rng() * seeds.length)]!;
    check(mutate(rng, base), stats);
  }
  // Random bytes as a socket stream: the framer either yields frames or throws BAD_LENGTH.
  const random = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 300 }), { seed, numRuns: Math.max(10, Math.floor(cases / 10)) });
  for (const bytes of random) {
    const framer = new PduFramer({ maxLength: 4096 });
    try {
      for (const frame of framer.push(Buffer.from(bytes))) check(frame, stats);
    } catch (err) {
      if (!(err instanceof SmppPduError)) stats.crashes.push(`${Buffer.from(bytes).toString('hex')}: framer ${String(err)}`);
    }
  }
  return stats;
}
