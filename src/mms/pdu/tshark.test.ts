// Interop: Wireshark's tshark (an independent decoder) reads porm's PDUs with the same headers
// and parts, compared field by field from its JSON. Skips, saying so, without tshark.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodePdu } from './decode.ts';
import { encodePdu } from './encode.ts';
import type { MessageType } from './model.ts';
import { pduArb } from './testing/arbitraries.ts';
import { fixturePdus, fixturesSkip, MMS_FIXTURES } from './testing/fixtures.ts';
import { SAMPLE_PDUS } from './testing/samples.ts';
import { tsharkMany, tsharkMismatches, tsharkSkip } from './testing/tshark.ts';

const title = (s: string, skip: false | string): string => (skip ? `${s} (${skip})` : s);
if (tsharkSkip) console.log(`# tshark interop tests ${tsharkSkip}`);

/** Decodes `buffers` with tshark in one run and lists every disagreement with porm's decode. */
function disagreements(labels: string[], buffers: Buffer[]): string[] {
  const frames = tsharkMany(buffers);
  assert.equal(frames.length, buffers.length, 'one tshark frame per PDU');
  return frames.flatMap((frame, i) => {
    const label = labels[i]!;
    if (frame.mmse === undefined) return [`${label}: tshark found no MMS PDU`];
    const problems = tsharkMismatches(decodePdu(buffers[i]!).pdu, frame.mmse).map((m) => `${label}: ${m}`);
    return frame.malformed ? [`${label}: tshark reports a malformed packet`, ...problems] : problems;
  });
}

describe(title('tshark decodes every PDU type porm encodes', tsharkSkip), { skip: tsharkSkip }, () => {
  it('one realistic PDU of each of the 24 types: same headers and parts', () => {
    const types = Object.keys(SAMPLE_PDUS) as MessageType[];
    assert.deepEqual(disagreements(types, types.map((t) => encodePdu(SAMPLE_PDUS[t]))), []);
  });

  it('generated PDUs of the nine core types (fast-check, fixed seeds): same headers and parts', () => {
    // tshark 4.0 dissects the MMS 1.0/1.1 PDUs completely; forward/mbox PDUs only generically.
    const core: MessageType[] = ['m-send-req', 'm-send-conf', 'm-notification-ind', 'm-notifyresp-ind', 'm-retrieve-conf', 'm-acknowledge-ind', 'm-delivery-ind', 'm-read-rec-ind', 'm-read-orig-ind'];
    const pdus = core.flatMap((t, i) => fc.sample(pduArb(t, false), { seed: 4242 + i, numRuns: 12 }));
    assert.deepEqual(disagreements(pdus.map((p, i) => `${p.messageType} #${i}`), pdus.map((p) => encodePdu(p))), []);
  });
});

describe(title(title('tshark and porm decode the fixture PDUs the same way', fixturesSkip), tsharkSkip), { skip: fixturesSkip || tsharkSkip }, () => {
  it('all conformance and handset PDUs', () => {
    const files = fixturePdus();
    assert.deepEqual(disagreements(files, files.map((f) => readFileSync(join(MMS_FIXTURES, f)))), []);
  });
});
