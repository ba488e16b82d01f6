// Hand-written PDUs: byte-exact encodings, round trips of every command, and every malformed
// shape a peer can send, each failing with its stable code and the header for the answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePdu } from './decode.ts';
import { encodePdu } from './encode.ts';
import { SmppPduError } from './pdu-error.ts';
import { genericNack, responseTo } from './responses.ts';
import { CommandStatus, statusName } from './status.ts';
import { getTlv, tlv } from './tlv.ts';
import { SAMPLE_PDUS } from './testing/samples.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function decodeError(buf: Buffer): SmppPduError {
  try {
    decodePdu(buf);
  } catch (err) {
    assert.ok(err instanceof SmppPduError, String(err));
    return err;
  }
  assert.fail('decoded without error');
}

describe('SMPP PDU codec', () => {
  it('encodes enquire_link and a bind_transmitter byte for byte', () => {
    assert.equal(encodePdu({ command: 'enquire_link', commandStatus: 0, sequenceNumber: 0x01020304, body: {} }).toString('hex'), '00000010000000150000000001020304');
    const bind = encodePdu({ command: 'bind_transmitter', commandStatus: 0, sequenceNumber: 1, body: { systemId: 'ab', password: 'c', systemType: '', interfaceVersion: 0x34, addressRange: { ton: 1, npi: 2, address: '' } } });
    assert.equal(bind.toString('hex'), '0000001a' + '00000002' + '00000000' + '00000001' + '616200' + '6300' + '00' + '34' + '01' + '02' + '00');
  });

  it('round-trips a sample of every command', () => {
    for (const pdu of SAMPLE_PDUS) {
      const bytes = encodePdu(pdu);
      assert.equal(bytes.readUInt32BE(0), bytes.length);
      assert.deepEqual(decodePdu(bytes), pdu, pdu.command);
      assert.deepEqual(encodePdu(decodePdu(bytes)), bytes, pdu.command);
    }
  });

  it('reads typed TLVs and keeps unknown ones raw, in order', () => {
    const submit = SAMPLE_PDUS.find((p) => p.command === 'submit_sm');
    assert.ok(submit?.command === 'submit_sm');
    const back = decodePdu(encodePdu(submit));
    assert.ok(back.command === 'submit_sm');
    assert.equal(getTlv(back.body.tlvs, 'source_port'), 2948);
    assert.equal(getTlv(back.body.tlvs, 'user_message_reference'), 513);
    assert.deepEqual(back.body.tlvs.at(-1), { name: 'raw', tag: 0x1401, value: Buffer.from('vendor') });
  });

  it('reads a receipted_message_id without NUL to its declared length, never further', () => {
    // deliver_sm whose receipted_message_id "1001" (4 octets, no NUL) is followed by message_state.
    const body = '00' + '0101' + '3100' + '0101' + '3200' + '04' + '00' + '00' + '00' + '00' + '00' + '00' + '00' + '00' + '00' +
      '001e0004' + '31303031' + '04270001' + '02';
    const buf = hex(((body.length / 2 + 16).toString(16)).padStart(8, '0') + '00000005' + '00000000' + '00000009' + body);
    const pdu = decodePdu(buf);
    assert.ok(pdu.command === 'deliver_sm');
    assert.equal(getTlv(pdu.body.tlvs, 'receipted_message_id'), '1001');
    assert.equal(getTlv(pdu.body.tlvs, 'message_state'), 2);
  });

  it('keeps a known TLV of the wrong size raw instead of misreading it', () => {
    const pdu = decodePdu(hex('00000018' + '80000009' + '00000000' + '00000001' + '5800' + '02100002' + '0034'));
    assert.ok(pdu.command === 'bind_transceiver_resp');
    assert.deepEqual(pdu.body.tlvs, [{ name: 'raw', tag: 0x0210, value: hex('0034') }]);
    assert.equal(getTlv(pdu.body.tlvs, 'sc_interface_version'), undefined);
  });

  it('distinguishes an absent message_id from an empty one', () => {
    const absent = decodePdu(hex('00000010' + '80000004' + '00000058' + '00000005'));
    assert.ok(absent.command === 'submit_sm_resp');
    assert.equal(absent.body.messageId, null);
    const emptyId = decodePdu(hex('00000011' + '80000004' + '00000000' + '00000005' + '00'));
    assert.ok(emptyId.command === 'submit_sm_resp');
    assert.equal(emptyId.body.messageId, '');
  });

  it('refuses an unknown command id, with the sequence number recoverable for generic_nack', () => {
    const err = decodeError(hex('00000011' + '00000110' + '00000000' + '0000abcd' + 'ff'));
    assert.equal(err.code, 'PORM_SMPP_PDU_UNKNOWN_COMMAND');
    assert.equal(err.header?.sequenceNumber, 0xabcd);
    assert.equal(err.answerStatus, CommandStatus.ESME_RINVCMDID);
    assert.equal(encodePdu(genericNack(err.header.sequenceNumber, err.answerStatus)).toString('hex'), '0000001080000000000000030000abcd');
  });

  it('refuses a C-octet string without NUL, at its offset, with the header', () => {
    const err = decodeError(hex('00000013' + '80000004' + '00000000' + '00000007' + '414243'));
    assert.equal(err.code, 'PORM_SMPP_PDU_MALFORMED');
    assert.equal(err.offset, 16);
    assert.equal(err.header?.sequenceNumber, 7);
  });

  it('refuses an sm_length that runs past command_length', () => {
    const body = '00' + '0101' + '3100' + '0101' + '3200' + '00000000' + '00' + '00' + '0000' + '00' + '10' + '4142';
    const buf = hex((body.length / 2 + 16).toString(16).padStart(8, '0') + '00000004' + '00000000' + '00000003' + body);
    const err = decodeError(buf);
    assert.equal(err.code, 'PORM_SMPP_PDU_MALFORMED');
    assert.equal(err.answerStatus, CommandStatus.ESME_RINVMSGLEN);
    assert.equal(err.header?.sequenceNumber, 3);
  });

  it('refuses a truncated TLV but hands back the mandatory fields', () => {
    const ok = SAMPLE_PDUS.find((p) => p.command === 'deliver_sm')!;
    const bytes = encodePdu(ok);
    // Cut the last 2 octets of the last TLV and fix command_length: the TLV now overruns.
    const cut = Buffer.from(bytes.subarray(0, bytes.length - 2));
    cut.writeUInt32BE(cut.length, 0);
    const err = decodeError(cut);
    assert.equal(err.code, 'PORM_SMPP_PDU_TLV_TRUNCATED');
    assert.equal(err.answerStatus, CommandStatus.ESME_RINVOPTPARSTREAM);
    assert.ok(err.partial?.command === 'deliver_sm');
    assert.equal(err.partial.body.tlvs.length, 2);
    // Three stray octets cannot be a TLV header.
    const stray = Buffer.concat([encodePdu({ command: 'submit_sm_resp', commandStatus: 0, sequenceNumber: 1, body: { messageId: 'x', tlvs: [] } }), hex('000102')]);
    stray.writeUInt32BE(stray.length, 0);
    assert.equal(decodeError(stray).code, 'PORM_SMPP_PDU_TLV_TRUNCATED');
  });

  it('refuses a buffer whose command_length is not its length, or under 16 octets', () => {
    assert.equal(decodeError(hex('00000011' + '00000015' + '00000000' + '00000001')).code, 'PORM_SMPP_PDU_BAD_LENGTH');
    const short = decodeError(hex('0000000c00000015'));
    assert.equal(short.code, 'PORM_SMPP_PDU_BAD_LENGTH');
    assert.equal(short.header, undefined);
  });

  it('refuses to encode values SMPP 3.4 cannot carry', () => {
    const base = SAMPLE_PDUS.find((p) => p.command === 'submit_sm')!;
    assert.ok(base.command === 'submit_sm');
    const cases = [
      { ...base, body: { ...base.body, source: { ton: 1, npi: 1, address: '1'.repeat(21) } } },
      { ...base, body: { ...base.body, serviceType: 'a\0b' } },
      { ...base, body: { ...base.body, shortMessage: Buffer.alloc(256) } },
      { ...base, body: { ...base.body, esmClass: 256 } },
      { ...base, body: { ...base.body, tlvs: [tlv('sar_msg_ref_num', 70000)] } },
      { ...base, body: { ...base.body, tlvs: [tlv('receipted_message_id', 'x'.repeat(65))] } },
      { ...base, body: { ...base.body, destination: { ton: 1, npi: 1, address: '€' } } },
      { ...base, sequenceNumber: 2 ** 32 },
    ];
    for (const pdu of cases) {
      assert.throws(() => encodePdu(pdu), (e: unknown) => e instanceof SmppPduError && e.code === 'PORM_SMPP_PDU_INVALID_VALUE');
    }
  });

  it('builds the refusal response of each request with its sequence number', () => {
    for (const pdu of SAMPLE_PDUS) {
      const resp = responseTo(pdu, CommandStatus.ESME_RSYSERR);
      if (resp === undefined) continue;
      assert.equal(resp.sequenceNumber, pdu.sequenceNumber);
      assert.equal(resp.command, `${pdu.command}_resp`);
      assert.deepEqual(decodePdu(encodePdu(resp)), resp);
    }
    assert.equal(statusName(0x58), 'ESME_RTHROTTLED');
    assert.equal(statusName(0x14), 'ESME_RMSGQFUL');
    assert.equal(statusName(0x400), '0x00000400');
  });
});
