// Mutation fuzzing of the SMPP 3.4 decoder (and of re-encoding what it returns), >= 100 000 cases.
// Seeds: one PDU of every command porm encodes and the shared vectors when ../shared/fixtures
// exists. Exit status 1 when any case crashed (threw something other than SmppPduError, or
// re-encoded to a different PDU). No timing target: it prints cases per second for the record.
// Run: npm run bench -- fuzz-smpp [CASES] [SEED]   or   node --import tsx bench/fuzz-smpp.ts [CASES] [SEED]
import { encodePdu } from '../src/sms/pdu/encode.ts';
import { loadVectors, vectorsSkip } from '../src/sms/pdu/testing/fixtures.ts';
import { fuzz } from '../src/sms/pdu/testing/fuzz.ts';
import { SAMPLE_PDUS } from '../src/sms/pdu/testing/samples.ts';

const cases = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
if (vectorsSkip) console.log(`shared vectors ${vectorsSkip}`);
const seeds = [...SAMPLE_PDUS.map((p) => encodePdu(p)), ...loadVectors().pdu_vectors.map((v) => Buffer.from(v.hex, 'hex'))];

const started = performance.now();
const stats = fuzz(seeds, cases, seed);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seed, cases: stats.cases, decoded: stats.decoded, errors: Object.fromEntries(stats.errors), crashes: stats.crashes.length, casesPerSecond: Math.round(stats.cases / seconds) }));
for (const c of stats.crashes.slice(0, 10)) console.log(`crash: ${c}`);
process.exitCode = stats.crashes.length > 0 ? 1 : 0;
