// Mutation fuzzing of the MM1 decoder (and of re-encoding what it returns), >= 100 000 cases.
// Seeds: one PDU of every type porm encodes, generated PDUs, and the shared fixture PDUs when
// ../shared/fixtures exists. Exit status 1 when any case crashed (threw something other than
// PduError, or re-encoded to something that does not decode).
// Run: node --import tsx bench/fuzz-pdu.ts [CASES] [SEED]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { encodePdu } from '../src/mms/pdu/encode.ts';
import { pduArb } from '../src/mms/pdu/testing/arbitraries.ts';
import { fixturePdus, haveFixtures, MMS_FIXTURES } from '../src/mms/pdu/testing/fixtures.ts';
import { fuzzOne, mutate, newStats, prng } from '../src/mms/pdu/testing/fuzz.ts';
import { SAMPLE_PDUS } from '../src/mms/pdu/testing/samples.ts';

const cases = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);

const own = [...Object.values(SAMPLE_PDUS), ...fc.sample(pduArb(), { seed, numRuns: 200 })].map((p) => encodePdu(p));
const fixtures = fixturePdus().map((f) => readFileSync(join(MMS_FIXTURES, f)));
if (!haveFixtures) console.log('fixture PDUs skipped: ../shared/fixtures not found');

const rand = prng(seed);
const stats = newStats();
let slowest = 0;
const started = performance.now();
for (let i = 0; i < cases; i++) {
  // Half the cases mutate porm's own PDUs, half the fixtures (when present).
  const pool = fixtures.length > 0 && i % 2 === 1 ? fixtures : own;
  const input = mutate(pool[Math.floor(rand() * pool.length)]!, rand);
  const t0 = performance.now();
  fuzzOne(input, stats);
  slowest = Math.max(slowest, performance.now() - t0);
}
const seconds = (performance.now() - started) / 1000;

console.log(`fuzz-pdu: ${stats.cases} cases in ${seconds.toFixed(1)} s (seed ${seed}; ${own.length} own seeds, ${fixtures.length} fixture seeds)`);
console.log(`  decoded: ${stats.decoded}, re-encoded and decoded again: ${stats.reencoded}, slowest case: ${slowest.toFixed(2)} ms`);
console.log(`  typed errors: ${[...stats.errors].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
console.log(`  crashes: ${stats.crashes.length}`);
for (const c of stats.crashes) console.log(`\n${c.error}\ninput: ${c.input.slice(0, 400)}`);
process.exitCode = stats.crashes.length > 0 ? 1 : 0;
