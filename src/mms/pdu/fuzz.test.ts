// Mutation fuzz inside `npm test` (a few thousand cases; bench/fuzz-pdu.ts runs >= 100 000):
// the decoder only ever returns a PDU or throws PduError, and whatever the encoder writes
// from a decoded PDU decodes again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodePdu } from './encode.ts';
import { pduArb } from './testing/arbitraries.ts';
import { fixturePdus, fixturesSkip, MMS_FIXTURES } from './testing/fixtures.ts';
import { fuzz } from './testing/fuzz.ts';
import { SAMPLE_PDUS } from './testing/samples.ts';

const report = (stats: ReturnType<typeof fuzz>): string => JSON.stringify({ ...stats, errors: Object.fromEntries(stats.errors) }, null, 1);

describe('fuzz: mutated PDUs', () => {
  it('3000 mutations of porm-encoded PDUs (samples of every type + generated)', () => {
    const seeds = [...Object.values(SAMPLE_PDUS), ...fc.sample(pduArb(), { seed: 7, numRuns: 40 })].map((p) => encodePdu(p));
    const stats = fuzz(seeds, 3000, 1);
    assert.deepEqual(stats.crashes, [], report(stats));
    assert.ok(stats.decoded > 0 && stats.errors.size > 0, report(stats));
  });

  it(`2000 mutations of the fixture PDUs${fixturesSkip ? ` (${fixturesSkip})` : ''}`, { skip: fixturesSkip }, () => {
    // The large handset PDUs are left out here to keep npm test quick; the bench uses them all.
    const seeds = fixturePdus().map((f) => readFileSync(join(MMS_FIXTURES, f))).filter((b) => b.length < 30000);
    const stats = fuzz(seeds, 2000, 2);
    assert.deepEqual(stats.crashes, [], report(stats));
  });
});
