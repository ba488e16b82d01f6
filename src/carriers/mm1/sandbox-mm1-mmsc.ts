// A sandbox MMSC speaking MM1, for tests and local trials: an HTTP server on loopback that
// takes m-send-req PDUs (directly or as a proxy, absolute-form targets) and answers m-send-conf
// with the MM7 sandbox's test-number semantics (sandbox/test-numbers.ts). For each accepted
// message it prepares the m-delivery-ind a real MMSC would push, as the WSP Push payload an SMS
// on port 2948 carries (`pushes`), and, given `reports`, sends it `reportDelayMs` later to the
// SIM as a real network does: WAP Push in MO SMS (the sandbox SMSC's injectWapPush).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodePdu, encodePdu, isPduError, type Pdu } from '../../mms/pdu/index.ts';
import { sandboxVerdict } from '../sandbox/test-numbers.ts';

const MMS_MESSAGE = 'application/vnd.wap.mms-message';
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** Misbehaviours a test can ask for, once each, in order: what real MMSCs and gateways do. */
export type SandboxMm1Fault = 'html' | 'http-500' | 'http-401' | 'garbage' | 'wrong-transaction' | 'no-answer';

export interface SandboxMm1Request {
  /** The request target as sent: a path, or an absolute URL when porm came through a proxy. */
  target: string;
  host: string | undefined;
  contentType: string | undefined;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** One report on its way to the SIM: the SMS's sender and destination, and its WSP Push payload. */
export interface SandboxMm1Push {
  from: string;
  to: string;
  payload: Buffer;
  /** The Message-ID the report is for. */
  messageId: string;
}

export interface SandboxMm1Options {
  now?: () => number;
  /** Sends a report's WAP Push as SMS (e.g. through the sandbox SMSC). Without it, reports are only kept in `pushes`. */
  reports?: (push: SandboxMm1Push) => Promise<void>;
  /** How long after the m-send-conf a report is sent (default 1000 ms). */
  reportDelayMs?: number;
  /** The SIM the MMSC serves, for requests whose From is the Insert-address-token (what handsets send). */
  msisdn?: string;
  /** The number the report SMS come from (default +15005550000). */
  reportFrom?: string;
  /** A report that could not be sent (no SMPP client bound yet, refused) is tried again this often (default 1000 ms), up to 30 times. */
  retryMs?: number;
}

/** What a report send did, for tests and the CLI's log. */
export interface SandboxMm1ReportAttempt {
  messageId: string;
  to: string;
  ok: boolean;
  error?: string;
}

export class SandboxMm1Mmsc {
  readonly requests: SandboxMm1Request[] = [];
  /** WSP Push payloads (TID, Push, headers, m-delivery-ind) of the reports, in order. */
  readonly pushes: Buffer[] = [];
  readonly faults: SandboxMm1Fault[] = [];
  private readonly submits = new Map<string, number>();
  private readonly accepted = new Map<string, string>();
  private readonly server: Server;
  readonly reportAttempts: SandboxMm1ReportAttempt[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly now: () => number;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: SandboxMm1Options = {}) {
    this.now = options.now ?? Date.now;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, resolve);
    });
    const address = this.server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${shown}:${address.port}/mms`;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    this.requests.push({ target: req.url ?? '', host: req.headers.host, contentType: req.headers['content-type'], headers: req.headers, body });
    const fault = this.faults.shift();
    if (fault === 'no-answer') return; // the socket stays open: porm's deadline must end it
    if (fault === 'html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Please log in</body></html>');
    if (fault === 'http-500') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    if (fault === 'http-401') return void res.writeHead(401).end();
    if (fault === 'garbage') return void res.writeHead(200, { 'content-type': MMS_MESSAGE }).end(Buffer.from('8c81ff', 'hex'));
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const conf = this.answer(body, fault === 'wrong-transaction');
    res.writeHead(200, { 'content-type': MMS_MESSAGE }).end(conf);
  }

  /** The m-send-conf for one request body. */
  private answer(body: Buffer, wrongTransaction: boolean): Buffer {
    let req: Pdu;
    try {
      req = decodePdu(body).pdu;
    } catch (err) {
      return conf(undefined, 0xe2, `unreadable PDU: ${isPduError(err) ? err.code : 'error'}`);
    }
    const tid = req.transactionId;
    if (req.messageType !== 'm-send-req' || tid === undefined) return conf(tid, 0xe2, 'not an m-send-req with a Transaction-ID');
    const answerTid = wrongTransaction ? `${tid}-other` : tid;
    const to = (req.to ?? [])[0]?.replace(/\/TYPE=PLMN$/i, '');
    if (to === undefined) return conf(answerTid, 0xe3, 'no recipient');
    // A resubmission of a message already accepted gets the same Message-ID and no second report.
    const known = this.accepted.get(tid);
    if (known !== undefined) return conf(answerTid, 0x80, undefined, known);
    const previous = this.submits.get(tid) ?? 0;
    this.submits.set(tid, previous + 1);
    const verdict = sandboxVerdict(to, previous);
    if (verdict.kind === 'reject') return conf(answerTid, 0xe0, `recipient ${to} refused (sandbox test number)`);
    if (verdict.kind === 'transient') return conf(answerTid, 0xc3, `network problem (sandbox test number, attempt ${previous + 1})`);
    const messageId = `mm1-sbx-${this.nextId++}`;
    this.accepted.set(tid, messageId);
    if (verdict.report !== null) {
      const payload = deliveryPush(messageId, `${to}/TYPE=PLMN`, verdict.report === 'delivered' ? 'retrieved' : 'rejected', this.now());
      this.pushes.push(payload);
      const sim = req.from?.kind === 'address' ? req.from.address.replace(/\/TYPE=PLMN$/i, '') : this.options.msisdn;
      if (sim !== undefined) this.schedule({ from: this.options.reportFrom ?? '+15005550000', to: sim, payload, messageId }, this.options.reportDelayMs ?? 1000, 1);
    }
    return conf(answerTid, 0x80, undefined, messageId);
  }

  /** Sends one report later; a failed send (porm not bound yet, a refusal) is tried again, as an SMSC retries. */
  private schedule(push: SandboxMm1Push, delayMs: number, attempt: number): void {
    const send = this.options.reports;
    if (send === undefined || this.closed || attempt > 30) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send(push).then(
        () => this.reportAttempts.push({ messageId: push.messageId, to: push.to, ok: true }),
        (err: unknown) => {
          this.reportAttempts.push({ messageId: push.messageId, to: push.to, ok: false, error: err instanceof Error ? err.message : String(err) });
          this.schedule(push, this.options.retryMs ?? 1000, attempt + 1);
        },
      );
    }, delayMs);
    this.timers.add(timer);
  }
}

function conf(transactionId: string | undefined, status: number, text?: string, messageId?: string): Buffer {
  const pdu: Pdu = { messageType: 'm-send-conf', mmsVersion: '1.2', responseStatus: status };
  if (transactionId !== undefined) pdu.transactionId = transactionId;
  if (text !== undefined) pdu.responseText = text;
  if (messageId !== undefined) pdu.messageId = messageId;
  // Relay mode: an answer to a request without a Transaction-ID has none either.
  return encodePdu(pdu, { relay: true });
}

/** WSP Push (TID 1, Push, Content-Type application/vnd.wap.mms-message, X-Wap-Application-Id mms.ua) of an m-delivery-ind. */
export function deliveryPush(messageId: string, to: string, status: 'retrieved' | 'rejected', now: number): Buffer {
  const ind = encodePdu({ messageType: 'm-delivery-ind', mmsVersion: '1.2', messageId, to: [to], date: new Date(Math.floor(now / 1000) * 1000), status });
  return Buffer.concat([Buffer.from([0x01, 0x06, 0x03, 0xbe, 0xaf, 0x84]), ind]);
}
