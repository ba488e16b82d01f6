import { randomUUID } from 'node:crypto';
import { buildInvalid } from './mm7-error.ts';
import { checkHeaderValue, formatContentType } from './mime-headers.ts';
import { isMultipart, type MimePart } from './mime-part.ts';
import { encodeBase64Lines, type TransferEncoding } from './transfer-encoding.ts';

// Building MIME multiparts as a list of Buffer chunks that the caller concatenates once.
// Every line break is CRLF. Leaves are written binary or base64 (carrier option); multiparts carry
// no transfer encoding (RFC 2046 forbids encoding them).

export interface MimeBuildOptions {
  readonly transferEncoding: TransferEncoding;
  /** Boundary for the multipart at `depth` (0 = the HTTP body); default random. */
  readonly boundary?: (depth: number, index: number) => string;
}

const CRLF = Buffer.from('\r\n');
const BOUNDARY = /^[0-9A-Za-z'()+_,./:=?-]{1,69}[0-9A-Za-z'()+_,./:=?-]$/;

export class BoundarySource {
  private count = 0;
  constructor(private readonly make: ((depth: number, index: number) => string) | undefined) {}

  next(depth: number, where: string): string {
    const b = this.make === undefined ? `porm-mm7-${depth}-${randomUUID()}` : this.make(depth, this.count);
    this.count++;
    if (!BOUNDARY.test(b)) throw buildInvalid(where, `boundary "${b}" is not 1-70 RFC 2046 boundary characters`);
    return b;
  }
}

/** Header lines (without the blank line) and body chunks of one part. */
export interface BuiltPart {
  readonly headers: string;
  readonly body: Buffer[];
}

export function buildPart(part: MimePart, opts: MimeBuildOptions, boundaries: BoundarySource, depth: number, where: string): BuiltPart {
  let headers = '';
  let body: Buffer[];
  if (isMultipart(part)) {
    if (!part.contentType.startsWith('multipart/')) throw buildInvalid(where, 'a part with children needs a multipart/* content type');
    if (part.parts.length === 0) throw buildInvalid(where, 'multipart without parts');
    const boundary = boundaries.next(depth + 1, where);
    headers += `Content-Type: ${formatContentType(part.contentType, { ...withoutBoundary(part.params, where), boundary }, where)}\r\n`;
    body = joinParts(
      part.parts.map((p, i) => buildPart(p, opts, boundaries, depth + 1, `${where}/part${i + 1}`)),
      boundary,
      where,
    );
  } else {
    if (part.contentType.startsWith('multipart/')) throw buildInvalid(where, 'a multipart/* part needs child parts');
    if (!Buffer.isBuffer(part.data)) throw buildInvalid(where, 'data must be a Buffer');
    headers += `Content-Type: ${formatContentType(part.contentType, withoutBoundary(part.params, where), where)}\r\n`;
    body = [opts.transferEncoding === 'base64' ? encodeBase64Lines(part.data) : part.data];
  }
  if (part.contentId !== undefined) headers += `Content-ID: <${checkContentId(part.contentId, where)}>\r\n`;
  if (part.contentLocation !== undefined) {
    if (part.contentLocation === '') throw buildInvalid(`${where}/Content-Location`, 'must not be empty');
    headers += `Content-Location: ${checkHeaderValue(part.contentLocation, `${where}/Content-Location`)}\r\n`;
  }
  if (!isMultipart(part)) headers += `Content-Transfer-Encoding: ${opts.transferEncoding}\r\n`;
  return { headers, body };
}

/** `--b CRLF headers CRLF body CRLF` per part, then `--b--`. Refuses a boundary found in the data. */
export function joinParts(parts: readonly BuiltPart[], boundary: string, where: string): Buffer[] {
  const open = Buffer.from(`--${boundary}\r\n`, 'latin1');
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  const chunks: Buffer[] = [];
  for (const p of parts) {
    for (const b of p.body) {
      if (b.indexOf(delim) !== -1) throw buildInvalid(where, 'part data contains the multipart boundary; use another boundary');
    }
    chunks.push(open, Buffer.from(p.headers + '\r\n', 'latin1'), ...p.body, CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return chunks;
}

export function checkContentId(id: string, where: string): string {
  if (typeof id !== 'string' || !/^[\x21-\x7e]+$/.test(id) || /[<>]/.test(id)) {
    throw buildInvalid(`${where}/Content-ID`, `"${String(id)}" must be printable ASCII without spaces or <>`);
  }
  return id;
}

function withoutBoundary(params: Readonly<Record<string, string>> | undefined, where: string): Readonly<Record<string, string>> | undefined {
  if (params !== undefined && Object.keys(params).some((k) => k.toLowerCase() === 'boundary')) {
    throw buildInvalid(`${where}/Content-Type`, 'boundary is chosen by the builder; do not pass it');
  }
  return params;
}
