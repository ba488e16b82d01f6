// Mutation fuzz inside the test run (a few thousand cases; `npm run bench -- fuzz-smpp` runs
// >= 100 000): the decoder only ever returns a PDU or throws SmppPduError.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodePdu } from './encode.ts';
import { loadVectors, vectorsSkip } from './testing/fixtures.ts';
import { fuzz, type FuzzStats } from './testing/fuzz.ts';
import { SAMPLE_PDUS } from './testing/samples.ts';

const report = (s: FuzzStats): string => JSON.stringify({ ...s, errors: Object.fromEntries(s.errors), crashes: s.crashes.slice(0, 5) });

describe('fuzz: mutated SMPP PDUs', () => {
  it('4000 mutations of porm-written PDUs of every command', () => {
    const stats = fuzz(SAMPLE_PDUS.map((p) => encodePdu(p)), 4000, 11);
    assert.deepEqual(stats.crashes, [], report(stats));
    assert.ok(stats.decoded > 100 && stats.errors.size >= 3, report(stats));
  });

  it(`2000 mutations of the shared vectors${vectorsSkip ? ` (${vectorsSkip})` : ''}`, { skip: vectorsSkip }, () => {
    const seeds = loadVectors().pdu_vectors.map((v) => Buffer.from(v.hex, 'hex'));
    const stats = fuzz(seeds, 2000, 12);
    assert.deepEqual(stats.crashes, [], report(stats));
  });
});
