import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  /** The request path with its query, as the receiver saw it. */
  path: string;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** A real HTTP server on loopback that records webhooks; `respond` picks each answer's status. */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly respond: (hook: ReceivedHook, index: number) => number = () => 200) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const hook: ReceivedHook = { headers: req.headers, path: req.url ?? '', body, json: JSON.parse(body) as ReceivedHook['json'] };
        this.received.push(hook);
        res.statusCode = this.respond(hook, this.received.length - 1);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
