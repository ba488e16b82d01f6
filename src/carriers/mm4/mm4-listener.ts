import { readFileSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { deliveryOutcome } from '../../mms/mm7/index.ts';
import { randomBase62 } from '../../ids.ts';
import type { CarrierEvents } from '../carrier-events.ts';
import { numberOfMailbox } from './mm4-address.ts';
import { buildResponse, type BuiltMail, type Mm4System, type ResponseFields } from './mm4-build.ts';
import { REQUEST_STATUS_MEANING } from './mm4-headers.ts';
import { Mm4ParseError, parseMm4, type Mm4Incoming } from './mm4-parse.ts';
import type { Mm4CarrierConfig } from './mm4-type.ts';
import { mm4MessageId } from './mm4-carrier.ts';

// porm's SMTP listener for one MM4 peer: the peer's MM4_forward.RES and delivery/read reports for
// what porm forwarded, and MM4_forward.REQ for MMS to porm's numbers. A message is answered 250
// only once what it says is durably recorded (CarrierEvents resolves); a recording failure is a
// 451 so the peer's MTA retries, and a message porm can never take is a 550 saying why.

/** An SMTP reply smtp-server sends for an Error carrying `responseCode`. */
class SmtpReply extends Error {
  constructor(readonly responseCode: number, message: string) {
    super(message);
  }
}

export interface Mm4ListenerOptions {
  carrier: string;
  config: Mm4CarrierConfig;
  events: CarrierEvents;
  log: Logger;
  /** Mails an answer (a *.RES) to the peer. */
  answer(mail: BuiltMail): Promise<void>;
  now?: () => number;
}

export class Mm4Listener {
  private readonly server: SMTPServer;
  private readonly system: Mm4System;
  private readonly allow: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
  private readonly now: () => number;

  constructor(private readonly options: Mm4ListenerOptions) {
    const { config } = options;
    this.now = options.now ?? Date.now;
    this.system = { domain: config.domain, systemUser: config.systemUser, mmsVersion: config.mmsVersion };
    this.allow = (config.peer.allowFrom ?? []).map(parseRange);
    const tls = config.listen.tlsKeyFile !== undefined && config.listen.tlsCertFile !== undefined
      ? { key: readFileSync(config.listen.tlsKeyFile), cert: readFileSync(config.listen.tlsCertFile) } : undefined;
    const auth = config.peer.username !== undefined;
    const disabled = [...(tls ? [] : ['STARTTLS']), ...(auth ? [] : ['AUTH'])];
    this.server = new SMTPServer({
      name: config.domain,
      banner: 'porm MM4',
      size: config.listen.maxMessageBytes,
      maxClients: 200,
      authOptional: !auth,
      authMethods: ['PLAIN', 'LOGIN'],
      // Credentials in clear text only where the listener has no TLS to offer (a private interconnect).
      allowInsecureAuth: tls === undefined,
      disabledCommands: disabled,
      logger: false,
      ...(tls ?? {}),
      onConnect: (session, callback) => callback(this.admitted(session.remoteAddress) ? null : new SmtpReply(554, `5.7.1 ${session.remoteAddress} is not an address of the MM4 peer ${options.carrier}`)),
      onAuth: (credentials, _session, callback) => {
        if (this.credentialsMatch(credentials.username ?? '', credentials.password ?? '')) return callback(null, { user: credentials.username });
        this.options.log.warn({ carrier: options.carrier }, 'MM4 peer failed SMTP AUTH');
        return callback(new SmtpReply(535, '5.7.8 authentication failed'));
      },
      onRcptTo: (address, _session, callback) => {
        const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
        if (domain !== config.domain.toLowerCase()) return callback(new SmtpReply(550, `5.7.1 porm takes mail for ${config.domain} only; not relaying`));
        return callback();
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(() => callback(), (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
      },
    });
    this.server.on('error', (err) => this.options.log.warn({ carrier: options.carrier, err: err.message }, 'MM4 listener: SMTP session error'));
  }

  async start(): Promise<number> {
    const { host, port } = this.options.config.listen;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private admitted(remote: string): boolean {
    if (this.allow.length === 0) return true;
    let address: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      address = ipaddr.process(remote);
    } catch {
      return false;
    }
    return this.allow.some(([range, bits]) => address.kind() === range.kind() && address.match(range, bits));
  }

  private credentialsMatch(username: string, password: string): boolean {
    const { peer } = this.options.config;
    if (peer.username === undefined) return false;
    const given = Buffer.from(`${username}\0${password}`);
    const expected = Buffer.from(`${peer.username}\0${peer.password ?? ''}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw new SmtpReply(552, `5.3.4 message larger than ${this.options.config.listen.maxMessageBytes} bytes`);
    let message: Mm4Incoming;
    try {
      message = await parseMm4(Buffer.concat(chunks));
    } catch (err) {
      if (err instanceof Mm4ParseError) {
        this.options.log.warn({ carrier: this.options.carrier, reason: err.reason, err: err.message }, 'MM4 message refused');
        throw new SmtpReply(550, `5.6.0 ${err.message.replace(/[\r\n]+/g, ' ').slice(0, 200)}`);
      }
      throw err;
    }
    const envelopeTo = session.envelope.rcptTo.map((r) => numberOfMailbox(r.address)).filter((n): n is string => n !== null);
    const answerTo = message.originatorSystem ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : null);
    try {
      await this.apply(message, envelopeTo);
    } catch (err) {
      if (err instanceof SmtpReply) throw err;
      this.options.log.error({ carrier: this.options.carrier, err }, 'MM4 message not recorded');
      throw new SmtpReply(451, '4.3.0 porm could not record the message; try again');
    }
    if (message.ackRequested && answerTo !== null) this.acknowledge(message, answerTo);
  }

  private async apply(message: Mm4Incoming, envelopeTo: string[]): Promise<void> {
    const carrier = this.options.carrier;
    const { events } = this.options;
    // Reports quote porm's X-Mms-Message-ID; a peer that left it out still echoed the transaction id.
    const messageId = message.messageId !== '' ? message.messageId : mm4MessageId(message.transactionId, this.system.domain);
    switch (message.type) {
      case 'MM4_forward.REQ': {
        const recipients = envelopeTo.length > 0 ? envelopeTo : message.to;
        for (const to of recipients) {
          await events.inbound({
            carrier, channel: 'mms', from: message.from, to, subject: message.subject, text: message.text,
            attachments: message.attachments, linkedId: null,
            dedupeKey: `mm4:${message.originatorSystem ?? ''}:${message.transactionId}:${message.messageId}:${to}`,
          });
        }
        return;
      }
      case 'MM4_forward.RES':
        if (message.status === 'Ok') {
          this.options.log.debug({ carrier, messageId }, 'peer MMSC accepted a forwarded message');
          return;
        }
        await events.deliveryReport({
          carrier, carrierMessageId: messageId, outcome: 'undelivered', carrierStatus: `MM4_forward.RES ${message.status}`,
          description: message.statusText ?? REQUEST_STATUS_MEANING[message.status], at: this.now(),
        });
        return;
      case 'MM4_delivery_report.REQ': {
        const verdict = deliveryOutcome(message.mmStatus);
        if (verdict.outcome === 'pending') return;
        await events.deliveryReport({
          carrier, carrierMessageId: messageId, outcome: verdict.outcome, carrierStatus: message.mmStatus,
          description: message.statusText ?? verdict.why, at: message.date ?? this.now(),
        });
        return;
      }
      case 'MM4_read_reply_report.REQ':
        await events.readReport({ carrier, carrierMessageId: messageId, outcome: message.readStatus, at: message.date ?? this.now() });
        return;
      default:
        // Answers to answers porm sent: nothing to record.
        return;
    }
  }

  /** The *.RES a peer asked for (X-Mms-Ack-Request: Yes); mailed after the 250, best effort. */
  private acknowledge(message: Mm4Incoming, to: string): void {
    const type: ResponseFields['type'] | undefined = message.type === 'MM4_forward.REQ' ? 'MM4_forward.RES'
      : message.type === 'MM4_delivery_report.REQ' ? 'MM4_delivery_report.RES'
        : message.type === 'MM4_read_reply_report.REQ' ? 'MM4_read_reply_report.RES' : undefined;
    if (type === undefined) return;
    let mail: BuiltMail;
    try {
      mail = buildResponse(this.system, {
        type, transactionId: message.transactionId, messageId: message.messageId, to, status: 'Ok',
        date: new Date(this.now()), ownMessageId: `${randomBase62(20)}@${this.system.domain}`,
      });
    } catch (err) {
      this.options.log.warn({ carrier: this.options.carrier, err: (err as Error).message }, `cannot write ${type}`);
      return;
    }
    this.options.answer(mail).catch((err: unknown) => {
      // The peer's MTA already has its 250; a lost RES makes it resend, which porm recognises as a repeat.
      this.options.log.warn({ carrier: this.options.carrier, err: (err as Error).message }, `${type} not sent`);
    });
  }
}

function parseRange(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  if (text.includes('/')) return ipaddr.parseCIDR(text);
  const address = ipaddr.parse(text);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}
