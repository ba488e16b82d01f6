import http from 'node:http';
import https from 'node:https';

export interface PostResult {
  status: number;
  contentType: string | undefined;
  retryAfterMs: number | undefined;
  body: Buffer;
}

export class PostTimeoutError extends Error {
  override readonly name = 'PostTimeoutError';
}

/**
 * A keep-alive HTTP(S) client for one configured peer (an MMSC or porm's own MM7 endpoint).
 * The peer is trusted configuration, not user input, so no address policy applies; what does
 * apply is a deadline for the whole exchange and a cap on the answer's size.
 */
export class PeerClient {
  private readonly agent: http.Agent;

  constructor(private readonly baseUrl: URL, options: { maxSockets: number }, private readonly maxResponseBytes = 4 * 1024 * 1024) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, keepAliveMsecs: 10_000 };
    this.agent = baseUrl.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }

  post(body: Buffer, headers: Record<string, string>, timeoutMs: number, url: URL = this.baseUrl): Promise<PostResult> {
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, {
        method: 'POST', agent: this.agent,
        headers: { ...headers, 'content-length': String(body.length) },
      }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxResponseBytes) {
            req.destroy(new Error(`response larger than ${this.maxResponseBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks),
            retryAfterMs: retryAfterMs(res.headers['retry-after']),
          });
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      });
      const timer = setTimeout(() => req.destroy(new PostTimeoutError(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
