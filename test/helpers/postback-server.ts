import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received { path: string; headers: IncomingHttpHeaders; body: string }

/**
 * A sender's endpoint on loopback: records every request and answers with what `answer` returns
 * (status, content type, body). Serves static files too (`files`), for template images.
 */
export class SenderEndpoint {
  readonly received: Received[] = [];
  private server: Server | undefined;
  url = '';

  constructor(
    private readonly answer: (r: Received) => { status: number; type?: string; body?: string | Buffer } = () => ({ status: 200, type: 'application/json', body: '{}' }),
    private readonly files: Record<string, { type: string; body: Buffer }> = {},
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const file = this.files[req.url ?? ''];
        if (req.method === 'GET' && file) {
          res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length });
          res.end(file.body);
          return;
        }
        const r: Received = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(r);
        const out = this.answer(r);
        res.writeHead(out.status, out.type ? { 'content-type': out.type } : {});
        res.end(out.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Received JSON bodies of one event type (Standard Webhooks payloads). */
  events(type: string): Array<{ type: string; data: Record<string, unknown> }> {
    return this.received.flatMap((r) => {
      try {
        const json = JSON.parse(r.body) as { type: string; data: Record<string, unknown> };
        return json.type === type ? [json] : [];
      } catch {
        return [];
      }
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
