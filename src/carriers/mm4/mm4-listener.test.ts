import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import type { CarrierEvents, DeliveryReport, InboundMessage, ReadReport } from '../carrier-events.ts';
import { Mm4Listener } from './mm4-listener.ts';
import { mm4Schema } from './mm4-type.ts';
import type { BuiltMail } from './mm4-build.ts';

// porm's MM4 listener spoken to over a raw TCP socket, as a broken or hostile peer would: SMTP
// commands out of order, garbage, relaying attempts, oversize mail, a peer from the wrong address,
// and a store that cannot record. What it records is checked exactly.

function recorder() {
  const log = { reports: [] as DeliveryReport[], inbound: [] as InboundMessage[], reads: [] as ReadReport[], failing: false };
  const guard = (): void => {
    if (log.failing) throw new Error('database unavailable');
  };
  const events: CarrierEvents = {
    async deliveryReport(r) { guard(); log.reports.push(r); },
    async readReport(r) { guard(); log.reads.push(r); },
    async inbound(m) { guard(); log.inbound.push(m); return { id: `inb_${log.inbound.length}` }; },
  };
  return { log, events };
}

/** One SMTP conversation: sends each line (or block) after reading the server's reply to the previous one. */
async function converse(port: number, steps: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  let wake: (() => void) | undefined;
  socket.on('data', (c) => {
    buffer += c.toString('latin1');
    wake?.();
  });
  socket.on('close', () => wake?.());
  // A reply is complete at a line "NNN text" (no hyphen after the code).
  const reply = async (): Promise<string> => {
    for (;;) {
      const m = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer);
      if (m) {
        const end = m.index + m[0].length;
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end);
        return text.trim();
      }
      if (socket.destroyed) return buffer.trim();
      await new Promise<void>((r) => { wake = r; });
    }
  };
  replies.push(await reply());
  for (const step of steps) {
    socket.write(step.endsWith('\r\n') ? step : `${step}\r\n`);
    replies.push(await reply());
  }
  socket.destroy();
  return replies;
}

const auth = `AUTH PLAIN ${Buffer.from('\0peer\0listener-secret-1').toString('base64')}`;
const envelope = ['EHLO peer.example', auth, 'MAIL FROM:<mmsc@mms.peer.example>', 'RCPT TO:<system-user@mms.porm.example>', 'DATA'];
const report = (id: string, status: string): string => [
  'From: mmsc@mms.peer.example', 'X-Mms-3GPP-MMS-Version: 6.3.0', 'X-Mms-Message-Type: MM4_delivery_report.REQ',
  `X-Mms-Transaction-ID: t-${id}`, `X-Mms-Message-ID: ${id}@mms.porm.example`, `X-Mms-MM-Status-Code: ${status}`, '', '.', '',
].join('\r\n');

describe('MM4 listener: hostile and broken peers', () => {
  const { log, events } = recorder();
  const answers: BuiltMail[] = [];
  let listener: Mm4Listener;
  let port = 0;

  before(async () => {
    const config = mm4Schema.parse({
      type: 'mm4', peerDomain: 'mms.peer.example', domain: 'mms.porm.example', smtp: { host: '127.0.0.1', port: 9 },
      listen: { host: '127.0.0.1', port: 0, maxMessageBytes: 4096 }, peer: { username: 'peer', password: 'listener-secret-1', allowFrom: ['127.0.0.1'] },
    });
    listener = new Mm4Listener({ carrier: 'peer', config, events, log: pino({ level: 'silent' }), answer: async (m) => { answers.push(m); } });
    port = await listener.start();
  });
  after(() => listener.close());

  test('a delivery report is recorded and answered 250 only after it is', async () => {
    const r = await converse(port, [...envelope, report('msg_1', 'Retrieved'), 'QUIT']);
    assert.match(r[6]!, /^250/);
    assert.deepEqual(log.reports.map((x) => [x.carrierMessageId, x.outcome, x.carrierStatus]), [['msg_1@mms.porm.example', 'delivered', 'Retrieved']]);
  });

  test('Deferred and Indeterminate reports change nothing; unknown statuses are refused', async () => {
    const before = log.reports.length;
    assert.match((await converse(port, [...envelope, report('msg_2', 'Deferred')]))[6]!, /^250/);
    assert.match((await converse(port, [...envelope, report('msg_2', 'Indeterminate')]))[6]!, /^250/);
    assert.match((await converse(port, [...envelope, report('msg_2', 'Teleported')]))[6]!, /^550 5\.6\.0 X-Mms-MM-Status-Code "Teleported"/);
    assert.equal(log.reports.length, before);
  });

  test('a store that cannot record gets 451 (the peer retries), and nothing half-recorded', async () => {
    log.failing = true;
    try {
      const r = await converse(port, [...envelope, report('msg_3', 'Retrieved')]);
      assert.match(r[6]!, /^451 4\.3\.0/);
    } finally {
      log.failing = false;
    }
    assert.equal(log.reports.some((x) => x.carrierMessageId.startsWith('msg_3')), false);
  });

  test('mail without AUTH is refused before DATA; bad credentials get 535', async () => {
    const r = await converse(port, ['EHLO x', 'MAIL FROM:<a@b.example>']);
    assert.match(r[2]!, /^530/);
    const bad = await converse(port, ['EHLO x', `AUTH PLAIN ${Buffer.from('\0peer\0wrong-password').toString('base64')}`]);
    assert.match(bad[2]!, /^535/);
  });

  test('relaying to another domain is refused at RCPT', async () => {
    const r = await converse(port, ['EHLO x', auth, 'MAIL FROM:<a@mms.peer.example>', 'RCPT TO:<someone@example.com>']);
    assert.match(r[4]!, /^550 5\.7\.1 porm takes mail for mms\.porm\.example only/);
  });

  test('garbage commands, DATA out of order and an overlong line do not crash the session', async () => {
    const r = await converse(port, ['EHLO x', 'HELLO?? \u0000\u0001', 'DATA', 'X'.repeat(5000), 'NOOP']);
    assert.match(r[2]!, /^5\d\d/);
    assert.match(r[3]!, /^5(03|30)/);
    assert.match(r[5] ?? r[4]!, /^(250|5\d\d)/);
    // The listener still serves the next peer.
    assert.match((await converse(port, [...envelope, report('msg_4', 'Retrieved')]))[6]!, /^250/);
  });

  test('a message over maxMessageBytes is refused with 552 and not parsed', async () => {
    const big = `X-Mms-Message-Type: MM4_forward.REQ\r\n\r\n${'A'.repeat(6000)}\r\n.\r\n`;
    const r = await converse(port, [...envelope, big]);
    assert.match(r[6]!, /^552/);
  });

  test('an inbound forward is recorded per recipient and acknowledged with MM4_forward.RES to the originator', async () => {
    const mail = [
      'From: +14155550142/TYPE=PLMN@mms.peer.example', 'To: +14155550100/TYPE=PLMN@mms.porm.example', 'Subject: hi',
      'X-Mms-3GPP-MMS-Version: 6.3.0', 'X-Mms-Message-Type: MM4_forward.REQ', 'X-Mms-Transaction-ID: in-9',
      'X-Mms-Message-ID: in-9@mms.peer.example', 'X-Mms-Ack-Request: Yes', 'X-Mms-Originator-System: mmsc@mms.peer.example',
      'Content-Type: text/plain; charset=utf-8', '', 'hello there', '.', '',
    ].join('\r\n');
    const r = await converse(port, ['EHLO x', auth, 'MAIL FROM:<mmsc@mms.peer.example>', 'RCPT TO:<+14155550100/TYPE=PLMN@mms.porm.example>', 'DATA', mail]);
    assert.match(r[6]!, /^250/);
    const got = log.inbound.at(-1)!;
    assert.deepEqual([got.from, got.to, got.subject, got.text, got.channel], ['+14155550142', '+14155550100', 'hi', 'hello there', 'mms']);
    await new Promise((res) => setTimeout(res, 50));
    const ack = answers.at(-1)!;
    assert.equal(ack.envelope.to, 'mmsc@mms.peer.example');
    assert.match(ack.raw.toString('latin1'), /X-Mms-Message-Type: MM4_forward\.RES\r\n[\s\S]*X-Mms-Request-Status-Code: Ok/);
  });

  test('a forward whose From is not a PLMN address is refused with the reason', async () => {
    const mail = ['From: alice@example.com', 'To: +14155550100/TYPE=PLMN@mms.porm.example', 'X-Mms-Message-Type: MM4_forward.REQ',
      'X-Mms-Transaction-ID: in-10', 'X-Mms-Message-ID: in-10@x', '', 'x', '.', ''].join('\r\n');
    const r = await converse(port, [...envelope, mail]);
    assert.match(r[6]!, /^550 5\.6\.0 From holds no PLMN address/);
  });

  test('a peer connecting from an address outside allowFrom is turned away at once', async () => {
    const config = mm4Schema.parse({
      type: 'mm4', peerDomain: 'mms.peer.example', domain: 'mms.porm.example', smtp: { host: '127.0.0.1', port: 9 },
      listen: { host: '127.0.0.1', port: 0 }, peer: { allowFrom: ['203.0.113.0/24'] },
    });
    const strict = new Mm4Listener({ carrier: 'strict', config, events, log: pino({ level: 'silent' }), answer: async () => undefined });
    const p = await strict.start();
    try {
      const r = await converse(p, []);
      assert.match(r[0]!, /^554 5\.7\.1 .* is not an address of the MM4 peer strict/);
    } finally {
      await strict.close();
    }
  });
});

test('mm4 config: a peer must say how it authenticates', () => {
  const r = mm4Schema.safeParse({ type: 'mm4', peerDomain: 'mms.peer.example', domain: 'mms.porm.example', smtp: { host: 'h' }, peer: {} });
  assert.equal(r.success, false);
  assert.match(JSON.stringify(r.error?.issues), /say how the peer authenticates/);
});
