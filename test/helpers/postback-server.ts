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

/** The env rich-message tests run porm with: the scenarios' app scheme, and media from loopback. */
export const RICH_ENV = { PORM_RICH_APP_SCHEMES: 'shopapp', PORM_MEDIA_ALLOW_PRIVATE_NETWORKS: 'true' };

/**
 * The sender side of the rich scenarios: answers postbacks with "See you then!", serves the sale's
 * hero picture, and is registered as an account webhook endpoint for `events`.
 */
export async function startScenarioSender(
  api: (method: string, path: string, body?: unknown) => Promise<{ status: number; text: string; body: Record<string, unknown> }>,
  picture: Buffer, events: readonly string[],
): Promise<{ sender: SenderEndpoint; secret: string }> {
  const sender = await new SenderEndpoint((r) => (JSON.parse(r.body) as { type: string }).type === 'rich.postback'
    ? { status: 200, type: 'application/json', body: JSON.stringify({ reply: 'See you then!' }) }
    : { status: 204 }, { '/sale/sneakers.jpg': { type: 'image/jpeg', body: picture } }).start();
  const hook = await api('POST', '/v1/webhooks', { url: `${sender.url}/hook`, events });
  if (hook.status !== 201) throw new Error(`webhook endpoint not created: ${hook.text}`);
  return { sender, secret: String(hook.body.secret) };
}
