// Receipt texts written here (the shared vectors are checked in vectors.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPormError } from '../../errors.ts';
import { formatReceiptText, messageStateStat, parseReceiptText, statMessageState } from './receipt.ts';
import { messageIdKeys } from './message-id.ts';

describe('delivery receipt text', () => {
  it('formats and parses back porm sandbox receipts', () => {
    const fields = { id: 'a1b2c3', sub: 1, dlvrd: 0, submitDate: new Date('2026-12-02T12:30:00Z'), doneDate: new Date('2026-12-02T12:31:00Z'), stat: 'UNDELIV', err: 34, text: 'hello there, this is longer than twenty' };
    const text = formatReceiptText(fields);
    assert.equal(text, 'id:a1b2c3 sub:001 dlvrd:000 submit date:2612021230 done date:2612021231 stat:UNDELIV err:034 text:hello there, this is');
    const back = parseReceiptText(text, { strict: true });
    assert.deepEqual({ ...back, submitDate: back.submitDate?.toISOString(), doneDate: back.doneDate?.toISOString() }, {
      id: 'a1b2c3', sub: 1, dlvrd: 0, submitDate: '2026-12-02T12:30:00.000Z', doneDate: '2026-12-02T12:31:00.000Z', stat: 'UNDELIV', err: 34, errRaw: '034', text: 'hello there, this is',
    });
    assert.equal(statMessageState('undeliv'), 5);
    assert.equal(messageStateStat(2), 'DELIVRD');
  });

  it('keeps err: and stat: inside the text once every field was seen', () => {
    const r = parseReceiptText('id:1 sub:001 dlvrd:001 submit date:2612021230 done date:2612021231 stat:DELIVRD err:000 text:stat:FAKE err:999');
    assert.equal(r.stat, 'DELIVRD');
    assert.equal(r.err, 0);
    assert.equal(r.text, 'stat:FAKE err:999');
  });

  it('accepts upper-case keys, extra spaces and a missing text leniently', () => {
    const r = parseReceiptText('ID:77  SUB:1 DLVRD:1 SUBMIT DATE:2612021230 DONE DATE:2612021231 STAT:delivrd ERR:0');
    assert.equal(r.id, '77');
    assert.equal(r.stat, 'DELIVRD');
    assert.equal(r.text, null);
  });

  it('refuses text with no receipt field, impossible dates and non-decimal counts', () => {
    for (const bad of ['hello world', 'id:1 submit date:2613021230', 'id:1 done date:26120212', 'id:1 sub:abc', 'id:1 done date:2612022460']) {
      assert.throws(() => parseReceiptText(bad), (e: unknown) => isPormError(e) && e.code === 'PORM_SMPP_RECEIPT_MALFORMED', bad);
    }
  });

  it('gives ids that differ only in case, zeros or base a common key', () => {
    const share = (a: string, b: string): boolean => messageIdKeys(a).some((k) => messageIdKeys(b).includes(k));
    assert.ok(share('00FF', 'ff'));
    assert.ok(share('255', 'ff'));
    assert.ok(!share('abc-1', 'abc-2'));
    assert.equal(messageIdKeys('0')[0], 's:0');
  });
});
