// The HTTP exchange of one MM1 submit: POST the PDU to the MMSC, directly or through the
// operator's WAP/HTTP proxy (absolute-form request target, RFC 9112 §3.2.2, as handsets do).
// A deadline covers the whole exchange and the answer's size is capped.
import http from 'node:http';
import https from 'node:https';
import { PostTimeoutError, retryAfterMs } from '../mm7/http-post.ts';
import type { Mm1Answer } from './send-conf.ts';

const MAX_ANSWER_BYTES = 1024 * 1024;

export class Mm1Http {
  private readonly agent: http.Agent;
  private readonly target: URL;
  private readonly proxy: URL | undefined;

  constructor(mmscUrl: string, proxy: string | undefined, maxSockets: number) {
    this.target = new URL(mmscUrl);
    this.proxy = proxy === undefined ? undefined : new URL(proxy);
    const options = { keepAlive: true, maxSockets, keepAliveMsecs: 10_000 };
    this.agent = this.proxy === undefined && this.target.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
  }

  post(body: Buffer, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<Mm1Answer> {
    const via = this.proxy ?? this.target;
    const transport = via.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request({
        protocol: via.protocol, hostname: via.hostname.replace(/^\[|\]$/g, ''), port: via.port || undefined,
        path: this.proxy === undefined ? `${this.target.pathname}${this.target.search}` : this.target.href,
        method: 'POST', agent: this.agent,
        headers: { ...headers, host: this.target.host, 'content-length': String(body.length) },
      }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            req.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          done();
          resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks), retryAfterMs: retryAfterMs(res.headers['retry-after']) });
        });
        res.on('error', (err) => {
          done();
          reject(err);
        });
      });
      const timer = setTimeout(() => req.destroy(new PostTimeoutError(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
      const abort = (): void => {
        req.destroy(new Error('submit aborted (shutdown)'));
      };
      signal?.addEventListener('abort', abort, { once: true });
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
      };
      req.on('error', (err) => {
        done();
        reject(err);
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
