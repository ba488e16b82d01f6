// The SMS side of MM1 reports: how an SMPP deliver_sm is recognised as WAP Push (UDH port 2948
// or the destination_port TLV; parts kept apart from texts), where Mm1Reports sends it, the
// reportsVia check, and the deliver_sm the sandbox SMSC writes for a report, decoded by tshark
// (recipe D of interop-checks.md: SMPP → SMS user data → WSP → MMSE; skipped without it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createLogger } from '../../logger.ts';
import { tsharkSkip } from '../../mms/pdu/testing/tshark.ts';
import { encodePdu as encodeSmpp, tlv, type PduOf } from '../../sms/pdu/index.ts';
import type { DeliveryReport, ReadReport, WapPush } from '../carrier-events.ts';
import { wapPushDeliverSms } from '../sandbox-smsc/wap-push-pdus.ts';
import { classifyDeliver } from '../smpp/deliver.ts';
import { Mm1Reports } from './mm1-reports.ts';
import { reportsViaProblems } from './reports-via-check.ts';
import { deliveryPush } from './sandbox-mm1-mmsc.ts';

const log = createLogger({ logLevel: 'silent' });
const SIM = '+14155550170';
const AT = Date.parse('2026-12-01T10:00:00Z');
const push = deliveryPush('mm1-sbx-7', '+14155550150/TYPE=PLMN', 'retrieved', AT);
const withSeq = (p: Omit<PduOf<'deliver_sm'>, 'sequenceNumber'>, n = 1): PduOf<'deliver_sm'> => ({ ...p, sequenceNumber: n });

describe('classifyDeliver: WAP Push by UDH port', () => {
  it('one SMS with 16-bit port addressing 2948 is a push with the WSP bytes, not an MO text', () => {
    const [pdu] = wapPushDeliverSms({ from: '+15005550000', to: SIM, payload: push });
    const d = classifyDeliver(withSeq(pdu!), 'sms', 0);
    assert.equal(d.kind, 'push');
    assert.ok(d.kind === 'push');
    assert.deepEqual({ ...d.push, payload: d.push.payload.toString('hex') }, { carrier: 'sms', from: '+15005550000', to: SIM, port: 2948, payload: push.toString('hex') });
  });
  it('parts carry the port and a reference no text part shares', () => {
    const parts = wapPushDeliverSms({ from: '+15005550000', to: SIM, payload: push, maxUserData: 30, reference: 9 });
    assert.ok(parts.length > 1);
    const d = classifyDeliver(withSeq(parts[0]!), 'sms', 0);
    assert.ok(d.kind === 'part');
    assert.equal(d.part.port, 2948);
    assert.equal(d.part.reference, 'udh8:9:p2948');
    const text = withSeq({ ...parts[0]!, body: { ...parts[0]!.body, dataCoding: 0, shortMessage: Buffer.concat([Buffer.from([5, 0, 3, 9, 2, 1]), Buffer.from('hello')]) } });
    const t = classifyDeliver(text, 'sms', 0);
    assert.ok(t.kind === 'part');
    assert.equal(t.part.reference, 'udh8:9');
    assert.equal(t.part.port, undefined);
  });
  it('the destination_port TLV without a UDH (the SMSC took it off) is a push too', () => {
    const [pdu] = wapPushDeliverSms({ from: '+15005550000', to: SIM, payload: push });
    const bare = withSeq({ ...pdu!, body: { ...pdu!.body, esmClass: 0, shortMessage: push, tlvs: [tlv('destination_port', 2948), tlv('source_port', 9200)] } });
    assert.equal(classifyDeliver(bare, 'sms', 0).kind, 'push');
  });
  it('another application port (vCard, 9204) stays what it was', () => {
    const vcard = Buffer.concat([Buffer.from([6, 5, 4, 0x23, 0xf4, 0, 0]), Buffer.from('BEGIN:VCARD')]);
    const [pdu] = wapPushDeliverSms({ from: '+15005550000', to: SIM, payload: push });
    assert.equal(classifyDeliver(withSeq({ ...pdu!, body: { ...pdu!.body, shortMessage: vcard } }), 'sms', 0).kind, 'mo');
  });
  it('a malformed UDH is unusable (refused to the SMSC), never a push or a text', () => {
    const [pdu] = wapPushDeliverSms({ from: '+15005550000', to: SIM, payload: push });
    assert.equal(classifyDeliver(withSeq({ ...pdu!, body: { ...pdu!.body, shortMessage: Buffer.from([0x0c, 5, 4, 0x0b]) } }), 'sms', 0).kind, 'unusable');
  });
});

describe('Mm1Reports: which mm1 carrier a push belongs to', () => {
  const sink = (): { delivery: DeliveryReport[]; read: ReadReport[]; events: { deliveryReport(r: DeliveryReport): Promise<void>; readReport(r: ReadReport): Promise<void> } } => {
    const delivery: DeliveryReport[] = [];
    const read: ReadReport[] = [];
    return { delivery, read, events: { deliveryReport: async (r) => void delivery.push(r), readReport: async (r) => void read.push(r) } };
  };
  const targets = Mm1Reports.targetsOf({
    sms: { type: 'smpp' }, other: { type: 'smpp' },
    'sim-a': { type: 'mm1', msisdn: SIM, reportsVia: 'sms' },
    'sim-b': { type: 'mm1', msisdn: '+14155550171' },
  });
  const at = (to: string, carrier = 'sms', payload = push): WapPush => ({ carrier, from: '+15005550000', to, port: 2948, payload });

  it('a report to SIM A through its reportsVia connector is sim-a\'s, with the MMSC\'s Message-ID', async () => {
    const s = sink();
    await new Mm1Reports(targets, s.events, log).receive(at(SIM));
    assert.deepEqual(s.delivery, [{ carrier: 'sim-a', carrierMessageId: 'mm1-sbx-7', outcome: 'delivered', carrierStatus: 'retrieved', at: AT }]);
  });
  it('through another SMS connector it is dropped; SIM B (no reportsVia) takes any connector\'s', async () => {
    const s = sink();
    const reports = new Mm1Reports(targets, s.events, log);
    await reports.receive(at(SIM, 'other'));
    assert.equal(s.delivery.length, 0);
    await reports.receive(at('+14155550171', 'other'));
    assert.equal(s.delivery[0]?.carrier, 'sim-b');
  });
  it('a number no mm1 carrier has, a truncated PDU, a Service Indication: nothing reported, nothing thrown', async () => {
    const s = sink();
    const reports = new Mm1Reports(targets, s.events, log);
    await reports.receive(at('+14155550199'));
    await reports.receive(at(SIM, 'sms', push.subarray(0, push.length - 3)));
    await reports.receive(at(SIM, 'sms', Buffer.concat([Buffer.from([1, 6, 1, 0xae]), Buffer.from('<si/>')])));
    assert.deepEqual([s.delivery.length, s.read.length], [0, 0]);
  });
  it('a storage failure is passed on, so the SMSC resends', async () => {
    const failing = { deliveryReport: async () => { throw new Error('disk full'); }, readReport: async () => undefined };
    await assert.rejects(new Mm1Reports(targets, failing, log).receive(at(SIM)), /disk full/);
  });
});

describe('reportsVia', () => {
  it('must name an smpp or sandbox-smsc carrier', () => {
    assert.deepEqual(reportsViaProblems({ s: { type: 'smpp' }, m: { type: 'mm1', reportsVia: 's' } }), []);
    assert.deepEqual(reportsViaProblems({ x: { type: 'sandbox-smsc' }, m: { type: 'mm1', reportsVia: 'x' } }), []);
    assert.equal(reportsViaProblems({ m: { type: 'mm1', reportsVia: 'nope' } }).length, 1);
    assert.match(reportsViaProblems({ s: { type: 'sandbox' }, m: { type: 'mm1', reportsVia: 's' } })[0]!, /^carriers\.m\.reportsVia: /);
  });
});

describe(`the sandbox's report SMS in tshark${tsharkSkip ? ` (${tsharkSkip})` : ''}`, { skip: tsharkSkip }, () => {
  it('SMPP deliver_sm → SMS user data (UDH ports 2948/9200) → WSP Push → m-delivery-ind with its Message-ID and status', () => {
    const pdus = wapPushDeliverSms({ from: '+15005550000', to: SIM, payload: push }).map((p, i) => encodeSmpp(withSeq(p, i + 1)));
    const dir = mkdtempSync(join(tmpdir(), 'porm-tshark-smpp-'));
    try {
      const dump = pdus.map((p) => {
        const lines: string[] = [];
        for (let off = 0; off < p.length; off += 16) lines.push(`${off.toString(16).padStart(6, '0')} ${p.subarray(off, off + 16).toString('hex').replace(/(..)(?!$)/g, '$1 ')}`);
        return `${lines.join('\n')}\n`;
      }).join('\n');
      writeFileSync(join(dir, 'in.txt'), dump);
      const t2p = spawnSync('text2pcap', ['-q', '-P', 'smpp', join(dir, 'in.txt'), join(dir, 'out.pcapng')], { encoding: 'utf8' });
      assert.equal(t2p.status, 0, t2p.stderr);
      const ts = spawnSync('tshark', ['-r', join(dir, 'out.pcapng'), '-T', 'json', '--no-duplicate-keys'], { maxBuffer: 1 << 26 });
      assert.equal(ts.status, 0, ts.stderr.toString());
      const text = ts.stdout.toString('utf8');
      assert.ok(!text.includes('_ws.malformed'), 'no malformed packet');
      const frames = JSON.parse(text) as Array<{ _source: { layers: Record<string, unknown> } }>;
      const layers = frames[0]!._source.layers;
      for (const layer of ['smpp', 'gsm_sms_ud', 'wsp', 'mmse']) assert.ok(layer in layers, `${layer} in ${Object.keys(layers).join(', ')}`);
      const mmse = layers.mmse as Record<string, unknown>;
      assert.deepEqual([mmse['mmse.message_type'], mmse['mmse.message_id'], mmse['mmse.to'], mmse['mmse.status']], ['0x86', 'mm1-sbx-7', '+14155550150/TYPE=PLMN', '0x81']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
