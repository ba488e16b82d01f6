import { connect, type Socket } from 'node:net';
import { PduFramer, decodePdu, encodePdu, type Pdu, type PduOf } from '../../../sms/pdu/index.ts';

/**
 * A deliberately simple SMPP client for tests of the sandbox SMSC: it writes PDUs (or raw
 * bytes) and collects what comes back; it answers deliver_sm with deliver_sm_resp unless told not to.
 */
export class TestEsme {
  readonly received: Pdu[] = [];
  private readonly framer = new PduFramer();
  private waiters: Array<() => void> = [];
  closed = false;
  answerDeliverSm: number | null = 0;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.framer.push(chunk)) {
        const pdu = decodePdu(frame);
        this.received.push(pdu);
        if (pdu.command === 'deliver_sm' && this.answerDeliverSm !== null) {
          this.send({ command: 'deliver_sm_resp', commandStatus: this.answerDeliverSm, sequenceNumber: pdu.sequenceNumber, body: { messageId: '', tlvs: [] } });
        }
      }
      this.wake();
    });
    socket.on('close', () => { this.closed = true; this.wake(); });
    socket.on('error', () => undefined);
  }

  static async connect(port: number): Promise<TestEsme> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
    return new TestEsme(socket);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(pdu: Pdu): void {
    this.socket.write(encodePdu(pdu));
  }

  raw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Waits (without a clock) until a received PDU matches; rejects if the connection closes first. */
  async waitFor(match: (p: Pdu) => boolean, from = 0): Promise<Pdu> {
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (this.closed) throw new Error('connection closed while waiting');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async waitClosed(): Promise<void> {
    while (!this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Sends a request and waits for the PDU answering its sequence number. */
  async call(pdu: Pdu): Promise<Pdu> {
    const from = this.received.length;
    this.send(pdu);
    return this.waitFor((p) => p.sequenceNumber === pdu.sequenceNumber && p.command !== 'deliver_sm', from);
  }

  async bind(systemId: string, password: string, mode: 'bind_transceiver' | 'bind_transmitter' | 'bind_receiver' = 'bind_transceiver', seq = 1): Promise<Pdu> {
    return this.call({ command: mode, commandStatus: 0, sequenceNumber: seq, body: { systemId, password, systemType: '', interfaceVersion: 0x34, addressRange: { ton: 0, npi: 0, address: '' } } });
  }

  close(): void {
    this.socket.destroy();
  }
}

export function submitSm(seq: number, to: string, text: string, registeredDelivery = 1): PduOf<'submit_sm'> {
  return {
    command: 'submit_sm', commandStatus: 0, sequenceNumber: seq, body: {
      serviceType: '', source: { ton: 1, npi: 1, address: '15005550006' }, destination: { ton: 1, npi: 1, address: to.replace(/^\+/, '') },
      esmClass: 0, protocolId: 0, priorityFlag: 0, scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery, replaceIfPresentFlag: 0,
      dataCoding: 0, smDefaultMsgId: 0, shortMessage: Buffer.from(text, 'latin1'), tlvs: [],
    },
  };
}
