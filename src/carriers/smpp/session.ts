import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { Logger } from 'pino';
import {
  CommandStatus, PduFramer, decodePdu, encodePdu, genericNack, isSmppPduError, responseTo, statusName,
  type Pdu, type PduBodies,
} from '../../sms/pdu/index.ts';
import { isResponseId } from '../../sms/pdu/commands.ts';

// One SMPP 3.4 connection, bound as an ESME: a window of outstanding requests, each with its own
// timer; enquire_link with a missed-reply counter; incoming requests answered only once the
// handler says what to answer (a deliver_sm is acknowledged after it is durably stored). Any
// answer the session cannot pair with a request (one after its timeout, one with an unknown
// sequence number) is logged and dropped: the request it belonged to has already been reported
// as failed-for-now, so the message is retried, never silently lost.

export type BindCommand = 'bind_transceiver' | 'bind_transmitter' | 'bind_receiver';

/** Requests the session sends; the sequence number is its business. */
export type OutgoingRequest =
  | { command: 'submit_sm'; body: PduBodies['submit_sm'] }
  | { command: 'enquire_link'; body: PduBodies['enquire_link'] }
  | { command: 'unbind'; body: PduBodies['unbind'] };

export type RequestResult =
  | { kind: 'response'; pdu: Pdu }
  /** No answer within requestTimeoutMs: the SMSC may or may not have taken it. */
  | { kind: 'timeout' }
  /** The connection went away before the answer: the SMSC may or may not have taken it. */
  | { kind: 'closed'; reason: string }
  /** Never written: the caller gave up (signal) or the window was full. */
  | { kind: 'not-sent'; reason: string };

export interface SessionOptions {
  host: string;
  port: number;
  /** `true`, or the CA file / name to check the SMSC's certificate against. */
  tls: boolean | { ca?: string | undefined; servername?: string | undefined };
  tlsInsecure: boolean;
  bind: BindCommand;
  systemId: string;
  password: string;
  systemType: string;
  windowSize: number;
  requestTimeoutMs: number;
  bindTimeoutMs: number;
  enquireLinkIntervalMs: number;
  enquireLinkMissedLimit: number;
  log: Logger;
  /** deliver_sm / data_sm from the SMSC: resolves with the command_status to answer. */
  onRequest(pdu: Pdu): Promise<number>;
  /** Called once, when the connection is gone (after close() too). */
  onClose(reason: string): void;
}

export type SmppBindErrorCode = 'PORM_SMPP_TLS_CERTIFICATE' | 'PORM_SMPP_TLS_HANDSHAKE' | 'PORM_SMPP_TLS_CA_UNREADABLE' | 'PORM_SMPP_CONNECT_FAILED' | 'PORM_SMPP_BIND_REFUSED';

export class SmppBindError extends Error {
  constructor(message: string, readonly status: number | undefined, readonly code: SmppBindErrorCode = 'PORM_SMPP_BIND_REFUSED') {
    super(message);
    this.name = 'SmppBindError';
  }
}

/** OpenSSL / Node verification failures: the peer's certificate, not the network. */
const CERTIFICATE_ERROR = /CERT|SIGNATURE|ISSUER|ALTNAME|SELF_SIGNED/;
const NETWORK_ERROR = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']);

function connectErrorCode(err: NodeJS.ErrnoException, tlsOn: boolean): SmppBindErrorCode {
  const code = err.code ?? '';
  if (NETWORK_ERROR.has(code) || !tlsOn) return 'PORM_SMPP_CONNECT_FAILED';
  return CERTIFICATE_ERROR.test(code) ? 'PORM_SMPP_TLS_CERTIFICATE' : 'PORM_SMPP_TLS_HANDSHAKE';
}

interface Pending {
  resolve(result: RequestResult): void;
  timer: NodeJS.Timeout;
  command: string;
}

const MAX_SEQUENCE = 0x7fffffff;

export class SmppSession {
  private readonly framer = new PduFramer();
  private readonly pending = new Map<number, Pending>();
  private sequence = 0;
  private closed = false;
  private closeReason = '';
  private bound = false;
  private missedEnquireLinks = 0;
  private enquireTimer: NodeJS.Timeout | undefined;
  private readonly windowWaiters = new Set<() => void>();
  /** Incoming requests whose answer is still being worked out (unbind waits for them). */
  private inbound = 0;
  /** Submits pause until then (ESME_RTHROTTLED / ESME_RMSGQFUL on this bind). */
  pausedUntil = 0;

  private constructor(private readonly socket: net.Socket, private readonly options: SessionOptions) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.shut(`socket error: ${err.message}`));
    socket.on('close', () => this.shut('connection closed'));
  }

  /** Connects and binds; rejects with SmppBindError when the SMSC refuses or does not answer. */
  static async open(options: SessionOptions): Promise<SmppSession> {
    const socket = await connect(options);
    const session = new SmppSession(socket, options);
    const result = await session.send({ command: options.bind, body: {
      systemId: options.systemId, password: options.password, systemType: options.systemType, interfaceVersion: 0x34,
      addressRange: { ton: 0, npi: 0, address: '' },
    } }, options.bindTimeoutMs);
    if (result.kind !== 'response') {
      session.destroy(`bind ${result.kind}`);
      throw new SmppBindError(`${options.bind} got no answer (${result.kind === 'closed' || result.kind === 'not-sent' ? result.reason : 'timeout'})`, undefined);
    }
    if (result.pdu.commandStatus !== CommandStatus.ESME_ROK || result.pdu.command === 'generic_nack') {
      session.destroy('bind refused');
      throw new SmppBindError(`${options.bind} refused: ${statusName(result.pdu.commandStatus)}`, result.pdu.commandStatus);
    }
    session.bound = true;
    session.scheduleEnquireLink();
    return session;
  }

  get isOpen(): boolean {
    return !this.closed && this.bound;
  }

  get outstanding(): number {
    return this.pending.size;
  }

  /** Room in the window now (0 while paused or closed). */
  freeSlots(now: number): number {
    if (!this.isOpen || now < this.pausedUntil) return 0;
    return Math.max(0, this.options.windowSize - this.pending.size);
  }

  /** Resolves when a window slot frees or the session closes. */
  whenSlotFrees(): Promise<void> {
    return new Promise((resolve) => this.windowWaiters.add(resolve));
  }

  /** Sends a request (when the window has room) and resolves with its answer or why there is none. */
  request(request: OutgoingRequest, signal?: AbortSignal): Promise<RequestResult> {
    if (signal?.aborted === true) return Promise.resolve({ kind: 'not-sent', reason: 'aborted' });
    if (!this.isOpen) return Promise.resolve({ kind: 'not-sent', reason: this.closeReason || 'not bound' });
    if (this.pending.size >= this.options.windowSize) return Promise.resolve({ kind: 'not-sent', reason: 'window full' });
    // Once written, the request is not taken back on abort: its answer decides whether it was sent.
    return this.send(request, this.options.requestTimeoutMs);
  }

  private send(request: OutgoingRequest | { command: BindCommand; body: PduBodies[BindCommand] }, timeoutMs: number): Promise<RequestResult> {
    if (this.closed) return Promise.resolve({ kind: 'not-sent', reason: this.closeReason });
    this.sequence = this.sequence >= MAX_SEQUENCE ? 1 : this.sequence + 1;
    const sequenceNumber = this.sequence;
    let bytes: Buffer;
    try {
      bytes = encodePdu({ ...request, commandStatus: 0, sequenceNumber } as Pdu);
    } catch (err) {
      return Promise.resolve({ kind: 'not-sent', reason: err instanceof Error ? err.message : String(err) });
    }
    return new Promise<RequestResult>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(sequenceNumber)) {
          this.options.log.warn({ command: request.command, sequenceNumber, timeoutMs }, 'SMPP request got no response in time');
          this.slotFreed();
          resolve({ kind: 'timeout' });
        }
      }, timeoutMs);
      this.pending.set(sequenceNumber, { resolve, timer, command: request.command });
      this.socket.write(bytes);
    });
  }

  /** Graceful end: unbind, wait (bounded) for unbind_resp and answers in flight, then close. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.bound) {
      const deadline = Date.now() + Math.min(this.options.requestTimeoutMs, 5_000);
      while (this.inbound > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await this.send({ command: 'unbind', body: {} }, Math.min(this.options.requestTimeoutMs, 5_000));
    }
    this.destroy('closed by porm');
  }

  destroy(reason: string): void {
    this.socket.destroy();
    this.shut(reason);
  }

  private shut(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closeReason = reason;
    clearTimeout(this.enquireTimer);
    for (const [seq, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(seq);
      p.resolve({ kind: 'closed', reason });
    }
    this.slotFreed();
    this.socket.destroy();
    this.options.onClose(reason);
  }

  private slotFreed(): void {
    const waiters = [...this.windowWaiters];
    this.windowWaiters.clear();
    for (const w of waiters) w();
  }

  private scheduleEnquireLink(): void {
    this.enquireTimer = setTimeout(() => {
      if (this.closed) return;
      void this.send({ command: 'enquire_link', body: {} }, this.options.requestTimeoutMs).then((r) => {
        if (r.kind === 'response') this.missedEnquireLinks = 0;
        else if (r.kind === 'timeout' && ++this.missedEnquireLinks >= this.options.enquireLinkMissedLimit) {
          this.options.log.warn({ missed: this.missedEnquireLinks }, 'SMSC stopped answering enquire_link; dropping the bind');
          this.destroy('enquire_link unanswered');
        }
      });
      this.scheduleEnquireLink();
    }, this.options.enquireLinkIntervalMs);
    this.enquireTimer.unref();
  }

  private write(pdu: Pdu): void {
    if (this.closed) return;
    try {
      this.socket.write(encodePdu(pdu));
    } catch (err) {
      this.options.log.error({ err, command: pdu.command }, 'could not encode an SMPP answer');
    }
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.framer.push(chunk);
    } catch (err) {
      // A bad command_length leaves no way to find the next PDU: nack what we can, then drop.
      const header = isSmppPduError(err) ? err.header : undefined;
      this.options.log.warn({ err }, 'unreadable SMPP stream from the SMSC; dropping the connection');
      if (header !== undefined) this.write(genericNack(header.sequenceNumber, CommandStatus.ESME_RINVCMDLEN));
      this.destroy('unreadable SMPP stream');
      return;
    }
    for (const frame of frames) this.onFrame(frame);
  }

  private onFrame(frame: Buffer): void {
    let pdu: Pdu;
    try {
      pdu = decodePdu(frame);
    } catch (err) {
      if (!isSmppPduError(err)) throw err;
      if (err.partial !== undefined) {
        // Every mandatory field decoded; only a trailing TLV was cut. Take what arrived.
        this.options.log.warn({ err: err.message }, 'SMPP PDU with a truncated TLV; using its mandatory fields');
        pdu = err.partial;
      } else {
        const header = err.header;
        this.options.log.warn({ err: err.message, commandId: header?.commandId, sequenceNumber: header?.sequenceNumber }, 'undecodable SMPP PDU from the SMSC');
        if (header === undefined) return;
        if (isResponseId(header.commandId)) {
          // An answer we cannot read: its request is settled as "no answer" (retried), not guessed at.
          this.settle(header.sequenceNumber, { kind: 'closed', reason: `undecodable response: ${err.message}` });
        } else {
          this.write(genericNack(header.sequenceNumber, err.answerStatus));
        }
        return;
      }
    }
    if (isResponseId(commandIdOf(frame))) {
      this.settle(pdu.sequenceNumber, { kind: 'response', pdu });
      return;
    }
    this.onIncomingRequest(pdu);
  }

  private settle(sequenceNumber: number, result: RequestResult): void {
    const p = this.pending.get(sequenceNumber);
    if (p === undefined) {
      const command = result.kind === 'response' ? result.pdu.command : 'unreadable';
      this.options.log.warn({ sequenceNumber, command }, 'SMPP response for no outstanding request (after its timeout?) ignored');
      return;
    }
    clearTimeout(p.timer);
    this.pending.delete(sequenceNumber);
    p.resolve(result);
    this.slotFreed();
  }

  private onIncomingRequest(pdu: Pdu): void {
    switch (pdu.command) {
      case 'enquire_link':
        this.write({ command: 'enquire_link_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: {} });
        return;
      case 'unbind':
        this.write({ command: 'unbind_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: {} });
        this.bound = false;
        this.socket.end();
        return;
      case 'deliver_sm':
      case 'data_sm': {
        this.inbound++;
        void this.options.onRequest(pdu)
          .catch((err: unknown) => {
            this.options.log.error({ err }, 'inbound SMPP request not stored; asking the SMSC to resend');
            return CommandStatus.ESME_RX_T_APPN;
          })
          .then((status) => {
            this.inbound--;
            const answer = responseTo(pdu, status);
            if (answer !== undefined) this.write(answer);
          });
        return;
      }
      case 'alert_notification':
      case 'outbind':
        return;
      default: {
        // A request an ESME does not serve (submit_sm from the SMSC, query_sm, ...).
        const answer = responseTo(pdu, CommandStatus.ESME_RINVCMDID) ?? genericNack(pdu.sequenceNumber, CommandStatus.ESME_RINVCMDID);
        this.write(answer);
      }
    }
  }
}

function commandIdOf(frame: Buffer): number {
  return frame.readUInt32BE(4);
}

function connect(options: SessionOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    let socket: net.Socket;
    const tlsOn = options.tls !== false;
    if (tlsOn) {
      const extra = typeof options.tls === 'object' ? options.tls : {};
      let ca: Buffer | undefined;
      if (extra.ca !== undefined) {
        try {
          // Read at each connect: replacing the file fixes the next retry, no restart needed.
          ca = readFileSync(extra.ca);
        } catch (err) {
          reject(new SmppBindError(`tls.ca ${extra.ca}: ${err instanceof Error ? err.message : String(err)}`, undefined, 'PORM_SMPP_TLS_CA_UNREADABLE'));
          return;
        }
      }
      const servername = extra.servername ?? (net.isIP(options.host) === 0 ? options.host : undefined);
      socket = tls.connect({ host: options.host, port: options.port, rejectUnauthorized: !options.tlsInsecure, ...(ca ? { ca } : {}), ...(servername ? { servername } : {}) });
    } else {
      socket = net.connect({ host: options.host, port: options.port });
    }
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmppBindError(`connect to ${options.host}:${options.port} timed out`, undefined, tlsOn ? 'PORM_SMPP_TLS_HANDSHAKE' : 'PORM_SMPP_CONNECT_FAILED'));
    }, options.bindTimeoutMs);
    const ready = tlsOn ? 'secureConnect' : 'connect';
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const code = connectErrorCode(err, tlsOn);
      reject(new SmppBindError(`connect to ${options.host}:${options.port}: ${err.message}${err.code ? ` (${err.code})` : ''}`, undefined, code));
    });
  });
}
