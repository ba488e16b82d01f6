import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../logger.ts';
import { CommandStatus, PduFramer, decodePdu, encodePdu, type Pdu } from '../../sms/pdu/index.ts';
import { SmppBindError, SmppSession, type SessionOptions } from './session.ts';

// The session against a hand-driven SMSC on loopback that misbehaves on purpose: refused binds,
// unknown command ids, malformed and truncated PDUs, answers nobody asked for, answers after
// their timeout, a broken command_length. The session must survive what it can and report
// every request it cannot settle as "no answer", never drop it.

const log = createLogger({ logLevel: 'silent' });

/** One SMSC connection: every PDU it reads, and a way to write raw bytes back. */
class RawSmsc {
  readonly received: Pdu[] = [];
  private socket: net.Socket | undefined;
  private readonly waiters: Array<() => void> = [];
  port = 0;

  private constructor(private readonly server: net.Server, private readonly onPdu: (smsc: RawSmsc, pdu: Pdu) => void) {}

  static async start(onPdu: (smsc: RawSmsc, pdu: Pdu) => void): Promise<RawSmsc> {
    const server = net.createServer();
    const smsc = new RawSmsc(server, onPdu);
    server.on('connection', (socket) => {
      smsc.socket = socket;
      const framer = new PduFramer();
      socket.on('data', (chunk: Buffer) => {
        for (const frame of framer.push(chunk)) {
          const pdu = decodePdu(frame);
          smsc.received.push(pdu);
          smsc.onPdu(smsc, pdu);
          for (const w of smsc.waiters.splice(0)) w();
        }
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    smsc.port = (server.address() as AddressInfo).port;
    return smsc;
  }

  send(pdu: Pdu): void {
    this.raw(encodePdu(pdu));
  }

  raw(bytes: Buffer): void {
    this.socket?.write(bytes);
  }

  async until(check: (received: Pdu[]) => boolean): Promise<void> {
    while (!check(this.received)) await new Promise<void>((r) => this.waiters.push(r));
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

function options(port: number, extra: Partial<SessionOptions> = {}): SessionOptions {
  return {
    host: '127.0.0.1', port, tls: false, tlsInsecure: false, bind: 'bind_transceiver', systemId: 'porm', password: 'pw', systemType: '',
    windowSize: 4, requestTimeoutMs: 300, bindTimeoutMs: 1000, enquireLinkIntervalMs: 60_000, enquireLinkMissedLimit: 3, log,
    onRequest: async () => CommandStatus.ESME_ROK, onClose: () => {}, ...extra,
  };
}

const bindOk = (smsc: RawSmsc, pdu: Pdu): boolean => {
  if (pdu.command !== 'bind_transceiver') return false;
  smsc.send({ command: 'bind_transceiver_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: { systemId: 'raw', tlvs: [] } });
  return true;
};

const submitBody = {
  serviceType: '', source: { ton: 1, npi: 1, address: '14155550199' }, destination: { ton: 1, npi: 1, address: '14155550100' },
  esmClass: 0, protocolId: 0, priorityFlag: 0, scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery: 1,
  replaceIfPresentFlag: 0, dataCoding: 0, smDefaultMsgId: 0, shortMessage: Buffer.from('hi'), tlvs: [],
};

/** A header with any command id and a body of raw bytes. */
function rawPdu(commandId: number, status: number, sequence: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(16 + body.length, 0);
  header.writeUInt32BE(commandId >>> 0, 4);
  header.writeUInt32BE(status, 8);
  header.writeUInt32BE(sequence, 12);
  return Buffer.concat([header, body]);
}

describe('SMPP session against a misbehaving SMSC', () => {
  const smscs: RawSmsc[] = [];
  after(async () => {
    for (const s of smscs) await s.stop();
  });

  test('a bind answered with ESME_RINVPASWD is refused with its status', async () => {
    const smsc = await RawSmsc.start((s, pdu) => {
      if (pdu.command === 'bind_transceiver') s.send({ command: 'bind_transceiver_resp', commandStatus: CommandStatus.ESME_RINVPASWD, sequenceNumber: pdu.sequenceNumber, body: { systemId: null, tlvs: [] } });
    });
    smscs.push(smsc);
    await assert.rejects(SmppSession.open(options(smsc.port)), (err: unknown) => err instanceof SmppBindError && err.status === CommandStatus.ESME_RINVPASWD);
  });

  test('a bind answered with generic_nack, or not at all, is refused', async () => {
    const nack = await RawSmsc.start((s, pdu) => s.raw(rawPdu(0x80000000, CommandStatus.ESME_RINVCMDID, pdu.sequenceNumber)));
    const silent = await RawSmsc.start(() => {});
    smscs.push(nack, silent);
    await assert.rejects(SmppSession.open(options(nack.port)), SmppBindError);
    await assert.rejects(SmppSession.open(options(silent.port, { bindTimeoutMs: 200 })), /no answer/);
  });

  test('unknown command ids, malformed requests and stray answers are nacked or ignored; the bind stays up', async () => {
    let submits = 0;
    const smsc = await RawSmsc.start((s, pdu) => {
      if (bindOk(s, pdu)) return;
      if (pdu.command === 'submit_sm') {
        submits++;
        s.send({ command: 'submit_sm_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: { messageId: `id${submits}`, tlvs: [] } });
      }
    });
    smscs.push(smsc);
    const session = await SmppSession.open(options(smsc.port));
    smsc.raw(rawPdu(0x00000099, 0, 7001));
    // deliver_sm whose service_type has no NUL before the end of the PDU.
    smsc.raw(rawPdu(0x00000005, 0, 7002, Buffer.from('abc')));
    // An answer for a request porm never sent.
    smsc.raw(rawPdu(0x80000004, 0, 999_999, Buffer.from('ghost\0')));
    await smsc.until((r) => r.filter((p) => p.command === 'generic_nack').length >= 2);
    const nacks = smsc.received.filter((p) => p.command === 'generic_nack');
    assert.deepEqual(nacks.map((p) => [p.sequenceNumber, p.commandStatus]), [[7001, CommandStatus.ESME_RINVCMDID], [7002, nacks[1]!.commandStatus]]);
    assert.notEqual(nacks[1]!.commandStatus, 0);
    assert.ok(session.isOpen);
    const result = await session.request({ command: 'submit_sm', body: submitBody });
    assert.equal(result.kind, 'response');
    assert.equal(result.kind === 'response' && result.pdu.command === 'submit_sm_resp' ? result.pdu.body.messageId : null, 'id1');
    await session.close();
  });

  test('an undecodable submit_sm_resp settles its request as "no answer" (retried), not as a guess', async () => {
    const smsc = await RawSmsc.start((s, pdu) => {
      if (bindOk(s, pdu)) return;
      // message_id without its NUL terminator.
      if (pdu.command === 'submit_sm') s.raw(rawPdu(0x80000004, 0, pdu.sequenceNumber, Buffer.from('abc')));
    });
    smscs.push(smsc);
    const session = await SmppSession.open(options(smsc.port));
    const result = await session.request({ command: 'submit_sm', body: submitBody });
    assert.equal(result.kind, 'closed');
    assert.ok(session.isOpen, 'one bad answer does not drop the bind');
    await session.close();
  });

  test('an answer after the timeout is ignored; the request was already reported as timed out', async () => {
    const smsc = await RawSmsc.start((s, pdu) => {
      if (bindOk(s, pdu)) return;
      if (pdu.command === 'submit_sm') setTimeout(() => s.send({ command: 'submit_sm_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: { messageId: 'late', tlvs: [] } }), 500);
    });
    smscs.push(smsc);
    const session = await SmppSession.open(options(smsc.port, { requestTimeoutMs: 150 }));
    const result = await session.request({ command: 'submit_sm', body: submitBody });
    assert.equal(result.kind, 'timeout');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(session.isOpen);
    assert.equal(session.outstanding, 0);
    await session.close();
  });

  test('a command_length that cannot be framed drops the connection; requests in flight are settled, not lost', async () => {
    let closed = '';
    const smsc = await RawSmsc.start((s, pdu) => {
      if (bindOk(s, pdu)) return;
      if (pdu.command === 'submit_sm') s.raw(Buffer.from([0, 0, 0, 8, 0, 0, 0, 4]));
    });
    smscs.push(smsc);
    const session = await SmppSession.open(options(smsc.port, { onClose: (reason) => { closed = reason; } }));
    const result = await session.request({ command: 'submit_sm', body: submitBody });
    assert.equal(result.kind, 'closed');
    assert.equal(closed, 'unreadable SMPP stream');
    assert.equal(session.isOpen, false);
    const after = await session.request({ command: 'submit_sm', body: submitBody });
    assert.equal(after.kind, 'not-sent');
  });

  test('the window holds at windowSize; a deliver_sm is answered only after its handler resolves', async () => {
    const held: Pdu[] = [];
    let release!: () => void;
    const stored = new Promise<void>((r) => { release = r; });
    const smsc = await RawSmsc.start((s, pdu) => {
      if (bindOk(s, pdu)) return;
      if (pdu.command === 'submit_sm') held.push(pdu);
    });
    smscs.push(smsc);
    const session = await SmppSession.open(options(smsc.port, { windowSize: 2, requestTimeoutMs: 2000, onRequest: async () => { await stored; return CommandStatus.ESME_ROK; } }));
    const a = session.request({ command: 'submit_sm', body: submitBody });
    const b = session.request({ command: 'submit_sm', body: submitBody });
    const c = await session.request({ command: 'submit_sm', body: submitBody });
    assert.deepEqual(c, { kind: 'not-sent', reason: 'window full' });
    await smsc.until(() => held.length === 2);
    for (const p of held) smsc.send({ command: 'submit_sm_resp', commandStatus: 0, sequenceNumber: p.sequenceNumber, body: { messageId: `m${p.sequenceNumber}`, tlvs: [] } });
    assert.equal((await a).kind, 'response');
    assert.equal((await b).kind, 'response');
    smsc.send({ command: 'deliver_sm', commandStatus: 0, sequenceNumber: 42, body: { ...submitBody, shortMessage: Buffer.from('mo') } });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(smsc.received.some((p) => p.command === 'deliver_sm_resp'), false, 'no answer before the handler stored it');
    release();
    await smsc.until((r) => r.some((p) => p.command === 'deliver_sm_resp'));
    assert.equal(smsc.received.find((p) => p.command === 'deliver_sm_resp')?.sequenceNumber, 42);
    await session.close();
    assert.ok(smsc.received.some((p) => p.command === 'unbind'), 'close unbinds');
  });
});
