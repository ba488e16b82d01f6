// validity_period end to end on loopback: porm's smpp connector writes it (from the message's
// expiry, or the connector's default; relative or absolute) and the sandbox SMSC honours it: a
// message whose validity ends before the handset is reached gets a receipt stat:EXPIRED, which
// porm reads as undelivered. A malformed validity_period is refused with ESME_RINVEXPIRY.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../logger.ts';
import type { DeliveryReport } from '../carrier-events.ts';
import type { OutboundMessage } from '../carrier.ts';
import { openSmpp } from '../smpp/smpp-connector.ts';
import { smppSchema } from '../smpp/smpp-type.ts';
import { CommandStatus, MessageState, getTlv, parseReceiptText, parseSmppTime } from '../../sms/pdu/index.ts';
import { SandboxSmsc } from './sandbox-smsc.ts';
import { submitSm, TestEsme } from './testing/test-esme.ts';

const credentials = { systemId: 'porm', password: 'pw-valid' };
const log = createLogger({ logLevel: 'silent' });

const message = (id: string, expiresAt: number | null): OutboundMessage => ({
  id, channel: 'sms', accountId: 'acct_x', to: '+14155550100', from: '+14155550199', body: `validity ${id}`, subject: null, media: [], expiresAt,
});

async function until<T>(check: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SMS validity period', () => {
  let smsc: SandboxSmsc;
  // Receipts are due an hour after the submit: only an expiry makes one come sooner.
  before(async () => { smsc = await SandboxSmsc.start({ credentials, deliveryDelayMs: 3_600_000 }); });
  after(async () => { await smsc.close(); });

  it('the sandbox SMSC expires a message whose validity ends before delivery and refuses a malformed one', async () => {
    const esme = await TestEsme.connect(smsc.port);
    await esme.bind(credentials.systemId, credentials.password);
    const short = submitSm(2, '+14155550100', 'expire me');
    const resp = await esme.call({ ...short, body: { ...short.body, validityPeriod: '000000000001000R' } });
    assert.ok(resp.command === 'submit_sm_resp' && resp.commandStatus === 0 && resp.body.messageId !== null);
    const id = resp.body.messageId;
    const receipt = await esme.waitFor((p) => p.command === 'deliver_sm' && getTlv(p.body.tlvs, 'receipted_message_id') === id);
    assert.ok(receipt.command === 'deliver_sm');
    assert.equal(getTlv(receipt.body.tlvs, 'message_state'), MessageState.EXPIRED);
    assert.equal(parseReceiptText(receipt.body.shortMessage.toString('latin1')).stat, 'EXPIRED');
    assert.equal(smsc.message(id)?.state, MessageState.EXPIRED);
    // Failures-only receipts (registered_delivery 2) include an expiry.
    const failuresOnly = submitSm(3, '+14155550100', 'expire quietly', 2);
    const resp2 = await esme.call({ ...failuresOnly, body: { ...failuresOnly.body, validityPeriod: '000000000001000R' } });
    assert.ok(resp2.command === 'submit_sm_resp' && resp2.body.messageId !== null);
    const id2 = resp2.body.messageId;
    await esme.waitFor((p) => p.command === 'deliver_sm' && getTlv(p.body.tlvs, 'receipted_message_id') === id2);
    for (const [seq, bad] of [[4, '0000000000010000'], [5, '261332000000000+'], [6, 'tomorrow']] as const) {
      const pdu = submitSm(seq, '+14155550100', 'bad validity');
      assert.equal((await esme.call({ ...pdu, body: { ...pdu.body, validityPeriod: bad } })).commandStatus, CommandStatus.ESME_RINVEXPIRY, bad);
    }
    esme.close();
  });

  it('porm writes the message expiry (relative or absolute) or the connector default; an expired SMS is undelivered', async () => {
    const reports: DeliveryReport[] = [];
    const events = { deliveryReport: async (r: DeliveryReport) => { reports.push(r); }, inbound: async () => ({ id: 'inb_x' }), readReport: async () => {} };
    const base = { type: 'smpp', host: '127.0.0.1', port: smsc.port, systemId: credentials.systemId, password: credentials.password, reconnect: { initialMs: 50, maxMs: 200, jitter: 0 } };
    const relative = openSmpp('rel', smppSchema.parse({ ...base, validityPeriod: 7200 }), events, log);
    const absolute = openSmpp('abs', smppSchema.parse({ ...base, validityFormat: 'absolute' }), events, log);
    try {
      const submitted = (id: string) => until(() => smsc.submissions.find((s) => s.text === `validity ${id}`), id);
      const now = Date.now();
      const expiring = await relative.outbound.submit(message('soon', now + 1_500));
      assert.equal(expiring.outcome, 'accepted');
      const soon = await submitted('soon');
      assert.match(soon.validityPeriod, /^00000000000[12]000R$/, 'what is left of the message validity, relative');
      assert.equal((await relative.outbound.submit(message('default', null))).outcome, 'accepted');
      assert.equal((await submitted('default')).validityPeriod, '000000020000000R', 'the connector default (2 h)');
      const at = now + 3_600_000;
      assert.equal((await absolute.outbound.submit(message('abs', at))).outcome, 'accepted');
      const abs = await submitted('abs');
      assert.deepEqual(parseSmppTime(abs.validityPeriod), { kind: 'absolute', at: at - (at % 100) });
      assert.equal((await absolute.outbound.submit(message('none', null))).outcome, 'accepted');
      assert.equal((await submitted('none')).validityPeriod, '', 'no expiry, no default: the SMSC decides');
      const smscId = expiring.outcome === 'accepted' ? expiring.carrierMessageId : '';
      const report = await until(() => reports.find((r) => r.carrierMessageId === smscId), 'the EXPIRED receipt');
      assert.deepEqual([report.outcome, report.carrierStatus], ['undelivered', 'EXPIRED']);
    } finally {
      await relative.close();
      await absolute.close();
    }
  });
});
