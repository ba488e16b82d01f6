import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import {
  buildMm7Message, deliveryOutcome, isMm7Error, leafParts, parseMm7Message, readOutcome, toXmlSafeText,
  type Mm7Address, type Mm7Message, type Mm7Parsed, type MimeLeafPart,
} from '../../mms/mm7/index.ts';
import type { DeliveryReport } from '../carrier.ts';
import type { InboundInput } from '../../inbound/inbound-service.ts';
import type { InboundMessage } from '../../inbound/model.ts';

export interface InboundResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What the MM7 endpoint hands its requests to; each is porm's one path for that kind of event. */
export interface Mm7InboundSinks {
  deliveryReport(report: DeliveryReport): Promise<void>;
  inbound(message: InboundInput): Promise<InboundMessage>;
  readReport(carrier: string, carrierMessageId: string, outcome: string, at: number): Promise<void>;
}

export interface InboundCredentials {
  username: string;
  password: string;
}

const MAX_BODY = 8 * 1024 * 1024;

/**
 * porm's side of MM7 for requests an MMSC sends (porm acting as the VASP): DeliveryReportReq,
 * DeliverReq and ReadReplyReq, answered with the matching Rsp in the caller's own MM7 version.
 * Requests must carry the carrier's inbound credentials (HTTP basic auth).
 */
export class Mm7Inbound {
  constructor(
    readonly carrier: string,
    private readonly credentials: InboundCredentials | undefined,
    private readonly sinks: Mm7InboundSinks,
    private readonly log: Logger,
  ) {}

  async handle(contentType: string | undefined, authorization: string | undefined, body: Buffer): Promise<InboundResponse> {
    if (!this.authorized(authorization)) {
      return { status: 401, headers: { 'www-authenticate': `Basic realm="porm mm7 ${this.carrier}"`, 'content-type': 'text/plain' }, body: Buffer.from('MM7 credentials required\n') };
    }
    let parsed: Mm7Parsed;
    try {
      parsed = parseMm7Message(contentType, body, { limits: { maxBodyBytes: MAX_BODY } });
    } catch (err) {
      const code = isMm7Error(err) ? err.code : 'PORM_MM7_MALFORMED';
      this.log.warn({ carrier: this.carrier, code, err: (err as Error).message }, 'unreadable MM7 request');
      return this.fault('', 2007, `${code}: ${(err as Error).message}`, undefined);
    }
    const msg = parsed.message;
    const reply = { release: parsed.release, namespace: parsed.namespace };
    try {
      switch (msg.type) {
        case 'DeliveryReportReq': {
          const verdict = deliveryOutcome(msg.mmStatus);
          if (verdict.outcome !== 'pending') {
            await this.sinks.deliveryReport({
              carrier: this.carrier, carrierMessageId: msg.messageId, outcome: verdict.outcome, carrierStatus: msg.mmStatus,
              description: msg.statusText ?? verdict.why, at: Date.parse(msg.date) || Date.now(),
            });
          }
          return this.respond({ type: 'DeliveryReportRsp', transactionId: msg.transactionId, status: { code: 1000 } }, reply);
        }
        case 'DeliverReq': {
          await this.sinks.inbound(this.inboundOf(msg, parsed, body));
          return this.respond({ type: 'DeliverRsp', transactionId: msg.transactionId, status: { code: 1000 } }, reply);
        }
        case 'ReadReplyReq': {
          await this.sinks.readReport(this.carrier, msg.messageId, readOutcome(msg.mmStatus), Date.parse(msg.timeStamp) || Date.now());
          return this.respond({ type: 'ReadReplyRsp', transactionId: msg.transactionId, status: { code: 1000 } }, reply);
        }
        default:
          return this.fault(msg.transactionId, 4003, `porm does not accept ${msg.type} here`, reply);
      }
    } catch (err) {
      // porm could not record it (e.g. the database is unavailable): a server error, so the MMSC retries.
      this.log.error({ carrier: this.carrier, err }, 'MM7 request not recorded');
      return this.fault(msg.transactionId, 3000, 'porm could not record the request; try again', reply);
    }
  }

  private authorized(header: string | undefined): boolean {
    if (!this.credentials || !header?.startsWith('Basic ')) return false;
    const given = Buffer.from(header.slice(6), 'base64');
    const expected = Buffer.from(`${this.credentials.username}:${this.credentials.password}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private inboundOf(msg: Extract<Mm7Message, { type: 'DeliverReq' }>, parsed: Mm7Parsed, body: Buffer): InboundInput {
    const leaves: MimeLeafPart[] = msg.content ? leafParts(msg.content.part) : parsed.attachments.flatMap(leafParts);
    const texts = leaves.filter((p) => p.contentType === 'text/plain');
    const media = leaves.filter((p) => p.contentType !== 'text/plain' && p.contentType !== 'application/smil');
    return {
      carrier: this.carrier,
      from: addressText(msg.sender),
      to: addressText(msg.recipients?.to?.[0]),
      subject: msg.subject ?? null,
      text: texts.map((p) => decodeText(p)).join('\n'),
      attachments: media.map((p) => ({ contentType: p.contentType, data: p.data, filename: p.contentLocation ?? null })),
      linkedId: msg.linkedId ?? null,
      dedupeKey: `${msg.transactionId}#${createHash('sha256').update(body).digest('hex').slice(0, 32)}`,
    };
  }

  private respond(message: Mm7Message, reply: { release: Mm7Parsed['release']; namespace: string | undefined }): InboundResponse {
    const built = buildMm7Message(message, { ...(reply.release ? { release: reply.release } : {}), ...(reply.namespace && !reply.release ? { namespace: reply.namespace } : {}) });
    return { status: built.httpStatus, headers: { 'content-type': built.contentType }, body: built.body };
  }

  private fault(transactionId: string, code: number, text: string, reply: { release: Mm7Parsed['release']; namespace: string | undefined } | undefined): InboundResponse {
    // The text often quotes the bad input, so it is made XML-safe; the id too (it came from the peer).
    const safeId = toXmlSafeText(transactionId || 'unknown', 100);
    try {
      return this.respond({ type: 'VASPErrorRsp', transactionId: safeId, status: { code, text: toXmlSafeText(text) } }, reply ?? { release: undefined, namespace: undefined });
    } catch {
      return this.respond({ type: 'VASPErrorRsp', transactionId: 'unknown', status: { code, text: 'request refused' } }, { release: undefined, namespace: undefined });
    }
  }
}

function addressText(address: Mm7Address | undefined): string {
  if (!address) return 'unknown';
  // Some MMSCs append the MM1 address type (/TYPE=PLMN); porm keeps the number alone.
  return address.value.replace(/\/TYPE=\w+$/i, '');
}

function decodeText(part: MimeLeafPart): string {
  const charset = part.params?.charset?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(part.data);
  } catch {
    return part.data.toString('utf8');
  }
}
