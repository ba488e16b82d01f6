// The sandbox SMSC's memory stays bounded (issue #15): with small caps, many more messages than
// the caps go through; its history, its finished messages and its resubmit counts stay within
// the caps, while every receipt still arrives and recent ids still answer query_sm.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CommandStatus, getTlv, MessageState, type Pdu } from '../../sms/pdu/index.ts';
import { SandboxSmsc } from './sandbox-smsc.ts';
import { FifoQueue, RecentList } from './recent-list.ts';
import { SMS_SANDBOX_NUMBERS, SMS_TRANSIENT_FAILURES } from './sms-test-numbers.ts';
import { submitSm, TestEsme } from './testing/test-esme.ts';

const credentials = { systemId: 'porm', password: 'pw-12345' };
const keep = { submissions: 20, finishedMessages: 30, resubmitCounts: 25 };

function querySm(seq: number, messageId: string): Pdu {
  return { command: 'query_sm', commandStatus: 0, sequenceNumber: seq, body: { messageId, source: { ton: 1, npi: 1, address: '15005550006' } } };
}

describe('RecentList', () => {
  it('keeps the newest items in order and counts the dropped ones', () => {
    const list = new RecentList<number>(3);
    assert.deepEqual(list.toArray(), []);
    for (let i = 1; i <= 7; i++) list.push(i);
    assert.deepEqual(list.toArray(), [5, 6, 7]);
    assert.equal(list.length, 3);
    assert.equal(list.total, 7);
    assert.equal(list.dropped, 4);
    assert.equal(list.at(0), 5);
    assert.equal(list.at(-1), 7);
    assert.equal(list.at(3), undefined);
    assert.equal(list.find((n) => n > 5), 6);
    assert.deepEqual(list.filter((n) => n % 2 === 1), [5, 7]);
    assert.equal(list.some((n) => n === 4), false);
    assert.throws(() => new RecentList(0), RangeError);
  });
});

describe('FifoQueue', () => {
  it('gives items back oldest first, across its compactions', () => {
    const queue = new FifoQueue<number>();
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      queue.push(i);
      if (i % 3 === 2) out.push(queue.shift()!, queue.shift()!);
    }
    while (queue.length > 0) out.push(queue.shift()!);
    assert.deepEqual(out, Array.from({ length: 5000 }, (_, i) => i));
    assert.equal(queue.shift(), undefined);
  });
});

describe('sandbox SMSC with bounded memory', () => {
  let smsc: SandboxSmsc;
  before(async () => { smsc = await SandboxSmsc.start({ credentials, deliveryDelayMs: 5, receiptRetryMs: 20, responseTimeoutMs: 2000, keep }); });
  after(async () => { await smsc.close(); });

  it('refuses a cap below 1', async () => {
    await assert.rejects(SandboxSmsc.start({ credentials, keep: { submissions: 0 } }), /keep\.submissions/);
  });

  it('200 messages through caps of 20-30: every receipt arrives, the stores never pass their caps, recent ids answer query_sm', async () => {
    const esme = await TestEsme.connect(smsc.port);
    await esme.bind(credentials.systemId, credentials.password);
    const n = 200;
    const ids: string[] = [];
    let seq = 10;
    let peak = 0;
    for (let i = 0; i < n; i++) {
      // Every fourth asks for no receipt: those settle on their own timer instead of on deliver_sm_resp.
      const resp = await esme.call(submitSm(seq++, '+15005550010', `bounded ${i}`, i % 4 === 3 ? 0 : 1));
      assert.ok(resp.command === 'submit_sm_resp' && resp.commandStatus === 0 && resp.body.messageId);
      ids.push(resp.body.messageId);
      const held = smsc.held();
      peak = Math.max(peak, held.finished);
      assert.ok(smsc.submissions.length <= keep.submissions);
      assert.ok(held.finished <= keep.finishedMessages);
      assert.ok(held.resubmitCounts <= keep.resubmitCounts);
    }
    const wanted = ids.filter((_, i) => i % 4 !== 3);
    for (const id of wanted) await esme.waitFor((p) => p.command === 'deliver_sm' && getTlv(p.body.tlvs, 'receipted_message_id') === id);
    const receipts = esme.received.filter((p) => p.command === 'deliver_sm');
    assert.equal(receipts.length, wanted.length, 'one receipt per message that asked for one, none lost to the caps');
    assert.ok(peak > 0, 'messages did settle while submits went on');
    assert.equal(smsc.submissions.length, keep.submissions);
    assert.equal(smsc.submissions.total, n);
    assert.deepEqual(smsc.submissions.map((s) => s.text), ids.slice(-keep.submissions).map((_, k) => `bounded ${n - keep.submissions + k}`));
    assert.ok(smsc.receiptAttempts.length <= keep.submissions);
    // Receipts all taken: the messages held are the finished ones kept (and the last few still
    // running out their no-receipt timers), never more than the cap plus those.
    await waitUntil(() => smsc.held().messages <= keep.finishedMessages);
    // The newest message still answers query_sm with its final state; the first was forgotten.
    const last = await esme.call(querySm(seq++, ids.at(-2)!));
    assert.ok(last.command === 'query_sm_resp' && last.commandStatus === 0);
    assert.equal(last.body.messageState, MessageState.DELIVERED);
    assert.equal((await esme.call(querySm(seq++, ids[0]!))).commandStatus, CommandStatus.ESME_RQUERYFAIL);
    esme.close();
  });

  it('report() on a finished message owes a receipt again: it is not forgotten until the ESME takes that one', async () => {
    const esme = await TestEsme.connect(smsc.port);
    await esme.bind(credentials.systemId, credentials.password);
    let seq = 500;
    const resp = await esme.call(submitSm(seq++, SMS_SANDBOX_NUMBERS.noReport, 'no receipt asked'));
    assert.ok(resp.command === 'submit_sm_resp' && resp.body.messageId);
    const id = resp.body.messageId;
    await waitUntil(() => smsc.held().messages === smsc.held().finished);
    esme.answerDeliverSm = null;
    const reported = smsc.report(id, 'UNDELIV', 27).catch(() => -1);
    await esme.waitFor((p) => p.command === 'deliver_sm' && getTlv(p.body.tlvs, 'receipted_message_id') === id);
    // While that receipt is unanswered, more messages than the cap finish: the reopened one stays.
    esme.answerDeliverSm = 0;
    for (let i = 0; i < keep.finishedMessages + 5; i++) await esme.call(submitSm(seq++, '+15005550010', `push ${i}`, 0));
    await waitUntil(() => smsc.held().messages === smsc.held().finished + 1);
    assert.ok(smsc.message(id), 'still held while its receipt is owed');
    assert.ok(smsc.held().finished <= keep.finishedMessages);
    esme.close();
    await reported;
  });

  it('the flaky test numbers still count resubmits of a message submitted again soon', async () => {
    const esme = await TestEsme.connect(smsc.port);
    await esme.bind(credentials.systemId, credentials.password);
    let seq = 1000;
    for (let i = 0; i < SMS_TRANSIENT_FAILURES; i++) {
      assert.equal((await esme.call(submitSm(seq++, SMS_SANDBOX_NUMBERS.flaky, 'flaky soon'))).commandStatus, CommandStatus.ESME_RTHROTTLED);
      // Fewer other messages since its first submit than the resubmit memory holds.
      for (let k = 0; k < Math.floor(keep.resubmitCounts / (SMS_TRANSIENT_FAILURES + 1)) - 1; k++) await esme.call(submitSm(seq++, '+15005550010', `between ${i}-${k}`, 0));
    }
    assert.equal((await esme.call(submitSm(seq++, SMS_SANDBOX_NUMBERS.flaky, 'flaky soon'))).commandStatus, CommandStatus.ESME_ROK);
    assert.ok(smsc.held().resubmitCounts <= keep.resubmitCounts);
    esme.close();
  });
});

/** Polls a condition of the SMSC's own state; no clock assertions, only a generous bound. */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'condition never held');
}
