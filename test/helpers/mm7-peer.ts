import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildMm7Message, type Mm7BuildOptions, type Mm7Message } from '../../src/mms/mm7/index.ts';

// A loopback HTTP peer for MM7 tests: plays an MMSC (answering porm's SubmitReq) or a VASP
// endpoint (taking the sandbox MMSC's reports). It records every request and answers with
// whatever `respond` decides; 'hang' never answers.

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type PeerAnswer = { status: number; headers?: Record<string, string>; body?: Buffer | string } | 'hang';

export class Mm7Peer {
  readonly received: RecordedRequest[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  url = '';

  constructor(private readonly respond: (req: RecordedRequest, index: number) => PeerAnswer | Promise<PeerAnswer>) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const recorded: RecordedRequest = { method: req.method ?? '', path: (req.url ?? '/').split('?')[0]!, headers: req.headers, body: Buffer.concat(chunks) };
        this.received.push(recorded);
        void Promise.resolve(this.respond(recorded, this.received.length - 1)).then((answer) => {
          if (answer === 'hang') return;
          const body = answer.body === undefined ? Buffer.alloc(0) : Buffer.from(answer.body);
          res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) }).end(body);
        }, (err: unknown) => {
          res.writeHead(599, { 'content-type': 'text/plain' }).end(`test peer failed: ${String(err)}`);
        });
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** An MM7 message as an HTTP answer (200, or 500 for a fault, as SOAP 1.1 says). */
export function mm7Answer(message: Mm7Message, options?: Mm7BuildOptions): PeerAnswer {
  const built = buildMm7Message(message, options);
  return { status: built.httpStatus, headers: { 'content-type': built.contentType }, body: built.body };
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  ms: number;
}

/** POSTs raw bytes over loopback HTTP and reads the whole answer. */
export async function postRaw(url: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body: bytes, ms: performance.now() - started };
}

/** POSTs a built MM7 message with its Content-Type and SOAPAction. */
export function postMm7(url: string, message: Mm7Message, authorization: string | undefined, options?: Mm7BuildOptions): Promise<RawResponse> {
  const built = buildMm7Message(message, options);
  return postRaw(url, built.body, { 'content-type': built.contentType, soapaction: built.soapAction, ...(authorization ? { authorization } : {}) });
}

/** A port nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * JPEG-shaped test bytes: SOI, one COM segment of random bytes, EOI. Structurally valid, so
 * tshark's own JFIF dissector has nothing to call malformed (a fake APP0 header followed by
 * noise makes it flag the whole packet, which would say nothing about porm).
 */
export function jpegLike(noiseBytes: number): Buffer {
  if (noiseBytes > 65_533) throw new Error('one COM segment holds at most 65533 bytes');
  const noise = randomBytes(noiseBytes);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xfe, (noiseBytes + 2) >> 8, (noiseBytes + 2) & 0xff]), noise, Buffer.from([0xff, 0xd9])]);
}
