// A sandbox MMSC speaking MM1, for tests and local trials: an HTTP server on loopback that
// takes m-send-req PDUs (directly or as a proxy, absolute-form targets) and answers m-send-conf
// with the MM7 sandbox's test-number semantics (sandbox/test-numbers.ts). For each accepted
// message it prepares the m-delivery-ind a real MMSC would push, as the WSP Push payload an SMS
// on port 2948 carries (`pushes`), so the WAP Push path can be exercised end to end.
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

export class SandboxMm1Mmsc {
  readonly requests: SandboxMm1Request[] = [];
  /** WSP Push payloads (TID, Push, headers, m-delivery-ind) of the reports, in order. */
  readonly pushes: Buffer[] = [];
  readonly faults: SandboxMm1Fault[] = [];
  private readonly submits = new Map<string, number>();
  private readonly accepted = new Map<string, string>();
  private readonly server: Server;
  private nextId = 1;

  constructor(private readonly now: () => number = Date.now) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/mms`;
  }

  async close(): Promise<void> {
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
    if (verdict.report !== null) this.pushes.push(deliveryPush(messageId, `${to}/TYPE=PLMN`, verdict.report === 'delivered' ? 'retrieved' : 'rejected', this.now()));
    return conf(answerTid, 0x80, undefined, messageId);
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
