import type { Logger } from 'pino';
import { composeMmsBody } from '../../mms/compose.ts';
import type { Carrier, Channel, OutboundMessage, SubmitResult } from '../carrier.ts';
import { mm4Mailbox } from './mm4-address.ts';
import { buildForwardReq, type Mm4System } from './mm4-build.ts';
import type { Mm4CarrierConfig } from './mm4-type.ts';
import { SmtpSender } from './smtp-sender.ts';

const BUSY_RETRY_MS = 5_000;

/**
 * A peer MMSC reached over MM4: each message is an MM4_forward.REQ mailed to the recipient's
 * address in the peer's domain. The transaction id is porm's message id, the same on every retry,
 * so a peer that dedupes recognises a resubmission; the X-Mms-Message-ID is `<id>@<porm's domain>`,
 * which is what the peer's MM4_forward.RES and delivery reports quote back (see mm4-listener.ts).
 * The SMTP server's 250 means the peer took the message: porm counts it `sent`.
 */
export class Mm4Carrier implements Carrier {
  readonly type = 'mm4';
  readonly channels: readonly Channel[] = ['mms'];
  private readonly sender: SmtpSender;
  private readonly system: Mm4System;

  constructor(readonly name: string, private readonly config: Mm4CarrierConfig, private readonly log: Logger, private readonly now: () => number = Date.now) {
    this.system = { domain: config.domain, systemUser: config.systemUser, mmsVersion: config.mmsVersion };
    this.sender = new SmtpSender({ ...config.smtp, heloName: config.domain });
  }

  async start(): Promise<void> {}

  async submit(message: OutboundMessage, signal?: AbortSignal): Promise<SubmitResult> {
    const messageId = mm4MessageId(message.id, this.config.domain);
    let mail;
    try {
      mail = buildForwardReq(this.system, {
        transactionId: message.id, messageId,
        from: mm4Mailbox(message.from, this.config.domain), to: mm4Mailbox(message.to, this.config.peerDomain),
        subject: message.subject, date: new Date(this.now()),
        expiry: message.expiresAt !== null ? new Date(message.expiresAt) : null,
        ackRequest: this.config.ackRequest, deliveryReport: this.config.deliveryReport,
        body: composeMmsBody(message.body, message.media, message.slides),
      });
    } catch (err) {
      return { outcome: 'permanent', errorCode: 'PORM_MM4_BUILD_INVALID', message: `cannot write the message as MM4: ${(err as Error).message}` };
    }
    const sent = await this.sender.send(mail, signal);
    switch (sent.kind) {
      case 'sent':
        return { outcome: 'accepted', carrierMessageId: messageId, duplicate: false };
      case 'refused':
        this.log.info({ carrier: this.name, code: sent.code, response: sent.response }, 'peer MMSC refused an MM4_forward.REQ');
        return { outcome: 'permanent', errorCode: 'PORM_CARRIER_REJECTED', message: `peer MMSC ${this.name} refused the message: ${sent.response}`, carrierCode: String(sent.code) };
      case 'busy':
        return { outcome: 'throttled', retryAfterMs: BUSY_RETRY_MS, message: `peer MMSC ${this.name} is busy: ${sent.response}` };
      case 'failed':
        return { outcome: 'transient', message: `peer MMSC ${this.name}: ${sent.reason}` };
    }
  }

  async close(): Promise<void> {
    this.sender.close();
  }
}

/** The X-Mms-Message-ID porm gives a message it forwards (and so its carrier message id). */
export function mm4MessageId(pormMessageId: string, domain: string): string {
  return `${pormMessageId}@${domain}`;
}
