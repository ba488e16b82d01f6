import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { isPormError } from '../../errors.ts';
import { statusName } from '../../sms/pdu/index.ts';
import { ControlError, handleControl } from '../sandbox/mmsc-control.ts';
import { controlFilePath, removeControlFile, writeControlFile, type MmscControl } from '../sandbox/control-file.ts';
import type { ControlAnswer, DeliverOrder, ReportOrder } from '../sandbox/control-protocol.ts';
import type { ReceiptStat } from './receipt-pdu.ts';
import type { SandboxSmsc } from './sandbox-smsc.ts';
import { UNDELIVERED_ERROR } from './sms-test-numbers.ts';

/** The MM7 delivery statuses the handset player sends, as the receipt an SMSC would send. */
function statOf(mmStatus: ReportOrder['mmStatus']): ReceiptStat {
  if (mmStatus === 'Retrieved' || mmStatus === 'Forwarded') return 'DELIVRD';
  if (mmStatus === 'Expired') return 'EXPIRED';
  // Rejected, Unrecognised, DeliveryConditionNotMet, ...: porm reads all of them as undelivered.
  return 'UNDELIV';
}

function answer(transactionId: string, status: number, details: string | null): ControlAnswer {
  // Same answer shape as the sandbox MMSC's: code 1000 when porm took the PDU(s).
  return { transactionId, status: { code: status === 0 ? 1000 : 4000, text: statusName(status), details } };
}

/**
 * The sandbox SMSC's control endpoint: the sandbox MMSC's protocol (POST /control/deliver and
 * /control/report, bearer secret, JSON) on its own loopback HTTP port, so porm's handset player
 * (POST /v1/sandbox/inbound, `porm sandbox reply`) drives either sandbox the same way. A deliver
 * order becomes MO deliver_sm to porm; `status.details` carries the message_id porm put in its
 * deliver_sm_resp (porm's inbound id). A report order becomes a receipt sent at once.
 */
export class SmscControlServer {
  private constructor(private readonly server: Server, readonly control: MmscControl, private readonly file: string | undefined) {}

  static async start(smsc: SandboxSmsc, options: { host?: string; dataDir?: string; carrier?: string; secret?: string } = {}): Promise<SmscControlServer> {
    const secret = options.secret ?? randomBytes(24).toString('base64url');
    const actions = {
      async deliver(order: DeliverOrder): Promise<ControlAnswer> {
        if (order.parts.length > 0) throw new ControlError('bad_request', 'an SMS carries no media: send text only (or use an MMS sandbox)');
        if (order.subject !== null && order.subject !== '') throw new ControlError('bad_request', 'an SMS has no subject');
        if (order.text === '') throw new ControlError('bad_request', 'text must not be empty');
        try {
          const result = await smsc.injectMo({ from: order.from, to: order.to, text: order.text });
          const refused = result.parts.find((p) => p.status !== 0);
          const last = result.parts.at(-1);
          return answer(`mo-${randomBytes(8).toString('hex')}`, refused?.status ?? 0, last?.messageId || null);
        } catch (err) {
          if (isPormError(err) && err.code === 'PORM_SANDBOX_SMSC_NO_RECEIVER') throw new ControlError('no_target', err.message);
          throw err;
        }
      },
      async report(order: ReportOrder): Promise<ControlAnswer> {
        const stat = statOf(order.mmStatus);
        try {
          const status = await smsc.report(order.carrierMessageId, stat, stat === 'DELIVRD' ? 0 : UNDELIVERED_ERROR.err);
          return answer(`dr-${order.carrierMessageId}`, status, null);
        } catch (err) {
          if (isPormError(err) && err.code === 'PORM_SANDBOX_SMSC_UNKNOWN_MESSAGE') throw new ControlError('unknown_message', err.message);
          if (isPormError(err) && err.code === 'PORM_SANDBOX_SMSC_NO_RECEIVER') throw new ControlError('no_target', err.message);
          throw err;
        }
      },
    };
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (req.method === 'POST' && (path === '/control/deliver' || path === '/control/report')) {
        void handleControl(req, res, secret, path, actions);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const control: MmscControl = { url: `http://${host}:${address.port}`, secret, pid: process.pid };
    // The control file's name is the MMSC's, per carrier: the handset player reads it by carrier name.
    const file = options.dataDir !== undefined && options.carrier !== undefined ? controlFilePath(options.dataDir, options.carrier) : undefined;
    if (file) writeControlFile(file, control);
    return new SmscControlServer(server, control, file);
  }

  async close(): Promise<void> {
    if (this.file) removeControlFile(this.file, this.control.secret);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
