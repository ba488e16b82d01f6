import http from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseIp, sameAddress } from './ip-policy.ts';
import { OutboundError } from './outbound-error.ts';
import type { OutboundHooks, OutboundPolicy, ResolvedAddress } from './policy.ts';
import { isRedirect, type Hop } from './redirects.ts';
import { hostOf, portOf } from './validate-url.ts';

export interface HopResult {
  status: number;
  headers: Record<string, string | string[]>;
  /** Empty for a redirect that will be followed: its body is never read. */
  body: Buffer;
  location: string | undefined;
  remoteAddress: string;
  connectMs: number;
  tlsMs: number;
  firstByteMs: number;
}

/**
 * A lookup that ignores the host name and answers the address we already checked, so the socket
 * reaches exactly that address (DNS rebinding needs a second lookup; there is none). The host name
 * itself stays in the request options, so Host, SNI and certificate verification use it unchanged.
 */
function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all === true) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

// Set by us from the URL and body, never by callers: a caller's Host would also become the TLS
// name Node verifies, and framing headers that disagree with the body corrupt the request.
const MANAGED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'accept-encoding']);

function buildHeaders(hop: Hop, policy: OutboundPolicy): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': policy.userAgent };
  for (const [name, value] of Object.entries(hop.headers)) {
    if (!MANAGED.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  // We never decompress, so ask for identity: the byte cap then counts what we would hand back.
  headers['accept-encoding'] = 'identity';
  if (hop.body !== undefined || hop.method === 'POST') headers['content-length'] = String(hop.body?.length ?? 0);
  return headers;
}

function flatHeaders(raw: http.IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) out[name] = value;
  return out;
}

/** One request/response on the wire, to one pre-checked address, bounded by `signal` and the byte cap. */
export function sendHop(
  hop: Hop,
  target: ResolvedAddress,
  policy: OutboundPolicy,
  hooks: OutboundHooks,
  signal: AbortSignal,
  followRedirects: boolean,
): Promise<HopResult> {
  return new Promise<HopResult>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const started = performance.now();
    const since = (): number => Math.round(performance.now() - started);
    let connectMs = 0;
    let tlsMs = 0;
    let remoteAddress = '';
    let settled = false;

    const host = hostOf(hop.url);
    const options: https.RequestOptions = {
      protocol: hop.url.protocol,
      hostname: host,
      // SNI and certificate name come from the URL, stated outright rather than derived by Node.
      ...(hop.url.protocol === 'https:' && parseIp(host) === null ? { servername: host } : {}),
      port: portOf(hop.url),
      path: `${hop.url.pathname}${hop.url.search}`,
      method: hop.method,
      headers: buildHeaders(hop, policy),
      lookup: pinnedLookup(target),
      // No pooling: a pooled socket may have been opened to a different, earlier-checked address.
      agent: false,
      ...(hooks.ca !== undefined ? { ca: hooks.ca } : {}),
    };
    let req: http.ClientRequest;
    try {
      req = (hop.url.protocol === 'https:' ? https : http).request(options);
    } catch (err) {
      // Only caller mistakes land here (a header value with CR/LF, say): not a network outcome.
      reject(err as Error);
      return;
    }

    const finish = (err: Error | null, result?: HopResult): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      // Always drop the socket: on error to stop reading, on success so bytes a server sends past
      // its declared Content-Length are never read (the 'error' listener stays, so nothing throws).
      req.destroy();
      if (err !== null) reject(err);
      else resolve(result!);
    };
    const onAbort = (): void => finish(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });

    req.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        connectMs = since();
        remoteAddress = socket.remoteAddress ?? '';
        // Belt and braces: the socket must be where the policy check said it would be. Skipped when
        // private networks are allowed: nothing is being guarded, and Linux reports 0.0.0.0 as 127.0.0.1.
        if (!policy.allowPrivateNetworks && !sameAddress(remoteAddress, target.address)) {
          finish(new OutboundError('PORM_URL_BLOCKED', `connected to ${remoteAddress}, expected ${target.address}`));
        }
      });
      socket.once('secureConnect', () => {
        tlsMs = since() - connectMs;
      });
    });

    req.on('error', (err) => {
      if (err instanceof OutboundError) finish(err);
      else finish(new OutboundError('PORM_OUTBOUND_CONNECTION_FAILED', `request to ${hop.url.host} failed: ${err.message}`, { cause: err }));
    });

    req.on('response', (res) => {
      const firstByteMs = since();
      const base = { status: res.statusCode ?? 0, headers: flatHeaders(res.headers), remoteAddress, connectMs, tlsMs, firstByteMs };
      const location = res.headers.location;
      if (followRedirects && isRedirect(base.status, location)) {
        // The redirect's own body is irrelevant; drop the connection instead of reading it.
        finish(null, { ...base, body: Buffer.alloc(0), location });
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (hop.method !== 'HEAD' && Number.isFinite(declared) && declared > policy.maxResponseBytes) {
        finish(new OutboundError('PORM_OUTBOUND_TOO_LARGE', `declared ${declared} bytes, limit is ${policy.maxResponseBytes}`));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        // Counted as it streams: chunked or close-delimited bodies have no length to trust up front.
        if (received > policy.maxResponseBytes) {
          finish(new OutboundError('PORM_OUTBOUND_TOO_LARGE', `body exceeded ${policy.maxResponseBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish(null, { ...base, body: Buffer.concat(chunks, received), location }));
      res.on('aborted', () => finish(new OutboundError('PORM_OUTBOUND_CONNECTION_FAILED', 'response ended early')));
      res.on('error', (err) => finish(new OutboundError('PORM_OUTBOUND_CONNECTION_FAILED', `response failed: ${err.message}`, { cause: err })));
    });

    req.end(hop.body);
  });
}
