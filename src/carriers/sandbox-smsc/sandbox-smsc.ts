import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { systemClock, type Clock } from '../../clock.ts';
import { PormError } from '../../errors.ts';
import {
  CommandStatus, DEFAULT_MAX_PDU_LENGTH, MessageState, getTlv, parseSmppTime, responseTo, smppTimeDeadline, type Pdu, type PduOf,
} from '../../sms/pdu/index.ts';
import { decodeShortMessage } from '../../sms/text/index.ts';
import { moDeliverSms, type MoOrder } from './mo-parts.ts';
import { wapPushDeliverSms, type WapPushOrder } from './wap-push-pdus.ts';
import { receiptDeliverSm, receiptState, type ReceiptStat } from './receipt-pdu.ts';
import { SmscSession } from './smsc-session.ts';
import { FifoQueue, RecentList } from './recent-list.ts';
import { checkSmscTls } from './smsc-tls.ts';
import { UNDELIVERED_ERROR, e164, smsVerdict } from './sms-test-numbers.ts';

export { DEFAULT_SMSC_KEEP, type MoResult, type SandboxSmscKeep, type SandboxSmscOptions, type SmscCredentials, type SmsReceiptAttempt, type SmsSubmission } from './smsc-model.ts';
import { DEFAULT_SMSC_KEEP, type MoResult, type SandboxSmscKeep, type SandboxSmscOptions, type SmscCredentials, type SmsReceiptAttempt, type SmsSubmission } from './smsc-model.ts';

interface Accepted {
  readonly submission: SmsSubmission;
  state: number;
  receipt: { stat: ReceiptStat; err: number; dueAt: number; timer: NodeJS.Timeout | undefined; sending: boolean } | null;
  doneAt: number | null;
  /** The ESME took a final receipt (deliver_sm_resp ESME_ROK): nothing more to report. */
  taken: boolean;
  /** Non-zero once its fate is final: its place in the queue of finished messages to forget. */
  settled: number;
}

/**
 * porm's sandbox SMSC: a real SMPP 3.4 server on loopback. It binds ESMEs with the credentials
 * it was given, answers submit_sm with message ids (or the test numbers' refusals), sends delivery
 * receipts later as deliver_sm (both the TLV and the text form), answers enquire_link and unbind,
 * and plays the handset: injectMo sends an MO text, in parts and in any order, to a bound receiver.
 * Receipts wait for a receiver when none is bound (they are not dropped while porm reconnects).
 */
export class SandboxSmsc {
  /** The newest submissions (at most `keep.submissions`), oldest first; `.total` counts all. */
  readonly submissions: RecentList<SmsSubmission>;
  readonly receiptAttempts: RecentList<SmsReceiptAttempt>;
  private readonly sessions = new Map<number, SmscSession>();
  /** Every message still owed a final outcome or receipt, plus the newest finished ones. */
  private readonly accepted = new Map<string, Accepted>();
  /** Messages in `accepted` whose fate is final, oldest first: the first to forget (entries of reopened ones are stale). */
  private readonly finished = new FifoQueue<{ id: string; settled: number }>();
  private finishedCount = 0;
  private settleSeq = 0;
  /** Submit counts by a digest of (system_id, from, to, esm_class, content), and the digests, first submitted first. */
  private readonly attempts = new Map<string, number>();
  private readonly attemptOrder = new FifoQueue<string>();
  private readonly waiting = new Set<string>();
  private readonly keep: Required<SandboxSmscKeep>;
  private readonly credentials: readonly SmscCredentials[];
  private readonly clock: Clock;
  readonly log: Logger;
  private readonly idPrefix = randomBytes(3).toString('hex');
  private nextSession = 1;
  private nextMessage = 1;
  private roundRobin = 0;
  private closed = false;
  /** TCP connections accepted, and (with TLS) handshakes that failed: a plaintext client, an untrusting one. */
  connections = 0;
  tlsFailures = 0;
  host = '';
  port = 0;

  private constructor(private readonly server: Server, private readonly options: SandboxSmscOptions) {
    this.credentials = Array.isArray(options.credentials) ? options.credentials : [options.credentials as SmscCredentials];
    if (this.credentials.length === 0) throw new RangeError('the sandbox SMSC needs at least one system_id/password');
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? pino({ level: 'silent' });
    this.keep = { ...DEFAULT_SMSC_KEEP, ...definedOnly(options.keep ?? {}) };
    for (const [name, value] of Object.entries(this.keep)) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`keep.${name} must be a whole number of at least 1 (got ${value})`);
    }
    this.submissions = new RecentList(this.keep.submissions);
    this.receiptAttempts = new RecentList(this.keep.submissions);
  }

  /** How many messages the SMSC holds now: owed a receipt or outcome, and finished ones kept for query_sm. */
  held(): { messages: number; finished: number; waitingForReceiver: number; resubmitCounts: number } {
    return { messages: this.accepted.size, finished: this.finishedCount, waitingForReceiver: this.waiting.size, resubmitCounts: this.attempts.size };
  }

  static async start(options: SandboxSmscOptions): Promise<SandboxSmsc> {
    if (options.tls) checkSmscTls(options.tls);
    const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }) : createServer();
    const smsc = new SandboxSmsc(server, options);
    // Every TCP connection, before any TLS handshake: tests tell from it that a client backs off.
    server.on('connection', () => { smsc.connections++; });
    if (options.tls) {
      server.on('secureConnection', (socket: Socket) => smsc.accept(socket));
      server.on('tlsClientError', (err: Error) => {
        smsc.tlsFailures++;
        smsc.log.debug({ err: err.message }, 'sandbox SMSC: TLS handshake failed');
      });
    } else {
      server.on('connection', (socket: Socket) => smsc.accept(socket));
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address() as AddressInfo;
    smsc.host = address.address;
    smsc.port = address.port;
    return smsc;
  }

  /** Sessions bound right now, by mode. */
  binds(): Array<{ session: number; systemId: string; mode: string }> {
    return [...this.sessions.values()].filter((s) => s.mode !== undefined).map((s) => ({ session: s.id, systemId: s.systemId ?? '', mode: s.mode ?? '' }));
  }

  /** The accepted message with this id: its submission and SMPP message_state. */
  message(messageId: string): { submission: SmsSubmission; state: number } | undefined {
    const m = this.accepted.get(messageId);
    return m ? { submission: m.submission, state: m.state } : undefined;
  }

  /** A handset sends a text to an ESME's number: deliver_sm to a bound receiver, part by part. */
  async injectMo(order: MoOrder & { systemId?: string }): Promise<MoResult> {
    return this.injectDeliverSms(moDeliverSms(order), order.systemId);
  }

  /** The network delivers a WAP Push (an MMSC's report for an MM1 SIM) to an ESME's number, part by part. */
  async injectWapPush(order: WapPushOrder & { systemId?: string }): Promise<MoResult> {
    return this.injectDeliverSms(wapPushDeliverSms(order), order.systemId);
  }

  /** MO deliver_sm PDUs, as given, each to a bound receiver (the sequence number is the SMSC's). */
  async injectDeliverSms(pdus: ReadonlyArray<Omit<PduOf<'deliver_sm'>, 'sequenceNumber'>>, systemId?: string): Promise<MoResult> {
    const parts: Array<{ status: number; messageId: string | null }> = [];
    for (const pdu of pdus) {
      const session = this.receiver(systemId);
      if (!session) throw new PormError('PORM_SANDBOX_SMSC_NO_RECEIVER', 'no ESME is bound as receiver or transceiver to the sandbox SMSC');
      parts.push(await session.request(pdu));
    }
    return { parts };
  }

  /**
   * The network reports on a message now (instead of the receipt it would have sent later):
   * resolves with the ESME's answer. Throws PORM_SANDBOX_SMSC_UNKNOWN_MESSAGE for an id the SMSC
   * did not accept, or whose final receipt the ESME already took.
   */
  async report(messageId: string, stat: ReceiptStat, err = 0): Promise<number> {
    const m = this.accepted.get(messageId);
    if (!m || m.taken) throw new PormError('PORM_SANDBOX_SMSC_UNKNOWN_MESSAGE', `the sandbox SMSC holds no pending message ${messageId}`);
    if (m.receipt?.timer) clearTimeout(m.receipt.timer);
    // Owed a receipt again: no longer among the finished ones that may be forgotten.
    if (m.settled !== 0) {
      m.settled = 0;
      this.finishedCount--;
    }
    m.receipt = { stat, err, dueAt: this.clock.now(), timer: undefined, sending: false };
    m.state = receiptState(stat);
    m.doneAt = this.clock.now();
    const session = this.receiver(m.submission.systemId);
    if (!session) throw new PormError('PORM_SANDBOX_SMSC_NO_RECEIVER', 'no ESME is bound as receiver or transceiver to the sandbox SMSC');
    return this.sendReceipt(messageId, session);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const m of this.accepted.values()) if (m.receipt?.timer) clearTimeout(m.receipt.timer);
    await Promise.all([...this.sessions.values()].map((s) => s.unbind()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const session = new SmscSession(this.nextSession++, socket, {
      bind: (systemId, password) => this.checkBind(systemId, password),
      bound: (s) => this.flushWaiting(s),
      request: (s, pdu) => this.request(s, pdu),
      closed: (s) => this.sessions.delete(s.id),
    }, this.log, { maxPduLength: this.options.maxPduLength ?? DEFAULT_MAX_PDU_LENGTH, responseTimeoutMs: this.options.responseTimeoutMs ?? 10_000 });
    this.sessions.set(session.id, session);
  }

  private checkBind(systemId: string, password: string): number {
    const known = this.credentials.find((c) => c.systemId === systemId);
    if (!known) return CommandStatus.ESME_RINVSYSID;
    const given = Buffer.from(password, 'latin1');
    const expected = Buffer.from(known.password, 'latin1');
    return given.length === expected.length && timingSafeEqual(given, expected) ? CommandStatus.ESME_ROK : CommandStatus.ESME_RINVPASWD;
  }

  private request(session: SmscSession, pdu: Pdu): Pdu | undefined {
    switch (pdu.command) {
      case 'submit_sm':
      case 'data_sm':
        return this.submit(session, pdu);
      case 'query_sm': {
        const m = this.accepted.get(pdu.body.messageId);
        if (!m) return responseTo(pdu, CommandStatus.ESME_RQUERYFAIL);
        return { command: 'query_sm_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: { messageId: pdu.body.messageId, finalDate: '', messageState: m.state, errorCode: 0 } };
      }
      case 'cancel_sm': {
        const m = this.accepted.get(pdu.body.messageId);
        if (!m || m.state !== MessageState.ENROUTE) return responseTo(pdu, CommandStatus.ESME_RCANCELFAIL);
        if (m.receipt?.timer) clearTimeout(m.receipt.timer);
        m.receipt = null;
        m.state = MessageState.DELETED;
        m.doneAt = this.clock.now();
        this.settle(pdu.body.messageId);
        return responseTo(pdu, CommandStatus.ESME_ROK);
      }
      default:
        // replace_sm: the sandbox does not rewrite messages it holds.
        return responseTo(pdu, CommandStatus.ESME_RREPLACEFAIL);
    }
  }

  private submit(session: SmscSession, pdu: PduOf<'submit_sm'> | PduOf<'data_sm'>): Pdu | undefined {
    const body = pdu.body;
    const payload = getTlv(body.tlvs, 'message_payload');
    const shortMessage = 'shortMessage' in body ? body.shortMessage : Buffer.alloc(0);
    const content = shortMessage.length > 0 ? shortMessage : payload ?? Buffer.alloc(0);
    const from = e164(body.source.address, body.source.ton);
    const to = e164(body.destination.address, body.destination.ton);
    let status: number = CommandStatus.ESME_ROK;
    if (shortMessage.length > 0 && payload !== undefined) status = CommandStatus.ESME_RINVPARLEN;
    else if (body.destination.address === '') status = CommandStatus.ESME_RINVDSTADR;
    const validityPeriod = 'validityPeriod' in body ? body.validityPeriod : '';
    let expiresAt: number | null = null;
    try {
      const validity = parseSmppTime(validityPeriod);
      if (validity !== null) expiresAt = smppTimeDeadline(validity, this.clock.now());
    } catch {
      if (status === CommandStatus.ESME_ROK) status = CommandStatus.ESME_RINVEXPIRY;
    }
    const previous = this.countSubmit(session.systemId ?? '', from, to, body.esmClass, content);
    const verdict = smsVerdict(to, previous);
    if (status === CommandStatus.ESME_ROK && verdict.kind === 'refuse') status = verdict.status;
    const messageId = status === CommandStatus.ESME_ROK ? `${this.idPrefix}${(this.nextMessage++).toString(16).padStart(8, '0')}` : null;
    const submission: SmsSubmission = {
      at: this.clock.now(), session: session.id, systemId: session.systemId ?? '', command: pdu.command, sequenceNumber: pdu.sequenceNumber,
      status, messageId, from, to, source: body.source, destination: body.destination, esmClass: body.esmClass, dataCoding: body.dataCoding,
      registeredDelivery: body.registeredDelivery, validityPeriod, expiresAt, content, text: textOf(content, body.dataCoding, (body.esmClass & 0x40) !== 0), tlvs: body.tlvs, attempt: previous + 1,
    };
    this.submissions.push(submission);
    if (messageId === null) return responseTo(pdu, status);
    this.accepted.set(messageId, { submission, state: MessageState.ENROUTE, receipt: null, doneAt: null, taken: false, settled: 0 });
    if (verdict.kind === 'accept') this.plan(messageId, verdict.receipt);
    const respCommand = pdu.command === 'submit_sm' ? 'submit_sm_resp' : 'data_sm_resp';
    return { command: respCommand, commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: { messageId, tlvs: [] } };
  }

  /** Schedules the final outcome of an accepted message and, when asked for, its receipt. */
  private plan(messageId: string, outcome: 'DELIVRD' | 'UNDELIV' | null): void {
    const m = this.accepted.get(messageId)!;
    const delay = this.options.deliveryDelayMs ?? 1000;
    const requested = m.submission.registeredDelivery & 0x03;
    const now = this.clock.now();
    const expiresAt = m.submission.expiresAt;
    // The handset is reached `delay` after the submit; when the validity period ends first, the
    // SMSC gives up then and the receipt says EXPIRED (a failure: receipts of mode 2 include it).
    const expires = outcome !== null && expiresAt !== null && expiresAt < now + delay;
    const stat: ReceiptStat = expires ? 'EXPIRED' : outcome ?? 'DELIVRD';
    const due = expires ? Math.max(0, expiresAt - now) : delay;
    // registered_delivery 1: receipt on final success or failure; 2: on failure only.
    const wants = outcome !== null && (requested === 1 || (requested === 2 && stat !== 'DELIVRD'));
    const finish = (): void => {
      // cancel_sm or report() may have settled it first.
      if (m.state !== MessageState.ENROUTE) return;
      m.state = receiptState(stat);
      m.doneAt = this.clock.now();
    };
    if (!wants) {
      setTimeout(() => {
        finish();
        if (m.receipt === null) this.settle(messageId);
      }, due).unref();
      return;
    }
    const err = stat === 'UNDELIV' ? UNDELIVERED_ERROR.err : 0;
    m.receipt = { stat, err, dueAt: this.clock.now() + due, sending: false, timer: setTimeout(() => { finish(); this.due(messageId); }, due) };
  }

  private due(messageId: string): void {
    const m = this.accepted.get(messageId);
    if (!m?.receipt || m.receipt.sending || this.closed) return;
    m.receipt.timer = undefined;
    const session = this.receiver(m.submission.systemId);
    if (!session) {
      this.record(messageId, m.receipt.stat, null, 'no_receiver');
      this.waiting.add(messageId);
      return;
    }
    void this.sendReceipt(messageId, session).catch(() => undefined);
  }

  private async sendReceipt(messageId: string, session: SmscSession): Promise<number> {
    const m = this.accepted.get(messageId)!;
    const receipt = m.receipt!;
    receipt.sending = true;
    this.waiting.delete(messageId);
    const s = m.submission;
    const pdu = receiptDeliverSm({
      messageId, source: s.source, destination: s.destination, stat: receipt.stat, err: receipt.err,
      ...(receipt.stat === 'UNDELIV' ? { networkError: { networkType: UNDELIVERED_ERROR.networkType, errorCode: receipt.err } } : {}),
      submittedAt: new Date(s.at), doneAt: new Date(m.doneAt ?? this.clock.now()), text: s.text,
    });
    try {
      const answer = await session.request(pdu);
      this.record(messageId, receipt.stat, session.id, answer.status);
      if (answer.status === CommandStatus.ESME_ROK) {
        m.taken = true;
        if (m.receipt === receipt) {
          m.receipt = null;
          this.settle(messageId);
        }
      } else {
        this.retry(messageId, receipt);
      }
      return answer.status;
    } catch (err) {
      this.record(messageId, receipt.stat, session.id, /closed/.test((err as Error).message) ? 'closed' : 'timeout');
      this.retry(messageId, receipt);
      throw err;
    }
  }

  /** A receipt the ESME did not take is offered again later, as a real SMSC retries. */
  private retry(messageId: string, receipt: NonNullable<Accepted['receipt']>): void {
    const m = this.accepted.get(messageId);
    if (!m || m.receipt !== receipt || this.closed) return;
    receipt.sending = false;
    receipt.timer = setTimeout(() => this.due(messageId), this.options.receiptRetryMs ?? 1000);
  }

  private flushWaiting(session: SmscSession): void {
    if (!session.canReceive) return;
    for (const messageId of [...this.waiting]) this.due(messageId);
  }

  /** Receivers of that system_id take receipts and MO in turn, so parts may arrive on different binds. */
  private receiver(systemId: string | undefined): SmscSession | undefined {
    const id = systemId ?? this.credentials[0]!.systemId;
    const candidates = [...this.sessions.values()].filter((s) => s.canReceive && s.systemId === id);
    if (candidates.length === 0) return undefined;
    return candidates[this.roundRobin++ % candidates.length];
  }

  /** Counts this submit of a message and returns how many came before it (LRU-bounded memory). */
  private countSubmit(systemId: string, from: string, to: string, esmClass: number, content: Buffer): number {
    // A digest, not the content itself: the key stays small whatever the message size.
    const key = createHash('sha1').update(`${systemId}\0${from}\0${to}\0${esmClass}\0`).update(content).digest('base64');
    const previous = this.attempts.get(key) ?? 0;
    this.attempts.set(key, previous + 1);
    if (previous === 0) {
      // A resubmit comes soon after the first submit, so forgetting the first submitted first is enough.
      this.attemptOrder.push(key);
      if (this.attempts.size > this.keep.resubmitCounts) this.attempts.delete(this.attemptOrder.shift()!);
    }
    return previous;
  }

  /** The message's fate is final: it stays answerable (query_sm) until newer finished ones push it out. */
  private settle(messageId: string): void {
    const m = this.accepted.get(messageId);
    if (!m || m.settled !== 0) return;
    m.settled = ++this.settleSeq;
    this.finishedCount++;
    this.finished.push({ id: messageId, settled: m.settled });
    while (this.finishedCount > this.keep.finishedMessages) {
      const oldest = this.finished.shift()!;
      const o = this.accepted.get(oldest.id);
      // A stale entry: that message was reopened by report() (and maybe finished again later).
      if (!o || o.settled !== oldest.settled) continue;
      this.accepted.delete(oldest.id);
      this.finishedCount--;
    }
  }

  private record(messageId: string, stat: ReceiptStat, session: number | null, outcome: SmsReceiptAttempt['outcome']): void {
    this.receiptAttempts.push({ at: this.clock.now(), messageId, stat, session, outcome });
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function textOf(content: Buffer, dataCoding: number, udhi: boolean): string {
  try {
    return decodeShortMessage(content, dataCoding, udhi).text;
  } catch {
    return '';
  }
}
