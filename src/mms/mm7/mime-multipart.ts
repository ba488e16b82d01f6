import { Mm7Error } from './mm7-error.ts';
import { parseContentType, parseHeaderBlock, stripAngles, type MimeHeaders } from './mime-headers.ts';
import type { MimePart } from './mime-part.ts';
import type { ParseContext } from './parse-context.ts';
import { decodeBase64, decodeQuotedPrintable } from './transfer-encoding.ts';

// Buffer-based multipart parsing (RFC 2046). Delimiters are found with Buffer.indexOf, so the cost
// is linear in the body and part data are zero-copy views of the input. Lenient where real MMSCs
// differ (LF-only lines, padding after a delimiter, a preamble, missing boundary parameter on a
// nested part); a missing boundary, a missing closing delimiter and the limits are errors.

export interface RawPart {
  readonly headers: MimeHeaders;
  /** Still transfer-encoded. */
  readonly body: Buffer;
}

const LF = 10;
const CR = 13;

/** Splits a multipart body into its parts. Throws PORM_MM7_MIME_INVALID / _TOO_MANY_PARTS. */
export function splitMultipart(body: Buffer, boundary: string, ctx: ParseContext, where: string): RawPart[] {
  if (boundary === '' || boundary.length > 200) throw new Mm7Error('PORM_MM7_MIME_INVALID', `${where}: unusable boundary`, { where });
  const delim = Buffer.from('--' + boundary, 'latin1');
  let at = findDelimiter(body, delim, 0);
  if (at === undefined) throw new Mm7Error('PORM_MM7_MIME_INVALID', `${where}: boundary "${boundary.slice(0, 80)}" not found`, { where });
  const parts: RawPart[] = [];
  while (!at.close) {
    const next = findDelimiter(body, delim, at.lineEnd);
    if (next === undefined) throw new Mm7Error('PORM_MM7_MIME_INVALID', `${where}: part ${parts.length + 1} is not terminated by a closing delimiter`, { where });
    if (++ctx.partCount > ctx.limits.maxParts) {
      throw new Mm7Error('PORM_MM7_MIME_TOO_MANY_PARTS', `more than ${ctx.limits.maxParts} MIME parts`, { where });
    }
    const end = Math.max(at.lineEnd, contentEnd(body, next.start));
    parts.push(splitPart(body.subarray(at.lineEnd, end), ctx, `${where}/part${parts.length + 1}`));
    at = next;
  }
  if (parts.length === 0) throw new Mm7Error('PORM_MM7_MIME_INVALID', `${where}: multipart without parts`, { where });
  return parts;
}

interface Delimiter {
  readonly start: number;
  /** Index just after the delimiter line's line break. */
  readonly lineEnd: number;
  readonly close: boolean;
}

function findDelimiter(body: Buffer, delim: Buffer, from: number): Delimiter | undefined {
  let idx = body.indexOf(delim, from);
  while (idx !== -1) {
    if (idx === 0 || body[idx - 1] === LF) {
      const found = delimiterAt(body, idx, delim.length);
      if (found !== undefined) return found;
    }
    idx = body.indexOf(delim, idx + 1);
  }
  return undefined;
}

/** A delimiter line is `--boundary`, optional `--`, optional transport padding, then EOL or EOF. */
function delimiterAt(body: Buffer, start: number, len: number): Delimiter | undefined {
  let i = start + len;
  const close = body[i] === 45 && body[i + 1] === 45;
  if (close) i += 2;
  while (body[i] === 32 || body[i] === 9) i++;
  if (i >= body.length) return { start, lineEnd: body.length, close };
  if (body[i] === LF) return { start, lineEnd: i + 1, close };
  if (body[i] === CR && body[i + 1] === LF) return { start, lineEnd: i + 2, close };
  // A close delimiter may be followed by an epilogue on the same line in broken senders.
  return close ? { start, lineEnd: i, close } : undefined;
}

/** The line break before a delimiter belongs to the delimiter, not to the part content. */
function contentEnd(body: Buffer, delimStart: number): number {
  let end = delimStart;
  if (end > 0 && body[end - 1] === LF) end--;
  if (end > 0 && body[end - 1] === CR) end--;
  return end;
}

function splitPart(part: Buffer, ctx: ParseContext, where: string): RawPart {
  let headerEnd: number;
  let bodyStart: number;
  if (part[0] === LF || (part[0] === CR && part[1] === LF)) {
    headerEnd = 0;
    bodyStart = part[0] === LF ? 1 : 2;
  } else {
    const lf = part.indexOf('\n\n');
    const crlf = part.indexOf('\n\r\n');
    if (lf === -1 && crlf === -1) {
      if (part.length > ctx.limits.maxHeaderBytes) throw new Mm7Error('PORM_MM7_MIME_INVALID', `${where}: header block never ends`, { where });
      ctx.warn('mime.headers-only', `${where}: part has no blank line after its headers; read as headers with an empty body`);
      headerEnd = part.length;
      bodyStart = part.length;
    } else {
      const useLf = lf !== -1 && (crlf === -1 || lf < crlf);
      headerEnd = useLf ? lf : crlf;
      bodyStart = headerEnd + (useLf ? 2 : 3);
    }
  }
  if (headerEnd > ctx.limits.maxHeaderBytes) throw new Mm7Error('PORM_MM7_MIME_INVALID', `${where}: header block larger than ${ctx.limits.maxHeaderBytes} bytes`, { where });
  return { headers: parseHeaderBlock(part.toString('latin1', 0, headerEnd), ctx, where), body: part.subarray(bodyStart) };
}

/** The boundary of a body that came without its Content-Type: the first `--` line. */
export function sniffBoundary(body: Buffer): string | undefined {
  let lineStart = 0;
  // Only look at the first few lines: a body stored without headers starts with its delimiter.
  for (let n = 0; n < 5 && lineStart < body.length; n++) {
    let lineEnd = body.indexOf(LF, lineStart);
    if (lineEnd === -1) lineEnd = Math.min(body.length, lineStart + 300);
    const line = body.toString('latin1', lineStart, Math.min(lineEnd, lineStart + 300)).replace(/\r$/, '').trimEnd();
    if (line.startsWith('--') && line.length > 2) return line.slice(2);
    if (line !== '') return undefined;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** Decodes a raw part: transfer encoding, then nested multiparts down to the depth limit. */
export function parsePart(raw: RawPart, ctx: ParseContext, depth: number, where: string): MimePart {
  const h = raw.headers.map;
  const ct = parseContentType(h.get('content-type'));
  const mediaType = ct.mediaType === '' ? 'text/plain' : ct.mediaType;
  const { boundary, ...params } = ct.params;
  const rawId = h.get('content-id');
  if (rawId !== undefined && !rawId.trim().startsWith('<')) ctx.warn('mime.content-id-without-angles', `${where}: Content-ID "${rawId.slice(0, 80)}" has no <>`);
  const contentId = rawId === undefined ? undefined : stripAngles(rawId);
  const contentLocation = h.get('content-location');
  const base = {
    contentType: mediaType,
    ...(Object.keys(params).length > 0 && { params }),
    ...(contentId !== undefined && contentId !== '' && { contentId }),
    ...(contentLocation !== undefined && { contentLocation }),
  };
  const data = decodeTransfer(raw.body, h.get('content-transfer-encoding'), ctx, where);
  if (!mediaType.startsWith('multipart/')) return { ...base, data };
  let b = boundary;
  if (b === undefined || b === '') {
    b = sniffBoundary(data);
    if (b === undefined) {
      ctx.warn('mime.multipart-without-boundary', `${where}: ${mediaType} without a boundary kept as opaque data`);
      return { ...base, data };
    }
    ctx.warn('mime.boundary-sniffed', `${where}: boundary taken from the first delimiter line`);
  }
  if (depth + 1 > ctx.limits.maxMimeDepth) throw new Mm7Error('PORM_MM7_MIME_TOO_DEEP', `multiparts nested deeper than ${ctx.limits.maxMimeDepth}`, { where });
  const children = splitMultipart(data, b, ctx, where);
  return { ...base, parts: children.map((c, i) => parsePart(c, ctx, depth + 1, `${where}/part${i + 1}`)) };
}

function decodeTransfer(body: Buffer, cte: string | undefined, ctx: ParseContext, where: string): Buffer {
  const enc = (cte ?? '').trim().toLowerCase();
  if (enc === 'base64') return decodeBase64(body);
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  if (enc !== '' && enc !== '7bit' && enc !== '8bit' && enc !== 'binary') {
    ctx.warn('mime.unknown-transfer-encoding', `${where}: Content-Transfer-Encoding "${enc.slice(0, 40)}" kept as raw bytes`);
  }
  return body;
}
