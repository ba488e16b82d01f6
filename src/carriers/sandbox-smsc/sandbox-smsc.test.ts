// The sandbox SMSC over real loopback TCP, driven by a small SMPP client built on porm's codec:
// binds, test numbers, both receipt forms, MO in parts and out of order, and hostile input.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isPormError } from '../../errors.ts';
import { CommandStatus, EsmClass, encodePdu, getTlv, parseReceiptText, type Pdu } from '../../sms/pdu/index.ts';
import { decodeShortMessage } from '../../sms/text/index.ts';
import { SandboxSmsc } from './sandbox-smsc.ts';
import { SMS_SANDBOX_NUMBERS, SMS_TRANSIENT_FAILURES } from './sms-test-numbers.ts';
import { submitSm, TestEsme } from './testing/test-esme.ts';

const credentials = { systemId: 'porm', password: 'pw-12345' };
const isReceipt = (p: Pdu, id: string): boolean => p.command === 'deliver_sm' && getTlv(p.body.tlvs, 'receipted_message_id') === id;

describe('sandbox SMSC', () => {
  let smsc: SandboxSmsc;
  before(async () => { smsc = await SandboxSmsc.start({ credentials, deliveryDelayMs: 20, receiptRetryMs: 20, responseTimeoutMs: 2000 }); });
  after(async () => { await smsc.close(); });

  it('refuses a wrong system_id or password and an early submit, then binds', async () => {
    const esme = await TestEsme.connect(smsc.port);
    assert.equal((await esme.bind('nobody', 'pw-12345', 'bind_transceiver', 1)).commandStatus, CommandStatus.ESME_RINVSYSID);
    assert.equal((await esme.bind('porm', 'wrong', 'bind_transceiver', 2)).commandStatus, CommandStatus.ESME_RINVPASWD);
    assert.equal((await esme.call(submitSm(3, '+15005550010', 'early'))).commandStatus, CommandStatus.ESME_RINVBNDSTS);
    const ok = await esme.bind('porm', 'pw-12345', 'bind_transceiver', 4);
    assert.ok(ok.command === 'bind_transceiver_resp' && ok.commandStatus === 0 && ok.body.systemId === 'porm-sandbox');
    assert.equal((await esme.bind('porm', 'pw-12345', 'bind_transceiver', 5)).commandStatus, CommandStatus.ESME_RALYBND);
    assert.equal((await esme.call({ command: 'enquire_link', commandStatus: 0, sequenceNumber: 6, body: {} })).command, 'enquire_link_resp');
    esme.close();
  });

  it('accepts a submit, answers with an id and sends a DELIVRD receipt in both forms', async () => {
    const esme = await TestEsme.connect(smsc.port);
    await esme.bind(credentials.systemId, credentials.password);
    const resp = await esme.call(submitSm(2, '+15005550010', 'hello sandbox'));
    assert.ok(resp.command === 'submit_sm_resp' && resp.commandStatus === 0 && resp.body.messageId !== null);
    const id = resp.body.messageId;
    const receipt = await esme.waitFor((p) => isReceipt(p, id));
    assert.ok(receipt.command === 'deliver_sm');
    assert.equal(receipt.body.esmClass & EsmClass.TYPE_MASK, EsmClass.DELIVERY_RECEIPT);
    assert.equal(getTlv(receipt.body.tlvs, 'message_state'), 2);
    const text = parseReceiptText(receipt.body.shortMessage.toString('latin1'), { strict: true });
    assert.equal(text.id, id);
    assert.equal(text.stat, 'DELIVRD');
    assert.equal(text.text, 'hello sandbox');
    assert.equal(receipt.body.source.address, '15005550010');
    const recorded = smsc.submissions.find((s) => s.messageId === id);
    assert.equal(recorded?.to, '+15005550010');
    assert.equal(recorded?.text, 'hello sandbox');
    esme.close();
  });

  it('serves the test numbers: reject, throttled then accepted, queue full then accepted, UNDELIV, no receipt', async () => {
    const esme = await TestEsme.connect(smsc.port);
    await esme.bind(credentials.systemId, credentials.password);
    let seq = 10;
    assert.equal((await esme.call(submitSm(seq++, SMS_SANDBOX_NUMBERS.rejected, 'x'))).commandStatus, CommandStatus.ESME_RINVDSTADR);
    for (const [number, refusal] of [[SMS_SANDBOX_NUMBERS.flaky, CommandStatus.ESME_RTHROTTLED], [SMS_SANDBOX_NUMBERS.queueFull, CommandStatus.ESME_RMSGQFUL]] as const) {
      for (let i = 0; i < SMS_TRANSIENT_FAILURES; i++) assert.equal((await esme.call(submitSm(seq++, number, 'retry me'))).commandStatus, refusal);
      const accepted = await esme.call(submitSm(seq++, number, 'retry me'));
      assert.ok(accepted.command === 'submit_sm_resp' && accepted.commandStatus === 0 && accepted.body.messageId !== null);
      await esme.waitFor((p) => isReceipt(p, accepted.body.messageId!));
      // Every try is recorded, with its time, nothing folded together.
      const tries = smsc.submissions.filter((s) => s.to === number);
      assert.deepEqual(tries.map((s) => s.attempt), [1, 2, 3]);
      assert.ok(tries.every((s, i) => i === 0 || s.at >= tries[i - 1]!.at));
    }
    const undeliv = await esme.call(submitSm(seq++, SMS_SANDBOX_NUMBERS.undelivered, 'nope'));
    assert.ok(undeliv.command === 'submit_sm_resp' && undeliv.body.messageId !== null);
    const bad = await esme.waitFor((p) => isReceipt(p, undeliv.body.messageId!));
    assert.ok(bad.command === 'deliver_sm');
    const parsed = parseReceiptText(bad.body.shortMessage.toString('latin1'));
    assert.equal(parsed.stat, 'UNDELIV');
    assert.equal(parsed.err, 27);
    assert.equal(getTlv(bad.body.tlvs, 'message_state'), 5);
    assert.deepEqual(getTlv(bad.body.tlvs, 'network_error_code'), { networkType: 3, errorCode: 27 });
    const silent = await esme.call(submitSm(seq++, SMS_SANDBOX_NUMBERS.noReport, 'quiet'));
    assert.ok(silent.command === 'submit_sm_resp' && silent.body.messageId !== null);
    // A later message's receipt arrives after the silent one's would have: none came for it.
    const later = await esme.call(submitSm(seq++, '+15005550011', 'later'));
    assert.ok(later.command === 'submit_sm_resp' && later.body.messageId !== null);
    await esme.waitFor((p) => isReceipt(p, later.body.messageId!));
    assert.equal(esme.received.filter((p) => isReceipt(p, silent.body.messageId!)).length, 0);
    assert.equal(smsc.receiptAttempts.filter((a) => a.messageId === silent.body.messageId).length, 0);
    esme.close();
  });

  it('keeps a receipt while no receiver is bound and sends it after the next bind; retries a refused one', async () => {
    const tx = await TestEsme.connect(smsc.port);
    await tx.bind(credentials.systemId, credentials.password, 'bind_transmitter');
    const resp = await tx.call(submitSm(2, '+15005550012', 'while away'));
    assert.ok(resp.command === 'submit_sm_resp' && resp.body.messageId !== null);
    const id = resp.body.messageId;
    while (!smsc.receiptAttempts.some((a) => a.messageId === id && a.outcome === 'no_receiver')) await new Promise((r) => setTimeout(r, 10));
    const rx = await TestEsme.connect(smsc.port);
    rx.answerDeliverSm = CommandStatus.ESME_RSYSERR;
    await rx.bind(credentials.systemId, credentials.password, 'bind_receiver');
    await rx.waitFor((p) => isReceipt(p, id));
    rx.answerDeliverSm = 0;
    const second = rx.received.length;
    await rx.waitFor((p) => isReceipt(p, id), second);
    // The SMSC records the answer once it has read it.
    while (!smsc.receiptAttempts.some((a) => a.messageId === id && a.outcome === 0)) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(smsc.receiptAttempts.filter((a) => a.messageId === id).map((a) => a.outcome).slice(-2), [CommandStatus.ESME_RSYSERR, 0]);
    tx.close();
    rx.close();
  });

  it('injects MO text, single and concatenated, in any order', async () => {
    const esme = await TestEsme.connect(smsc.port);
    await esme.bind(credentials.systemId, credentials.password, 'bind_receiver');
    const one = await smsc.injectMo({ from: '+15005550010', to: '+15005550006', text: 'STOP' });
    assert.deepEqual(one.parts.map((p) => p.status), [0]);
    const single = await esme.waitFor((p) => p.command === 'deliver_sm');
    assert.ok(single.command === 'deliver_sm');
    assert.equal(single.body.shortMessage.toString('latin1'), 'STOP');
    assert.equal(single.body.source.address, '15005550010');
    const long = 'Ж'.repeat(150);
    const from = esme.received.length;
    await smsc.injectMo({ from: '+15005550010', to: '+15005550006', text: long, order: [2, 0, 1, 0] });
    const parts = esme.received.slice(from).filter((p): p is Extract<Pdu, { command: 'deliver_sm' }> => p.command === 'deliver_sm');
    assert.equal(parts.length, 4);
    const decoded = parts.map((p) => decodeShortMessage(p.body.shortMessage, p.body.dataCoding, (p.body.esmClass & EsmClass.UDHI) !== 0));
    assert.deepEqual(decoded.map((d) => d.udh?.concatenation?.sequence), [3, 1, 2, 1]);
    const ordered = [1, 2, 3].map((n) => decoded.find((d) => d.udh?.concatenation?.sequence === n)!.text);
    assert.equal(ordered.join(''), long);
    esme.close();
    while (smsc.binds().length > 0) await new Promise((r) => setTimeout(r, 10));
    await assert.rejects(smsc.injectMo({ from: '+15005550010', to: '+15005550006', text: 'nobody home' }), (e: unknown) => isPormError(e) && e.code === 'PORM_SANDBOX_SMSC_NO_RECEIVER');
  });

  it('answers junk with generic_nack or an error response and keeps the session', async () => {
    const esme = await TestEsme.connect(smsc.port);
    await esme.bind(credentials.systemId, credentials.password);
    // Unknown command id, with one body octet.
    esme.raw(Buffer.from('00000011' + '00000110' + '00000000' + '00000077' + 'ff', 'hex'));
    const nack = await esme.waitFor((p) => p.sequenceNumber === 0x77);
    assert.ok(nack.command === 'generic_nack' && nack.commandStatus === CommandStatus.ESME_RINVCMDID);
    // submit_sm cut short (no NUL in service_type): its own response, with an error.
    esme.raw(Buffer.from('00000013' + '00000004' + '00000000' + '00000078' + '414243', 'hex'));
    const cut = await esme.waitFor((p) => p.sequenceNumber === 0x78);
    assert.ok(cut.command === 'submit_sm_resp' && cut.commandStatus === CommandStatus.ESME_RINVCMDLEN);
    // A TLV that runs past the PDU.
    const good = submitSm(0x79, '+15005550010', 'tlv');
    const bytes = Buffer.concat([encodePdu(good), Buffer.from('0424' + '0040' + '41', 'hex')]);
    bytes.writeUInt32BE(bytes.length, 0);
    esme.raw(bytes);
    const tlv = await esme.waitFor((p) => p.sequenceNumber === 0x79);
    assert.equal(tlv.commandStatus, CommandStatus.ESME_RINVOPTPARSTREAM);
    // deliver_sm is not an ESME's to send.
    const wrongWay = await esme.call({ ...submitSm(0x7a, '+15005550010', 'x'), command: 'deliver_sm' });
    assert.ok(wrongWay.command === 'deliver_sm_resp' && wrongWay.commandStatus === CommandStatus.ESME_RINVCMDID);
    // The session still works.
    assert.equal((await esme.call({ command: 'enquire_link', commandStatus: 0, sequenceNumber: 0x7b, body: {} })).command, 'enquire_link_resp');
    // An impossible command_length: generic_nack, then the SMSC hangs up.
    esme.raw(Buffer.from('00000008' + '00000015', 'hex'));
    const last = await esme.waitFor((p) => p.command === 'generic_nack' && p.commandStatus === CommandStatus.ESME_RINVCMDLEN);
    assert.ok(last);
    await esme.waitClosed();
  });

  it('unbinds on request', async () => {
    const esme = await TestEsme.connect(smsc.port);
    await esme.bind(credentials.systemId, credentials.password);
    assert.equal((await esme.call({ command: 'unbind', commandStatus: 0, sequenceNumber: 9, body: {} })).command, 'unbind_resp');
    await esme.waitClosed();
  });
});
