// Property tests: decode(encode(pdu)) gives back the PDU, for generated PDUs of every type.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodePdu } from './decode.ts';
import { encodePdu } from './encode.ts';
import { pduFromJson, pduToJson } from './json.ts';
import { MESSAGE_TYPE_CODES, type MessageType } from './model.ts';
import { pduArb } from './testing/arbitraries.ts';

describe('round trip (fast-check)', () => {
  it('decode(encode(pdu)) equals pdu, any PDU type', () => {
    fc.assert(fc.property(pduArb(), (pdu) => {
      const { pdu: back, warnings } = decodePdu(encodePdu(pdu));
      assert.deepEqual(pduToJson(back), pduToJson(pdu));
      // The encoder's output needs no tolerance, apart from the headers and charsets it was asked to pass through.
      assert.deepEqual(warnings.filter((w) => w.code !== 'unknown-header' && w.code !== 'unknown-charset'), []);
    }), { numRuns: 500 });
  });

  for (const type of Object.keys(MESSAGE_TYPE_CODES) as MessageType[]) {
    it(`${type}: decode -> encode -> decode is stable`, () => {
      fc.assert(fc.property(pduArb(type), (pdu) => {
        const once = decodePdu(encodePdu(pdu)).pdu;
        const twice = decodePdu(encodePdu(once)).pdu;
        assert.deepEqual(pduToJson(twice), pduToJson(once));
      }), { numRuns: 40 });
    });
  }

  it('the JSON form round-trips: pduFromJson(pduToJson(pdu)) encodes to the same octets', () => {
    fc.assert(fc.property(pduArb(), (pdu) => {
      const json = JSON.parse(JSON.stringify(pduToJson(pdu))) as unknown;
      assert.deepEqual(encodePdu(pduFromJson(json)), encodePdu(pdu));
    }), { numRuns: 300 });
  });
});
