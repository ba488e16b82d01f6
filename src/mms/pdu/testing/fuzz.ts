// Mutation fuzzing of the decoder, shared by fuzz.test.ts (a few thousand cases) and
// bench/fuzz-pdu.ts (>= 100 000). Deterministic: a seeded PRNG picks every mutation.
import { isDeepStrictEqual } from 'node:util';
import { decodePdu } from '../decode.ts';
import { encodePdu } from '../encode.ts';
import { pduToJson } from '../json.ts';
import type { Pdu } from '../model.ts';
import { PduError } from '../pdu-error.ts';

/** mulberry32: small, fast, good enough to spread mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [0x00, 0x01, 0x1e, 0x1f, 0x20, 0x22, 0x7f, 0x80, 0x81, 0x84, 0x8c, 0x8d, 0xa3, 0xb3, 0xc0, 0xea, 0xff];

/** One to four random edits: flips, interesting octets, inserts, deletes, duplicates, truncation. */
export function mutate(input: Uint8Array, rand: () => number): Uint8Array {
  let buf = Buffer.from(input);
  const int = (n: number): number => Math.floor(rand() * n);
  const edits = 1 + int(4);
  for (let e = 0; e < edits; e++) {
    const at = int(buf.length + 1);
    switch (int(7)) {
      case 0:
        if (at < buf.length) buf[at] = buf[at]! ^ (1 << int(8));
        break;
      case 1:
        if (at < buf.length) buf[at] = INTERESTING[int(INTERESTING.length)]!;
        break;
      case 2: {
        const extra = Buffer.from(Array.from({ length: 1 + int(8) }, () => (rand() < 0.5 ? INTERESTING[int(INTERESTING.length)]! : int(256))));
        buf = Buffer.concat([buf.subarray(0, at), extra, buf.subarray(at)]);
        break;
      }
      case 3:
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + 1 + int(16))]);
        break;
      case 4: {
        const len = 1 + int(32);
        buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at, at + len), buf.subarray(at)]);
        break;
      }
      case 5:
        buf = buf.subarray(0, at);
        break;
      default:
        // A large uintvar / length where a small one was: the classic length-past-buffer case.
        if (at + 5 <= buf.length) buf.set([0x8f, 0xff, 0xff, 0xff, 0x7f].slice(int(4)), at);
    }
  }
  return buf;
}

export interface FuzzStats {
  cases: number;
  decoded: number;
  reencoded: number;
  errors: Map<string, number>;
  /** Non-PduError exceptions: each one is a decoder or encoder bug. */
  crashes: { input: string; error: string }[];
}

/**
 * Decodes one input. The decoder must return a PDU or throw PduError; when it returns, relay
 * encoding must write the PDU (the codec's promise: whatever decodePdu accepts encodes again),
 * and what it writes must decode to the same model.
 */
export function fuzzOne(input: Uint8Array, stats: FuzzStats): void {
  stats.cases++;
  const crash = (err: unknown): void => {
    if (stats.crashes.length < 20) stats.crashes.push({ input: Buffer.from(input).toString('hex'), error: err instanceof Error ? err.stack ?? err.message : String(err) });
  };
  let result;
  try {
    result = decodePdu(input);
  } catch (err) {
    if (err instanceof PduError) stats.errors.set(err.code, (stats.errors.get(err.code) ?? 0) + 1);
    else crash(err);
    return;
  }
  stats.decoded++;
  const problem = reencodeProblem(result.pdu);
  if (problem === undefined) stats.reencoded++;
  else crash(new Error(problem));
}

/** Why `pdu` (as decoded) does not survive relay encoding and decoding again, or undefined. */
export function reencodeProblem(pdu: Pdu): string | undefined {
  let again: Buffer;
  try {
    again = encodePdu(pdu, { relay: true });
  } catch (err) {
    return `relay encoding refused a decoded PDU: ${String(err)}`;
  }
  let back: Pdu;
  try {
    back = decodePdu(again).pdu;
  } catch (err) {
    return `re-encoded PDU does not decode: ${String(err)} (re-encoded: ${again.toString('hex')})`;
  }
  const want = pduToJson(pdu);
  const got = pduToJson(back);
  if (isDeepStrictEqual(want, got)) return undefined;
  const short = (j: unknown): string => JSON.stringify(j).replace(/"base64":"[^"]{40,}"/g, '"base64":"…"');
  return `re-encoded PDU decodes to another model:\n  first ${short(want)}\n  again ${short(got)}\n  re-encoded ${again.toString('hex').slice(0, 600)}`;
}

export function newStats(): FuzzStats {
  return { cases: 0, decoded: 0, reencoded: 0, errors: new Map(), crashes: [] };
}

/** Runs `count` mutations spread over `seeds`. */
export function fuzz(seeds: Uint8Array[], count: number, seed = 1): FuzzStats {
  const rand = prng(seed);
  const stats = newStats();
  for (let i = 0; i < count; i++) fuzzOne(mutate(seeds[i % seeds.length]!, rand), stats);
  return stats;
}
