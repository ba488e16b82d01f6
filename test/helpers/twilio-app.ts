import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import twilio from 'twilio';

// A loopback HTTP server playing an application written for Twilio: every request goes through
// the twilio package's own webhook() middleware (as an Express app would use it) and its
// validateRequest, and is answered by `answer` (TwiML for a number's webhook).

export interface AppRequest {
  method: string;
  /** The path with its query, as received. */
  path: string;
  headers: IncomingHttpHeaders;
  /** What an Express app sees: the parsed form for a POST, the query for a GET. */
  params: Record<string, string | string[]>;
  /** twilio.webhook(authToken) called next() (anything else: it answered 400/403 itself). */
  acceptedByWebhook: boolean;
  /** twilio.validateRequest over the full URL and the parameters of the body. */
  validSignature: boolean;
}

export interface AppAnswer {
  status?: number;
  contentType?: string;
  body?: string | Buffer;
}

/** The minimal Express surface webhook() uses: req.header(), protocol, originalUrl, body; res.type().status().send(). */
function runWebhookMiddleware(token: string, req: { method: string; url: string; headers: IncomingHttpHeaders; body: Record<string, string | string[]> }): boolean {
  let passed = false;
  const request = {
    method: req.method, protocol: 'http', headers: req.headers, originalUrl: req.url, url: req.url, body: req.body,
    header(name: string): string | undefined {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
  };
  const response = { type: () => response, status: () => response, send: () => response };
  // The package types its middleware for Express; this object has every member it reads.
  const middleware = twilio.webhook(token) as (rq: typeof request, rs: typeof response, next: () => void) => void;
  middleware(request, response, () => {
    passed = true;
  });
  return passed;
}

export class TwilioApp {
  readonly received: AppRequest[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly token: () => string, private readonly answer: (req: AppRequest) => AppAnswer = () => ({})) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const query = path.includes('?') ? path.slice(path.indexOf('?') + 1) : '';
        const form = req.method === 'POST' ? parseQuery(raw) : parseQuery(query);
        const params = Object.fromEntries(Object.entries(form).filter((e): e is [string, string | string[]] => e[1] !== undefined));
        const body = req.method === 'POST' ? params : {};
        const signature = req.headers['x-twilio-signature'];
        const fullUrl = `http://${req.headers.host}${path}`;
        const request: AppRequest = {
          method: req.method ?? '', path, headers: req.headers, params,
          acceptedByWebhook: runWebhookMiddleware(this.token(), { method: req.method ?? '', url: path, headers: req.headers, body }),
          validSignature: typeof signature === 'string' && twilio.validateRequest(this.token(), signature, fullUrl, body),
        };
        this.received.push(request);
        const answer = this.answer(request);
        res.statusCode = answer.status ?? 200;
        if (answer.contentType) res.setHeader('content-type', answer.contentType);
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  on(pathPrefix: string): AppRequest[] {
    return this.received.filter((r) => r.path.startsWith(pathPrefix));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
