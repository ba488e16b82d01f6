import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodePdu } from './decode.ts';
import { encodePdu } from './encode.ts';
import { PduFramer } from './framer.ts';
import { SmppPduError } from './pdu-error.ts';
import { SAMPLE_PDUS } from './testing/samples.ts';

describe('PduFramer', () => {
  it('yields the same PDUs however the stream is cut into chunks', () => {
    const stream = Buffer.concat(SAMPLE_PDUS.map((p) => encodePdu(p)));
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 40 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const framer = new PduFramer();
      const out: Buffer[] = [];
      let from = 0;
      for (const p of [...points, stream.length]) {
        out.push(...framer.push(stream.subarray(from, p)));
        from = p;
      }
      assert.equal(framer.buffered, 0);
      assert.deepEqual(out.map((b) => decodePdu(b)), SAMPLE_PDUS);
    }), { numRuns: 200 });
  });

  it('refuses command_length under 16 or over the maximum, and stays failed', () => {
    const small = new PduFramer();
    assert.throws(() => small.push(Buffer.from('0000000f', 'hex')), (e: unknown) => e instanceof SmppPduError && e.code === 'PORM_SMPP_PDU_BAD_LENGTH' && e.header === undefined);
    assert.throws(() => small.push(encodePdu(SAMPLE_PDUS[0]!)), (e: unknown) => e instanceof SmppPduError && e.code === 'PORM_SMPP_PDU_BAD_LENGTH');
    const capped = new PduFramer({ maxLength: 64 });
    const header = Buffer.from('00000041' + '00000004' + '00000000' + '00000009', 'hex');
    assert.throws(() => capped.push(header), (e: unknown) => e instanceof SmppPduError && e.code === 'PORM_SMPP_PDU_BAD_LENGTH' && e.header?.sequenceNumber === 9);
    assert.equal(capped.buffered, 0, 'nothing of a refused stream is kept');
    assert.throws(() => new PduFramer({ maxLength: 8 }), RangeError);
  });

  it('holds a partial PDU without allocating for the length it announces', () => {
    const framer = new PduFramer();
    assert.deepEqual(framer.push(Buffer.from('0001000000000004', 'hex')), []);
    assert.equal(framer.buffered, 8);
  });
});
