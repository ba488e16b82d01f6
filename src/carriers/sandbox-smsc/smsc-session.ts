import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import {
  CommandStatus, PduFramer, SmppPduError, commandName, decodePdu, encodePdu, genericNack, isResponseId, responseTo,
  type CommandName, type Pdu, type PduOf,
} from '../../sms/pdu/index.ts';

export type BindMode = 'transmitter' | 'receiver' | 'transceiver';

/** What the SMSC decides for the requests a session receives; the session only speaks the protocol. */
export interface SessionHandler {
  /** Credentials check: the status to answer a bind with (ESME_ROK to accept). */
  bind(systemId: string, password: string): number;
  bound(session: SmscSession): void;
  /** Answers submit_sm / data_sm / query_sm / cancel_sm / replace_sm of a bound session. */
  request(session: SmscSession, pdu: Pdu): Pdu | undefined;
  closed(session: SmscSession): void;
}

/** The ESME's answer to an SMSC request: deliver_sm_resp's command_status and message_id. */
export interface EsmeAnswer {
  status: number;
  messageId: string | null;
}

interface Outstanding {
  resolve(answer: EsmeAnswer): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

const BIND_MODES: Partial<Record<CommandName, BindMode>> = { bind_transmitter: 'transmitter', bind_receiver: 'receiver', bind_transceiver: 'transceiver' };
const TRANSMIT_COMMANDS = new Set<CommandName>(['submit_sm', 'data_sm', 'query_sm', 'cancel_sm', 'replace_sm']);

/**
 * One ESME connection to the sandbox SMSC. Every PDU it cannot read gets an answer (the request's
 * own response with an error status, or generic_nack with the sequence number from the header),
 * and the connection stays up, except when command_length itself is impossible: then the byte
 * stream has no next PDU to find, so the SMSC answers generic_nack and closes.
 */
export class SmscSession {
  mode: BindMode | undefined;
  systemId: string | undefined;
  private nextSequence = 1;
  private readonly outstanding = new Map<number, Outstanding>();
  private readonly framer: PduFramer;
  private closing = false;
  /** Count of PDUs refused as unreadable, for tests and logs. */
  refused = 0;

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    private readonly handler: SessionHandler,
    private readonly log: Logger,
    private readonly options: { maxPduLength: number; responseTimeoutMs: number },
  ) {
    this.framer = new PduFramer({ maxLength: options.maxPduLength });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (err) => this.log.debug({ err, session: id }, 'sandbox SMSC: socket error'));
    socket.on('close', () => this.onClose());
  }

  get canReceive(): boolean {
    return !this.closing && (this.mode === 'receiver' || this.mode === 'transceiver');
  }

  /** Sends an SMSC-originated request (deliver_sm) and resolves with the ESME's answer. */
  request(pdu: Omit<PduOf<'deliver_sm'>, 'sequenceNumber'>): Promise<EsmeAnswer> {
    if (this.closing) return Promise.reject(new Error('session closed'));
    const sequenceNumber = this.nextSequence;
    this.nextSequence = this.nextSequence >= 0x7fffffff ? 1 : this.nextSequence + 1;
    return new Promise<EsmeAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.outstanding.delete(sequenceNumber);
        reject(new Error(`no deliver_sm_resp within ${this.options.responseTimeoutMs} ms`));
      }, this.options.responseTimeoutMs);
      this.outstanding.set(sequenceNumber, { resolve, reject, timer });
      this.send({ ...pdu, sequenceNumber });
    });
  }

  /** SMSC-side unbind (on close of the sandbox): ask politely, then hang up. */
  async unbind(): Promise<void> {
    if (this.closing || this.mode === undefined) return this.destroy();
    const seq = this.nextSequence++;
    this.send({ command: 'unbind', commandStatus: 0, sequenceNumber: seq, body: {} });
    await new Promise<void>((resolve) => {
      const done = (): void => resolve();
      this.socket.once('close', done);
      setTimeout(done, 500).unref();
    });
    this.destroy();
  }

  destroy(): void {
    this.closing = true;
    this.socket.destroy();
  }

  private send(pdu: Pdu): void {
    if (this.socket.destroyed) return;
    this.socket.write(encodePdu(pdu));
  }

  private receive(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.framer.push(chunk);
    } catch (err) {
      this.refused++;
      const header = err instanceof SmppPduError ? err.header : undefined;
      this.log.debug({ err, session: this.id }, 'sandbox SMSC: unframeable input, closing');
      this.send(genericNack(header?.sequenceNumber ?? 0, CommandStatus.ESME_RINVCMDLEN));
      this.closing = true;
      this.socket.end();
      return;
    }
    for (const frame of frames) {
      if (this.closing) return;
      this.handleFrame(frame);
    }
  }

  private handleFrame(frame: Buffer): void {
    let pdu: Pdu;
    try {
      pdu = decodePdu(frame);
    } catch (err) {
      if (!(err instanceof SmppPduError) || err.header === undefined) throw err;
      this.refused++;
      this.refuse(err);
      return;
    }
    try {
      this.dispatch(pdu);
    } catch (err) {
      // A fault of the sandbox itself: answer as an SMSC would (system error), keep the session.
      this.log.error({ err, session: this.id, command: pdu.command }, 'sandbox SMSC: request failed');
      const resp = responseTo(pdu, CommandStatus.ESME_RSYSERR);
      if (resp) this.send(resp);
    }
  }

  /** The answer to an unreadable PDU whose header is intact. */
  private refuse(err: SmppPduError): void {
    const header = err.header!;
    if (isResponseId(header.commandId)) {
      // A broken deliver_sm_resp still says which request it answers: count it as a refusal.
      this.settle(header.sequenceNumber, header.commandStatus === 0 ? CommandStatus.ESME_RSYSERR : header.commandStatus);
      return;
    }
    const name = commandName(header.commandId);
    const shell = name === undefined ? undefined : requestShell(name, header.sequenceNumber);
    const resp = shell === undefined ? undefined : responseTo(shell, err.answerStatus);
    this.send(resp ?? genericNack(header.sequenceNumber, err.answerStatus));
  }

  private dispatch(pdu: Pdu): void {
    switch (pdu.command) {
      case 'bind_transmitter':
      case 'bind_receiver':
      case 'bind_transceiver':
        return this.bind(pdu);
      case 'enquire_link':
        return this.send({ command: 'enquire_link_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: {} });
      case 'unbind':
        this.send({ command: 'unbind_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: {} });
        this.closing = true;
        this.socket.end();
        return;
      case 'deliver_sm_resp':
      case 'data_sm_resp':
        return this.settle(pdu.sequenceNumber, pdu.commandStatus, pdu.body.messageId);
      case 'generic_nack':
        this.log.debug({ session: this.id, status: pdu.commandStatus, seq: pdu.sequenceNumber }, 'sandbox SMSC: ESME sent generic_nack');
        return this.settle(pdu.sequenceNumber, pdu.commandStatus === 0 ? CommandStatus.ESME_RSYSERR : pdu.commandStatus);
      case 'unbind_resp':
        this.destroy();
        return;
      default:
        break;
    }
    if (TRANSMIT_COMMANDS.has(pdu.command)) {
      const resp = this.mode === undefined || this.mode === 'receiver' ? responseTo(pdu, CommandStatus.ESME_RINVBNDSTS) : this.handler.request(this, pdu);
      if (resp) this.send(resp);
      return;
    }
    // Responses nobody asked for (a stray bind_*_resp, submit_sm_resp...) are ignored.
    if (pdu.command.endsWith('_resp')) return;
    // deliver_sm, outbind, alert_notification: SMSC-to-ESME commands an ESME must not send.
    this.send(responseTo(pdu, CommandStatus.ESME_RINVCMDID) ?? genericNack(pdu.sequenceNumber, CommandStatus.ESME_RINVCMDID));
  }

  private bind(pdu: PduOf<'bind_transmitter' | 'bind_receiver' | 'bind_transceiver'>): void {
    const mode = BIND_MODES[pdu.command]!;
    let status: number = CommandStatus.ESME_ROK;
    if (this.mode !== undefined) status = CommandStatus.ESME_RALYBND;
    else status = this.handler.bind(pdu.body.systemId, pdu.body.password);
    const respCommand = `${pdu.command}_resp` as const;
    this.send({
      command: respCommand, commandStatus: status, sequenceNumber: pdu.sequenceNumber,
      body: status === CommandStatus.ESME_ROK ? { systemId: 'porm-sandbox', tlvs: [{ name: 'sc_interface_version', value: 0x34 }] } : { systemId: null, tlvs: [] },
    });
    if (status !== CommandStatus.ESME_ROK) return;
    this.mode = mode;
    this.systemId = pdu.body.systemId;
    this.handler.bound(this);
  }

  private settle(sequenceNumber: number, status: number, messageId: string | null = null): void {
    const waiting = this.outstanding.get(sequenceNumber);
    if (!waiting) return;
    this.outstanding.delete(sequenceNumber);
    clearTimeout(waiting.timer);
    waiting.resolve({ status, messageId });
  }

  private onClose(): void {
    this.closing = true;
    for (const [seq, waiting] of this.outstanding) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error('connection closed before deliver_sm_resp'));
      this.outstanding.delete(seq);
    }
    this.handler.closed(this);
  }
}

/** A minimal request of a command, only to build its error response from a header. */
function requestShell(name: CommandName, sequenceNumber: number): Pdu | undefined {
  const a = { ton: 0, npi: 0, address: '' };
  const base = { commandStatus: 0, sequenceNumber };
  switch (name) {
    case 'bind_transmitter': case 'bind_receiver': case 'bind_transceiver':
      return { ...base, command: name, body: { systemId: '', password: '', systemType: '', interfaceVersion: 0x34, addressRange: a } };
    case 'submit_sm': case 'deliver_sm':
      return { ...base, command: name, body: { serviceType: '', source: a, destination: a, esmClass: 0, protocolId: 0, priorityFlag: 0, scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery: 0, replaceIfPresentFlag: 0, dataCoding: 0, smDefaultMsgId: 0, shortMessage: Buffer.alloc(0), tlvs: [] } };
    case 'data_sm':
      return { ...base, command: name, body: { serviceType: '', source: a, destination: a, esmClass: 0, registeredDelivery: 0, dataCoding: 0, tlvs: [] } };
    case 'query_sm':
      return { ...base, command: name, body: { messageId: '', source: a } };
    case 'cancel_sm':
      return { ...base, command: name, body: { serviceType: '', messageId: '', source: a, destination: a } };
    case 'replace_sm':
      return { ...base, command: name, body: { messageId: '', source: a, scheduleDeliveryTime: '', validityPeriod: '', registeredDelivery: 0, smDefaultMsgId: 0, shortMessage: Buffer.alloc(0) } };
    case 'enquire_link': case 'unbind':
      return { ...base, command: name, body: {} };
    default:
      return undefined;
  }
}
