import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { buildMixed } from '../../../mms/smil/index.ts';
import { randomBase62 } from '../../../ids.ts';
import { sandboxVerdict } from '../../sandbox/test-numbers.ts';
import { mm4Mailbox } from '../mm4-address.ts';
import { buildDeliveryReportReq, buildForwardReq, buildResponse, type BuiltMail, type Mm4System } from '../mm4-build.ts';
import { parseMm4, Mm4ParseError } from '../mm4-parse.ts';
import { SmtpSender } from '../smtp-sender.ts';

// porm's sandbox peer MMSC for MM4: an SMTP server that takes porm's MM4_forward.REQ and plays the
// recipient's MMSC with the MM7 sandbox's test numbers (src/carriers/sandbox/test-numbers.ts):
// +15005550001 refused (550), +15005550002 refused for now twice (451) then taken, +15005550003
// reported Rejected, +15005550004 never reported, any other number Retrieved. It answers as a peer
// does, by mail to porm's listener: MM4_forward.RES at once, MM4_delivery_report.REQ after
// `deliveryDelayMs`. It can also play a handset on its network writing to porm's numbers.

export interface SandboxMm4PeerOptions {
  host?: string;
  port?: number;
  /** The peer's own MM4 domain (porm's `peerDomain`). */
  domain?: string;
  /** What porm must present (SMTP AUTH) to forward to this peer. */
  credentials: { username: string; password: string };
  /** porm's listener, where the answers go, and the credentials it asks of this peer. */
  answerTo: { host: string; port: number; username?: string; password?: string };
  deliveryDelayMs?: number;
}

export interface PeerSubmission {
  at: number;
  transactionId: string;
  messageId: string;
  from: string;
  to: string;
  /** A resubmission of a transaction id this peer already took (it takes it again, answers again). */
  duplicate: boolean;
  verdict: string;
  raw: Buffer;
}

const SYSTEM = (domain: string): Mm4System => ({ domain, systemUser: 'mmsc', mmsVersion: '6.3.0' });

export class SandboxMm4Peer {
  readonly submissions: PeerSubmission[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly taken = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly answers: SmtpSender;
  readonly domain: string;
  private port = 0;

  private constructor(private readonly server: SMTPServer, private readonly options: SandboxMm4PeerOptions) {
    this.domain = options.domain ?? 'mms.sandbox-peer.example';
    this.answers = new SmtpSender({
      host: options.answerTo.host, port: options.answerTo.port, startTls: 'off', implicitTls: false, verifyCertificate: false,
      username: options.answerTo.username, password: options.answerTo.password, maxConnections: 2, timeoutMs: 10_000, heloName: this.domain,
    });
  }

  static async start(options: SandboxMm4PeerOptions): Promise<SandboxMm4Peer> {
    // The server's callbacks need the peer, which needs the server: they find it here once built.
    const self: { peer?: SandboxMm4Peer } = {};
    const expected = Buffer.from(`${options.credentials.username}\0${options.credentials.password}`);
    const server = new SMTPServer({
      name: options.domain ?? 'mms.sandbox-peer.example', banner: 'porm sandbox MM4 peer', logger: false,
      disabledCommands: ['STARTTLS'], allowInsecureAuth: true, authMethods: ['PLAIN', 'LOGIN'], size: 16 * 1024 * 1024,
      onAuth(auth, _session, callback) {
        const given = Buffer.from(`${auth.username ?? ''}\0${auth.password ?? ''}`);
        if (given.length === expected.length && timingSafeEqual(given, expected)) callback(null, { user: auth.username });
        else callback(Object.assign(new Error('5.7.8 authentication failed'), { responseCode: 535 }));
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (!self.peer) return callback(new Error('not started'));
          self.peer.take(Buffer.concat(chunks)).then(() => callback(), (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
        });
      },
    });
    const peer = new SandboxMm4Peer(server, options);
    self.peer = peer;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    peer.port = (server.server.address() as AddressInfo).port;
    return peer;
  }

  get address(): { host: string; port: number } {
    return { host: this.options.host ?? '127.0.0.1', port: this.port };
  }

  /** A handset on this peer's network writes to one of porm's numbers: an MM4_forward.REQ to porm. */
  async sendInbound(input: { from: string; to: string; pormDomain: string; text: string; subject?: string; attachments?: Array<{ contentType: string; data: Buffer; filename: string }> }): Promise<{ transactionId: string }> {
    const transactionId = `peer-${randomBase62(16)}`;
    const mail = buildForwardReq(SYSTEM(this.domain), {
      transactionId, messageId: `${transactionId}@${this.domain}`,
      from: mm4Mailbox(input.from, this.domain), to: mm4Mailbox(input.to, input.pormDomain),
      subject: input.subject ?? null, date: new Date(), expiry: null, ackRequest: true, deliveryReport: false,
      body: buildMixed({ text: input.text, attachments: (input.attachments ?? []).map((a) => ({ contentType: a.contentType, data: a.data, filename: a.filename })) }),
    });
    await this.mail(mail);
    return { transactionId };
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.answers.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async take(raw: Buffer): Promise<void> {
    let message;
    try {
      message = await parseMm4(raw);
    } catch (err) {
      const why = err instanceof Mm4ParseError ? err.message : String(err);
      throw Object.assign(new Error(`5.6.0 ${why}`), { responseCode: 550 });
    }
    // Answers porm sends to this peer's own forwards (sendInbound) need no answer.
    if (message.type !== 'MM4_forward.REQ') return;
    const to = message.to[0]!;
    const previous = this.attempts.get(message.transactionId) ?? 0;
    this.attempts.set(message.transactionId, previous + 1);
    const verdict = sandboxVerdict(to, previous);
    const duplicate = this.taken.has(message.transactionId);
    this.submissions.push({ at: Date.now(), transactionId: message.transactionId, messageId: message.messageId, from: message.from, to, duplicate, verdict: verdict.kind, raw });
    if (verdict.kind === 'reject') throw Object.assign(new Error(`5.1.1 ${to}: no such subscriber (sandbox test number)`), { responseCode: 550 });
    if (verdict.kind === 'transient') throw Object.assign(new Error('4.3.0 try again later (sandbox test number)'), { responseCode: 451 });
    this.taken.add(message.transactionId);
    const originator = message.originatorSystem;
    if (originator === null) return;
    const system = SYSTEM(this.domain);
    if (message.ackRequested) {
      this.later(0, buildResponse(system, {
        type: 'MM4_forward.RES', transactionId: message.transactionId, messageId: message.messageId, to: originator, status: 'Ok',
        date: new Date(), ownMessageId: `${randomBase62(16)}@${this.domain}`,
      }));
    }
    if (verdict.report !== null) {
      this.later(this.options.deliveryDelayMs ?? 1000, buildDeliveryReportReq(system, {
        transactionId: `dr-${randomBase62(12)}`, messageId: message.messageId, to: originator,
        recipient: mm4Mailbox(to, this.domain), sender: originator,
        mmStatus: verdict.report === 'delivered' ? 'Retrieved' : 'Rejected', ackRequest: false,
        date: new Date(), ownMessageId: `${randomBase62(16)}@${this.domain}`,
      }));
    }
  }

  private later(delayMs: number, mail: BuiltMail): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.mail(mail).catch(() => undefined);
    }, delayMs);
    this.timers.add(timer);
  }

  private async mail(mail: BuiltMail): Promise<void> {
    const sent = await this.answers.send(mail);
    if (sent.kind !== 'sent') throw new Error(`sandbox MM4 peer could not mail porm: ${sent.kind === 'failed' ? sent.reason : `${sent.code} ${sent.response}`}`);
  }
}
