import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import { buildMm7Message, formatMm7DateTime, isMm7Error, parseMm7Message, toXmlSafeText, type Mm7Message } from '../../mms/mm7/index.ts';
import { basicAuth, PeerClient } from '../mm7/http-post.ts';
import { SandboxLedger, type SubmissionRow } from './sandbox-ledger.ts';
import { ReportScheduler, type OwedReport } from './report-scheduler.ts';
import { decideSubmit, type ReportTarget } from './mmsc-submit.ts';
import { handsetView, type HandsetView } from './handset.ts';
import { handleControl, ControlError } from './mmsc-control.ts';
import type { ControlAnswer, DeliverOrder, ReportOrder } from './control-protocol.ts';
import { handsetDeliverReq } from './handset-deliver.ts';
import { controlFilePath, removeControlFile, writeControlFile } from './control-file.ts';

export interface SandboxMmscOptions {
  name: string;
  dataDir: string;
  host: string;
  port: number;
  deliveryDelayMs: number;
  submitLatencyMs: number;
  /** Credentials porm (the VASP) must present on SubmitReq. */
  credentials: { username: string; password: string };
  /** With a secret, the MMSC takes handset orders on /control/* and says where in its control file. */
  control?: { secret: string };
}

const MAX_REQUEST = 16 * 1024 * 1024;

/**
 * porm's built-in MMSC simulator. It speaks MM7 over HTTP like a real MMSC: it authenticates
 * SubmitReq, answers SubmitRsp (or a fault), later POSTs DeliveryReportReq to the VASP, and plays
 * the handset: GET /mms/<id> serves the m-retrieve-conf a phone would download. Its ledger (own
 * SQLite file) makes it remember submissions across restarts, of porm or of itself.
 */
export class SandboxMmsc {
  private server: Server | undefined;
  private readonly ledger: SandboxLedger;
  private readonly reports: ReportScheduler;
  private reportClient: PeerClient | undefined;
  private target: ReportTarget | undefined;
  url = '';

  constructor(private readonly options: SandboxMmscOptions, private readonly clock: Clock, private readonly log: Logger) {
    this.ledger = SandboxLedger.open(join(options.dataDir, `sandbox-mmsc-${options.name}.db`));
    this.reports = new ReportScheduler(this.ledger, clock, log);
  }

  async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.route(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port, this.options.host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${host}:${address.port}`;
    if (this.options.control) writeControlFile(this.controlFile, { url: this.url, secret: this.options.control.secret, pid: process.pid });
  }

  private get controlFile(): string {
    return controlFilePath(this.options.dataDir, this.options.name);
  }

  /** Where delivery reports go; reports owed from before a restart are sent once this is set. */
  startReporting(target: ReportTarget): void {
    this.target = target;
    this.reportClient?.close();
    this.reportClient = new PeerClient(new URL(target.url), { maxSockets: 32 });
    this.reports.start((owed) => this.sendReport(owed));
  }

  /** The MM7 endpoint porm submits to. */
  get mm7Url(): string {
    return `${this.url}/mm7`;
  }

  submission(pormMessageId: string): SubmissionRow | undefined {
    return this.ledger.find(pormMessageId);
  }

  totals(): { accepted: number; duplicates: number; rejected: number } {
    return this.ledger.totals();
  }

  handset(pormMessageId: string): HandsetView | undefined {
    const row = this.ledger.find(pormMessageId);
    return row ? handsetView(row, this.url, new Date(row.created_at)) : undefined;
  }

  async close(): Promise<void> {
    if (this.options.control) removeControlFile(this.controlFile, this.options.control.secret);
    this.reports.stop();
    await this.reports.drain();
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
    this.reportClient?.close();
    await this.ledger.close();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = (req.url ?? '/').split('?')[0]!;
      if (req.method === 'POST' && path === '/mm7') return await this.mm7(req, res);
      if (req.method === 'POST' && this.options.control && (path === '/control/deliver' || path === '/control/report')) {
        return await handleControl(req, res, this.options.control.secret, path, { deliver: (o) => this.deliverFromHandset(o), report: (o) => this.reportOnDemand(o) });
      }
      const mms = /^\/mms\/(SBX[0-9A-F]{24})$/.exec(path);
      if (req.method === 'GET' && mms) return this.retrieve(mms[1]!, res);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    } catch (err) {
      this.log.error({ err }, 'sandbox MMSC: request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    }
  }

  private async mm7(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.authorized(req.headers.authorization)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="porm sandbox MMSC"', 'content-type': 'text/plain' }).end('credentials required\n');
      return;
    }
    const body = await readBody(req, MAX_REQUEST);
    if (!body) {
      res.writeHead(413, { 'content-type': 'text/plain' }).end('request too large\n');
      return;
    }
    const contentType = req.headers['content-type'] ?? '';
    let parsed;
    try {
      parsed = parseMm7Message(contentType, body);
    } catch (err) {
      return this.answer(res, { type: 'RSErrorRsp', transactionId: 'unknown', status: { code: 2007, text: toXmlSafeText(isMm7Error(err) ? `${err.code}: ${err.message}` : 'Message format corrupt') } });
    }
    const msg = parsed.message;
    if (msg.type !== 'SubmitReq') {
      return this.answer(res, { type: 'RSErrorRsp', transactionId: toXmlSafeText(msg.transactionId, 100), status: { code: 4003, text: `the sandbox MMSC accepts SubmitReq only, not ${msg.type}` } });
    }
    const outcome = await decideSubmit(this.ledger, msg, { contentType, body }, this.options.deliveryDelayMs, this.clock.now());
    if (outcome.owes) this.reports.schedule(outcome.owes);
    // Latency after the MMSC has recorded the submission: the window in which a VASP can crash
    // after the MMSC accepted but before it heard so (resubmissions are then deduplicated).
    if (this.options.submitLatencyMs > 0) await new Promise((r) => setTimeout(r, this.options.submitLatencyMs));
    this.answer(res, outcome.answer);
  }

  private retrieve(carrierId: string, res: ServerResponse): void {
    const row = this.ledger.byCarrierId(carrierId);
    const view = row ? handsetView(row, this.url, new Date(row.created_at)) : undefined;
    if (!view) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such message\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/vnd.wap.mms-message', 'content-length': String(view.retrieveConfBytes.length) }).end(view.retrieveConfBytes);
  }

  private answer(res: ServerResponse, message: Mm7Message): void {
    const built = buildMm7Message(message);
    res.writeHead(built.httpStatus, { 'content-type': built.contentType, 'content-length': String(built.body.length) }).end(built.body);
  }

  private authorized(header: string | undefined): boolean {
    if (!header?.startsWith('Basic ')) return false;
    const given = Buffer.from(header.slice(6), 'base64');
    const expected = Buffer.from(`${this.options.credentials.username}:${this.options.credentials.password}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private async sendReport(owed: OwedReport): Promise<void> {
    const answer = await this.post({
      type: 'DeliveryReportReq', transactionId: `dr-${owed.carrierId}`, messageId: owed.carrierId,
      recipient: { kind: 'Number', value: owed.to }, sender: { kind: 'Number', value: owed.from },
      date: formatMm7DateTime(new Date(this.clock.now())),
      mmStatus: owed.status === 'delivered' ? 'Retrieved' : 'Rejected',
      ...(owed.status === 'undelivered' ? { statusText: 'sandbox: the handset refused the message' } : {}),
    });
    if (answer.type !== 'DeliveryReportRsp' || answer.status.code !== 1000) throw new Error(`porm answered ${answer.type} ${'status' in answer ? answer.status.code : ''}`);
  }

  /** Sends one request to porm's MM7 endpoint and reads its answer. */
  private async post(message: Mm7Message): Promise<Mm7Message> {
    const target = this.target;
    const client = this.reportClient;
    if (!target || !client) throw new ControlError('no_target', 'porm has not told the sandbox MMSC where its MM7 endpoint is yet');
    const request = buildMm7Message(message);
    const res = await client.post(request.body, { 'content-type': request.contentType, soapaction: request.soapAction, authorization: basicAuth(target.username, target.password) }, 10_000);
    if (res.status !== 200 && res.status !== 500) throw new Error(`porm answered ${message.type} with HTTP ${res.status}`);
    return parseMm7Message(res.contentType, res.body).message;
  }

  /** A handset wrote to one of porm's numbers: deliver it as a real MMSC would, with a DeliverReq. */
  private async deliverFromHandset(order: DeliverOrder): Promise<ControlAnswer> {
    const transactionId = `mo-${randomBytes(12).toString('hex')}`;
    const answer = await this.post(handsetDeliverReq(order, transactionId, formatMm7DateTime(new Date(this.clock.now()))));
    return controlAnswer(transactionId, answer);
  }

  /**
   * The network gives up on a message it accepted: the report it still owed (if any) is replaced
   * by this one. Should the scheduled report already be on its way, porm keeps whichever lands
   * first, as it would with a real carrier.
   */
  private async reportOnDemand(order: ReportOrder): Promise<ControlAnswer> {
    const row = this.ledger.byCarrierId(order.carrierMessageId);
    if (!row || row.outcome !== 'accepted') throw new ControlError('unknown_message', `the sandbox MMSC did not accept a message ${order.carrierMessageId}`);
    const owed = this.reports.cancel(order.carrierMessageId);
    const transactionId = `dr-${order.carrierMessageId}-${randomBytes(4).toString('hex')}`;
    try {
      const answer = await this.post({
        type: 'DeliveryReportReq', transactionId, messageId: order.carrierMessageId,
        recipient: { kind: 'Number', value: row.to_number }, sender: { kind: 'Number', value: row.from_number },
        date: formatMm7DateTime(new Date(this.clock.now())), mmStatus: order.mmStatus, statusText: order.statusText,
      });
      if (answer.type === 'DeliveryReportRsp' && answer.status.code === 1000) await this.ledger.markReported([order.carrierMessageId], this.clock.now());
      else if (owed) this.reports.schedule(row);
      return controlAnswer(transactionId, answer);
    } catch (err) {
      if (owed) this.reports.schedule(row);
      throw err;
    }
  }
}

function controlAnswer(transactionId: string, answer: Mm7Message): ControlAnswer {
  const status = 'status' in answer ? answer.status : { code: 0, text: `porm answered ${answer.type}` };
  return { transactionId, status: { code: status.code, text: status.text ?? null, details: status.details ?? null } };
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
