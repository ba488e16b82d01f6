// The codec's promise (issue 12): for every PDU the decoder accepts, encode(decode(x)) in relay
// mode succeeds and decodes to the same model. Inputs: octets generated as peers write them
// (testing/wild.ts), mutations of porm's own PDUs and of the byte vectors the hardening tests
// use, and (when ../shared/fixtures exists) mutations of the real conformance/handset PDUs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodePdu } from './decode.ts';
import { encodePdu } from './encode.ts';
import { PduError } from './pdu-error.ts';
import { pduArb } from './testing/arbitraries.ts';
import { b } from './testing/bytes.ts';
import { fixturePdus, fixturesSkip, MMS_FIXTURES } from './testing/fixtures.ts';
import { mutate, prng, reencodeProblem } from './testing/fuzz.ts';
import { SAMPLE_PDUS } from './testing/samples.ts';
import { wildPdu } from './testing/wild.ts';

/** Undefined when `input` is refused (PduError) or survives; else what went wrong. */
function check(input: Uint8Array, accepted: { n: number }): string | undefined {
  let pdu;
  try {
    pdu = decodePdu(input).pdu;
  } catch (err) {
    if (err instanceof PduError) return undefined;
    return `decoder threw ${String(err)}`;
  }
  accepted.n++;
  const problem = reencodeProblem(pdu);
  return problem === undefined ? undefined : `${problem}\n  input ${Buffer.from(input).toString('hex')}`;
}

// The byte vectors of the hardening tests (written for porm, not copied from anywhere).
const HEAD = b`8C 80 98 "T" 00 8D 92 89 01 81 97 "+1555/TYPE=PLMN" 00`;
const OWN_VECTORS = [
  b`8C 82 98 "N1" 00 8D 92 8A 80 8E 02 10 00 88 05 81 03 03 F4 7F 83 "http://mmsc/x1" 00 00`,
  Buffer.concat([HEAD, b`84 A3 01 1A 0B 87 AE 17 81 86 "Mamma Mia Cell.vcf" 00 81 83 "BEGIN:VCARD"`]),
  Buffer.concat([HEAD, b`84 A3 01 04 01 03 83 80 33 "x"`]),
  Buffer.concat([HEAD, b`96 06 EA 61 00 62 63 00 96 "a" 09 "b" 00 84 A3 01 01 01 FE "x"`]),
  Buffer.concat([HEAD, b`96 "caf" E9 00 8A "New Class" 00 "X Foo" 00 "v" 00 84 B3 01 03 01 A3 01 01 01 83 "x"`]),
];

describe('decode -> relay encode -> decode gives the same model', () => {
  it('octets generated as peers write them (fast-check)', () => {
    const accepted = { n: 0 };
    fc.assert(fc.property(wildPdu, (input) => {
      const problem = check(input, accepted);
      assert.equal(problem, undefined, problem);
    }), { numRuns: 2000, seed: 1212 });
    // The generator must reach the decoder's accepting paths, or this test proves nothing.
    assert.ok(accepted.n > 500, `only ${accepted.n} of 2000 generated PDUs were accepted`);
  });

  it('mutations of porm-encoded PDUs and of the hardening vectors (fast-check picks seed and base)', () => {
    const seeds = [...Object.values(SAMPLE_PDUS).map((p) => encodePdu(p)), ...fc.sample(pduArb(), { seed: 99, numRuns: 30 }).map((p) => encodePdu(p)), ...OWN_VECTORS];
    const accepted = { n: 0 };
    fc.assert(fc.property(fc.nat(seeds.length - 1), fc.integer(), (i, seed) => {
      const problem = check(mutate(seeds[i]!, prng(seed)), accepted);
      assert.equal(problem, undefined, problem);
    }), { numRuns: 3000, seed: 3434 });
    assert.ok(accepted.n > 300, `only ${accepted.n} mutations were accepted`);
  });

  it('generated valid PDUs (strict encoder output) too', () => {
    fc.assert(fc.property(pduArb(), (pdu) => {
      const problem = check(encodePdu(pdu), { n: 0 });
      assert.equal(problem, undefined, problem);
    }), { numRuns: 300 });
  });

  it(`mutations of the fixture PDUs${fixturesSkip ? ` (${fixturesSkip})` : ''}`, { skip: fixturesSkip }, () => {
    const seeds = fixturePdus().map((f) => readFileSync(join(MMS_FIXTURES, f))).filter((x) => x.length < 30000);
    for (const s of seeds) assert.equal(check(s, { n: 0 }), undefined);
    const accepted = { n: 0 };
    fc.assert(fc.property(fc.nat(seeds.length - 1), fc.integer(), (i, seed) => {
      const problem = check(mutate(seeds[i]!, prng(seed)), accepted);
      assert.equal(problem, undefined, problem);
    }), { numRuns: 1500, seed: 5656 });
  });
});
