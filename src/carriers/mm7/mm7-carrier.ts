import type { Logger } from 'pino';
import type { Mm7CarrierConfig } from './mm7-type.ts';
import type { ErrorCode } from '../../errors.ts';
import { buildMm7Message, classifyMm7Status, formatMm7DateTime, isMm7Error, parseMm7Message, type Mm7StatusOverrides, type Mm7SubmitReq } from '../../mms/mm7/index.ts';
import { composeMmsBody } from '../../mms/compose.ts';
import type { Carrier, Channel, OutboundMessage, SubmitResult } from '../carrier.ts';
import { basicAuth, PeerClient, PostTimeoutError } from './http-post.ts';
import { mm7ContentOf } from './mime-content.ts';
import { DUPLICATE_DETAILS } from './duplicate-details.ts';

const DEFAULT_THROTTLE_MS = 1000;

/** What the connector needs of an mm7 carrier's settings (the media profile is the pipeline's). */
export type Mm7ConnectionConfig = Omit<Mm7CarrierConfig, 'type' | 'profile' | 'inbound' | 'rateLimit'> & { type?: string };

/**
 * A carrier reached over MM7 (3GPP TS 23.140 SOAP over HTTP). Submits are SubmitReq with the
 * message composed as an MMS (SMIL slideshow or multipart/mixed); the SubmitRsp or fault is
 * classified by its status code. The TransactionID is porm's message id, the same on every
 * retry, so an MMSC that dedupes (porm's sandbox does) recognises a resubmission.
 * Delivery reports arrive at porm's /mm7/<carrier> endpoint (see mm7-inbound.ts).
 */
export class Mm7Carrier implements Carrier {
  private readonly client: PeerClient;
  private readonly overrides: Mm7StatusOverrides;
  readonly channels: readonly Channel[] = ['mms'];
  /** `mm7`, or `sandbox` for the link to the built-in MMSC (the same protocol, another connector type). */
  readonly type: string;

  constructor(readonly name: string, private readonly config: Mm7ConnectionConfig, private readonly log: Logger) {
    this.type = config.type ?? 'mm7';
    this.client = new PeerClient(new URL(config.url), { maxSockets: config.maxSockets });
    this.overrides = Object.fromEntries(Object.entries(config.statusOverrides ?? {}).map(([code, outcome]) => [Number(code), { outcome }]));
  }

  async start(): Promise<void> {}

  async submit(message: OutboundMessage): Promise<SubmitResult> {
    let request;
    try {
      request = buildMm7Message(this.submitReq(message), {
        release: this.config.release, transferEncoding: this.config.transferEncoding,
        ...(this.config.mm7Version ? { mm7Version: this.config.mm7Version } : {}),
        ...(this.config.namespace ? { namespace: this.config.namespace } : {}),
      });
    } catch (err) {
      return { outcome: 'permanent', errorCode: isMm7Error(err) ? err.code : 'PORM_MM7_BUILD_INVALID', message: `cannot encode the message for MM7: ${(err as Error).message}` };
    }
    const headers: Record<string, string> = { 'content-type': request.contentType, soapaction: request.soapAction };
    if (this.config.username !== undefined) headers.authorization = basicAuth(this.config.username, this.config.password ?? '');
    let response;
    try {
      response = await this.client.post(request.body, headers, this.config.timeoutMs);
    } catch (err) {
      const why = err instanceof PostTimeoutError ? err.message : `connection failed: ${(err as Error).message}`;
      return { outcome: 'transient', message: `MMSC ${this.name}: ${why}` };
    }
    return this.interpret(response.status, response.contentType, response.body, response.retryAfterMs);
  }

  private submitReq(message: OutboundMessage): Mm7SubmitReq {
    const body = composeMmsBody(message.body, message.media, message.slides);
    const sender = /^\+/.test(message.from) ? { kind: 'Number' as const, value: message.from } : { kind: 'ShortCode' as const, value: message.from };
    return {
      type: 'SubmitReq',
      transactionId: message.id,
      senderIdentification: { vaspId: this.config.vaspId, vasId: this.config.vasId, senderAddress: sender },
      recipients: { to: [{ kind: 'Number', value: message.to }] },
      ...(this.config.serviceCode ? { serviceCode: this.config.serviceCode } : {}),
      messageClass: 'Informational',
      timeStamp: formatMm7DateTime(new Date()),
      ...(message.expiresAt !== null ? { expiryDate: formatMm7DateTime(new Date(message.expiresAt)) } : {}),
      deliveryReport: this.config.deliveryReport,
      ...(message.subject ? { subject: message.subject } : {}),
      content: mm7ContentOf(body),
    };
  }

  private interpret(status: number, contentType: string | undefined, body: Buffer, retryAfterMs: number | undefined): SubmitResult {
    if (status === 401 || status === 403) {
      return { outcome: 'permanent', errorCode: 'PORM_MM7_IMPROPER_IDENTIFICATION', message: `MMSC ${this.name} refused porm's credentials (HTTP ${status})`, carrierCode: String(status) };
    }
    if (status === 429 || status === 503) {
      return { outcome: 'throttled', retryAfterMs: retryAfterMs ?? DEFAULT_THROTTLE_MS, message: `MMSC ${this.name} is throttling (HTTP ${status})` };
    }
    let parsed;
    try {
      parsed = parseMm7Message(contentType, body);
    } catch (err) {
      const transient = status >= 500;
      this.log.warn({ carrier: this.name, status, err }, 'unreadable answer from MMSC');
      return transient
        ? { outcome: 'transient', message: `MMSC ${this.name} answered HTTP ${status} without a readable MM7 body` }
        : { outcome: 'permanent', errorCode: isMm7Error(err) ? err.code : 'PORM_MM7_MALFORMED', message: `MMSC ${this.name} answered HTTP ${status} with an unreadable body: ${(err as Error).message}` };
    }
    const msg = parsed.message;
    if (msg.type !== 'SubmitRsp' && msg.type !== 'RSErrorRsp' && msg.type !== 'VASPErrorRsp') {
      return { outcome: 'permanent', errorCode: 'PORM_MM7_UNKNOWN_OPERATION', message: `MMSC ${this.name} answered a SubmitReq with ${msg.type}` };
    }
    const info = classifyMm7Status(msg.status.code, this.overrides);
    const text = `MMSC ${this.name}: ${msg.status.code} ${msg.status.text ?? info.text}${msg.status.details ? ` (${msg.status.details})` : ''}`;
    const carrierCode = String(msg.status.code);
    switch (info.outcome) {
      case 'success':
        if (msg.type !== 'SubmitRsp' || !msg.messageId) return { outcome: 'permanent', errorCode: 'PORM_MM7_MALFORMED', message: `${text}, but no MessageID` };
        // MM7 cannot say "duplicate"; porm's sandbox MMSC says it in Details (see mmsc-submit.ts).
        return { outcome: 'accepted', carrierMessageId: msg.messageId, duplicate: msg.status.details === DUPLICATE_DETAILS };
      case 'permanent':
        return { outcome: 'permanent', errorCode: (info.errorCode ?? 'PORM_CARRIER_REJECTED') as ErrorCode, message: text, carrierCode };
      case 'transient':
        return { outcome: 'transient', message: text, carrierCode };
      case 'throttled':
        return { outcome: 'throttled', retryAfterMs: retryAfterMs ?? DEFAULT_THROTTLE_MS, message: text };
    }
  }

  async close(): Promise<void> {
    this.client.close();
  }
}
