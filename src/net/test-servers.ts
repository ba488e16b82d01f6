// Test-only helpers: real HTTP(S) servers on loopback that count connections, so a test can prove
// that a blocked request never opened a socket. Nothing here listens beyond 127.0.0.0/8 or ::1.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { OutboundPolicy } from './policy.ts';

export interface LoopbackServer {
  host: string;
  port: number;
  /** http://host:port (IPv6 hosts bracketed). */
  origin: string;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Requests seen (method and URL path), in order. */
  requests: { method: string; url: string; host: string; body: string; headers: http.IncomingHttpHeaders }[];
  /** TLS servers only: the SNI name each handshake carried (none is recorded without SNI). */
  servernames: string[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export async function startServer(
  host: string,
  handler: Handler,
  tls?: { key: Buffer; cert: Buffer },
  listenPort = 0,
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const servernames: string[] = [];
  let accepted = 0;
  const requests: LoopbackServer['requests'] = [];
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString();
      requests.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', body, headers: req.headers });
      handler(req, res, body);
    });
  };
  // SNICallback sees the name even when the client later rejects the certificate.
  const SNICallback = (name: string, cb: (err: Error | null) => void): void => {
    servernames.push(name);
    cb(null);
  };
  const server = tls === undefined ? http.createServer(onRequest) : https.createServer({ ...tls, SNICallback }, onRequest);
  server.on('connection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const scheme = tls === undefined ? 'http' : 'https';
  return {
    host,
    port,
    origin: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    connections: () => accepted,
    requests,
    servernames,
    close: () =>
      new Promise<void>((resolve) => {
        // Never-ending test servers hold sockets open; destroy them so close() returns.
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Two servers on the same port, one on `allowedHost` and one on `forbiddenHost`: a rebinding test
 * needs the same host:port to land on either, so only the resolver's answer decides which.
 */
export async function startPair(
  allowedHost: string,
  forbiddenHost: string,
  allowed: Handler,
  forbidden: Handler,
): Promise<[LoopbackServer, LoopbackServer]> {
  for (let attempt = 0; ; attempt++) {
    const a = await startServer(allowedHost, allowed);
    try {
      return [a, await startServer(forbiddenHost, forbidden, undefined, a.port)];
    } catch (err) {
      await a.close();
      if (attempt >= 10) throw err;
    }
  }
}

export function testPolicy(overrides: Partial<OutboundPolicy> = {}): OutboundPolicy {
  return {
    allowPrivateNetworks: false,
    maxRedirects: 3,
    timeoutMs: 2000,
    maxResponseBytes: 64 * 1024,
    userAgent: 'porm-test/1',
    ...overrides,
  };
}
