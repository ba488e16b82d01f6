// The shared SMPP vectors (../shared/fixtures/smpp/vectors.json, read in place): every PDU
// buffer goes through PduFramer then decodePdu and must give the fields asserted upstream;
// the error cases must fail with porm's codes and keep the header; receipts parse and format.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePdu } from './decode.ts';
import { encodePdu } from './encode.ts';
import { PduFramer } from './framer.ts';
import { SmppPduError } from './pdu-error.ts';
import { responseTo } from './responses.ts';
import { CommandStatus } from './status.ts';
import { loadVectors, vectorsSkip, type Json, type PduVector } from './testing/fixtures.ts';
import { pick, viewPdu } from './testing/view.ts';
import { decimalIdToHex, hexIdToDecimal, messageIdKeys } from './message-id.ts';
import { formatReceiptText, parseReceiptText, statMessageState } from './receipt.ts';

const vectors = loadVectors();
if (vectorsSkip) console.log(`# SMPP vector tests ${vectorsSkip}`);

const WITHOUT = new Set(['result', 'bytes_remaining', 'bytes_consumed', 'recoverable', 'error', 'response_hex', 'partial_pdu']);
const fields = (e: Record<string, Json>): Record<string, Json> => Object.fromEntries(Object.entries(e).filter(([k]) => !WITHOUT.has(k)));

function decodeError(frame: Buffer): SmppPduError {
  try {
    decodePdu(frame);
  } catch (err) {
    if (err instanceof SmppPduError) return err;
    throw err;
  }
  assert.fail('decoded without error');
}

function checkStep(step: Record<string, Json>, frame: Buffer | undefined, framer: PduFramer): void {
  if (step.result === 'need_more_data') {
    assert.equal(frame, undefined);
    assert.equal(framer.buffered, step.bytes_remaining);
    return;
  }
  assert.ok(frame !== undefined, 'expected a whole PDU from the framer');
  if (step.result === 'error') {
    const err = decodeError(frame);
    if (step.error === 'unknown_command_id') {
      assert.equal(err.code, 'PORM_SMPP_PDU_UNKNOWN_COMMAND');
      assert.equal(err.header?.commandId, step.command_id);
      assert.equal(err.answerStatus, CommandStatus.ESME_RINVCMDID);
    }
    if (typeof step.bytes_consumed === 'number') assert.equal(frame.length, step.bytes_consumed);
    return;
  }
  const pdu = decodePdu(frame);
  assert.deepEqual(pick(viewPdu(pdu, frame.length), fields(step)), fields(step));
}

function runVector(v: PduVector): void {
  const framer = new PduFramer();
  const input = Buffer.from(v.hex, 'hex');
  if (v.kind === 'error' && v.expect.error === 'invalid_command_length') {
    assert.throws(() => framer.push(input), (e: unknown) => e instanceof SmppPduError && e.code === 'PORM_SMPP_PDU_BAD_LENGTH');
    assert.throws(() => framer.push(Buffer.from('00000010000000150000000000000001', 'hex')), /command_length/, 'a framer that lost sync stays failed');
    return;
  }
  const frames = framer.push(input);
  if (v.kind === 'stream') {
    const steps = v.expect.sequence;
    assert.ok(Array.isArray(steps));
    for (const raw of steps) {
      assert.ok(raw !== null && typeof raw === 'object' && !Array.isArray(raw));
      if (typeof raw.append_hex === 'string') { frames.push(...framer.push(Buffer.from(raw.append_hex, 'hex'))); continue; }
      checkStep(raw, raw.result === 'need_more_data' ? frames.shift() : frames.shift(), framer);
    }
    return;
  }
  if (v.kind === 'incomplete') return checkStep(v.expect, frames[0], framer);
  assert.equal(frames.length, 1);
  const frame = frames[0]!;
  assert.equal(framer.buffered, v.expect.bytes_remaining ?? 0);
  if (v.kind === 'pdu') {
    checkStep(v.expect, frame, framer);
    const pdu = decodePdu(frame);
    assert.deepEqual(decodePdu(encodePdu(pdu)), pdu, 're-encoding decodes to the same PDU');
    if (typeof v.expect.response_hex === 'string') assert.equal(encodePdu(responseTo(pdu, 0)!).toString('hex').toUpperCase(), v.expect.response_hex);
    return;
  }
  const err = decodeError(frame);
  assert.ok(err.header !== undefined, 'the header survives for the answer');
  if (typeof v.expect.sequence_number === 'number') assert.equal(err.header.sequenceNumber, v.expect.sequence_number);
  switch (v.expect.error) {
    case 'unknown_command_id': return checkStep(v.expect, frame, framer);
    case 'terminating_nul_not_found': {
      assert.equal(err.code, 'PORM_SMPP_PDU_MALFORMED');
      const partial = v.expect.partial_pdu;
      assert.ok(partial !== null && typeof partial === 'object' && !Array.isArray(partial));
      assert.equal(err.header.sequenceNumber, partial.sequence_number);
      assert.equal(err.header.commandId, partial.command_id);
      return;
    }
    case 'short_message_exceeds_pdu':
      assert.equal(err.code, 'PORM_SMPP_PDU_MALFORMED');
      assert.equal(err.answerStatus, CommandStatus.ESME_RINVMSGLEN);
      return;
    case 'tlv_length_exceeds_pdu': {
      // porm's policy: refuse the PDU (the session answers ESME_RINVOPTPARSTREAM), but keep the
      // mandatory fields in `partial` for a session that prefers the receipt text to nothing.
      assert.equal(err.code, 'PORM_SMPP_PDU_TLV_TRUNCATED');
      assert.ok(err.partial !== undefined);
      const view = viewPdu(err.partial, frame.length);
      for (const k of ['command', 'esm_class', 'registered_delivery', 'sm_length'] as const) assert.equal(view[k], v.expect[k], k);
      return;
    }
    default: assert.fail(`vector error ${String(v.expect.error)} not handled`);
  }
}

describe(`SMPP vectors: PDUs${vectorsSkip ? ` (${vectorsSkip})` : ''}`, { skip: vectorsSkip }, () => {
  for (const v of vectors.pdu_vectors) it(v.name, () => runVector(v));
});

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString().replace('.000Z', 'Z'));
const date = (j: Json | undefined): Date | null => (typeof j === 'string' ? new Date(j) : null);

describe(`SMPP vectors: delivery receipt text${vectorsSkip ? ` (${vectorsSkip})` : ''}`, { skip: vectorsSkip }, () => {
  for (const v of vectors.receipt_vectors) {
    it(v.name, () => {
      if (v.mode === 'id_conversion') {
        const e = v.expect!;
        assert.equal(decimalIdToHex(String(e.decimal)), e.hex);
        assert.equal(hexIdToDecimal(String(e.hex)), String(e.decimal));
        return;
      }
      if (v.mode === 'format') {
        const i = v.input!;
        const id = typeof i.id_numeric === 'number' ? i.id_numeric : typeof i.id === 'string' ? i.id : null;
        const text = formatReceiptText({
          id, sub: typeof i.sub === 'number' ? i.sub : null, dlvrd: typeof i.dlvrd === 'number' ? i.dlvrd : null,
          submitDate: date(i.submit_date), doneDate: date(i.done_date), stat: typeof i.stat === 'string' ? i.stat : null,
          err: typeof i.err === 'number' ? i.err : null, text: typeof i.text === 'string' ? i.text : null,
        });
        // Only the id formatting is normative where the input leaves fields unset.
        if (i.id_numeric !== undefined) assert.equal(text.split(' ')[0], v.expect_text!.split(' ')[0]);
        else assert.equal(text, v.expect_text);
        return;
      }
      if (v.mode === 'parse_strict') {
        assert.throws(() => parseReceiptText(v.text!, { strict: true }), (e: unknown) => e instanceof Error && 'code' in e && e.code === 'PORM_SMPP_RECEIPT_MALFORMED');
        return;
      }
      const r = parseReceiptText(v.text!, { strict: v.mode === 'parse' });
      const e = v.expect!;
      const actual: Record<string, Json> = {
        id: r.id, sub: r.sub, dlvrd: r.dlvrd, submit_date: iso(r.submitDate), done_date: iso(r.doneDate), stat: r.stat,
        err: r.err, err_raw: r.errRaw, text: r.text, message_state: r.stat === null ? null : statMessageState(r.stat) ?? null,
        id_numeric: r.id !== null && /^\d+$/.test(r.id) ? Number(r.id) : null,
      };
      assert.deepEqual(Object.fromEntries(Object.keys(e).map((k) => [k, actual[k] ?? null])), e);
      if (v.roundtrip === true) assert.equal(formatReceiptText(r), v.text);
      if (v.format_contains !== undefined) assert.ok(formatReceiptText(r).includes(v.format_contains));
    });
  }

  it('the receipt text id and the hex receipted_message_id of the real-world receipt share a key', () => {
    const text = messageIdKeys('0059113978');
    const tlvId = messageIdKeys('38601fa');
    assert.ok(text.some((k) => tlvId.includes(k)), `${text.join(',')} / ${tlvId.join(',')}`);
    assert.equal(messageIdKeys('ABC')[0], messageIdKeys('0abc')[0]);
  });
});
