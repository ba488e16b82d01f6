import type { Logger } from 'pino';
import { isPduError } from '../../mms/pdu/index.ts';
import type { Carrier, Channel, OutboundMessage, SubmitResult } from '../carrier.ts';
import { PostTimeoutError } from '../mm7/http-post.ts';
import { Mm1Http } from './mm1-http.ts';
import type { Mm1CarrierConfig } from './mm1-type.ts';
import { interpretAnswer } from './send-conf.ts';
import { encodeSendReq } from './send-req.ts';

export const MMS_MESSAGE = 'application/vnd.wap.mms-message';

/**
 * A carrier reached over MM1, as a handset: each submit is one HTTP POST of an m-send-req
 * (Transaction-ID = porm's message id), answered by an m-send-conf whose X-Mms-Response-Status
 * decides the outcome (send-conf.ts). Delivery and read reports come back as WAP Push in SMS
 * (decodeWapPushMmsReport), through whichever SMS connector receives the SIM's messages.
 */
export class Mm1Carrier implements Carrier {
  readonly type = 'mm1';
  readonly channels: readonly Channel[] = ['mms'];
  private readonly http: Mm1Http;

  constructor(readonly name: string, private readonly config: Mm1CarrierConfig, private readonly log: Logger, private readonly now: () => number = Date.now) {
    this.http = new Mm1Http(config.mmscUrl, config.proxy, config.maxSockets);
  }

  async start(): Promise<void> {}

  async submit(message: OutboundMessage, signal?: AbortSignal): Promise<SubmitResult> {
    if (message.from !== this.config.msisdn) {
      return { outcome: 'permanent', errorCode: 'PORM_MM1_SENDER_MISMATCH', message: `carrier ${this.name} sends only from ${this.config.msisdn}, not ${message.from}` };
    }
    let pdu: Buffer;
    try {
      pdu = encodeSendReq(message, this.config, this.now());
    } catch (err) {
      if (!isPduError(err)) throw err;
      return { outcome: 'permanent', errorCode: 'PORM_MM1_ENCODE_FAILED', message: `cannot write the message as an m-send-req: ${err.code}: ${err.message}` };
    }
    const headers: Record<string, string> = { 'content-type': MMS_MESSAGE, accept: `${MMS_MESSAGE}, */*` };
    if (this.config.userAgent !== undefined) headers['user-agent'] = this.config.userAgent;
    if (this.config.uaProfUrl !== undefined) headers['x-wap-profile'] = `"${this.config.uaProfUrl}"`;
    let answer;
    try {
      answer = await this.http.post(pdu, headers, this.config.timeoutMs, signal);
    } catch (err) {
      const why = err instanceof PostTimeoutError ? err.message : `connection failed: ${(err as Error).message}`;
      return { outcome: 'transient', message: `MMSC ${this.name}: ${why}` };
    }
    const result = interpretAnswer(this.name, message.id, answer);
    if (result.outcome === 'transient' && result.exhaustedCode !== undefined && result.exhaustedCode !== 'PORM_CARRIER_UNAVAILABLE') {
      this.log.warn({ carrier: this.name, status: answer.status, contentType: answer.contentType }, result.message);
    }
    return result;
  }

  async close(): Promise<void> {
    this.http.close();
  }
}
