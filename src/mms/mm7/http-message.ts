import { Mm7Error } from './mm7-error.ts';
import { parseHeaderBlock } from './mime-headers.ts';
import { ParseContext } from './parse-context.ts';
import { parseMm7Message, type Mm7Parsed, type Mm7ParseOptions } from './parse.ts';

// A whole HTTP/1.1 request or response as bytes (captures, the 3GPP annex example, the sandbox
// MMSC's logs) -> start line, headers and body, then the MM7 parse of the body. The HTTP
// connector does not need this: it hands Content-Type and body to parseMm7Message directly.

export interface Mm7HttpParsed extends Mm7Parsed {
  readonly startLine: string;
  /** Lowercase names. */
  readonly headers: ReadonlyMap<string, string>;
}

const MAX_HEAD = 64 * 1024;

export function parseMm7HttpMessage(raw: Buffer, options?: Mm7ParseOptions): Mm7HttpParsed {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const useLf = lf !== -1 && (crlf === -1 || lf < crlf);
  const headEnd = useLf ? lf : crlf;
  if (headEnd === -1 || headEnd > MAX_HEAD) throw new Mm7Error('PORM_MM7_MIME_INVALID', 'HTTP message without an end of headers');
  const head = raw.toString('latin1', 0, headEnd);
  const firstBreak = head.indexOf('\n');
  const startLine = (firstBreak === -1 ? head : head.slice(0, firstBreak)).replace(/\r$/, '');
  const ctx = new ParseContext(options?.limits);
  const headers = parseHeaderBlock(firstBreak === -1 ? '' : head.slice(firstBreak + 1), ctx, 'http').map;
  const body = raw.subarray(headEnd + (useLf ? 2 : 4));
  const parsed = parseMm7Message(headers.get('content-type'), body, options);
  const declared = headers.get('content-length');
  const warnings = [...ctx.warnings, ...parsed.warnings];
  if (declared !== undefined && Number(declared) !== body.length) {
    warnings.push({ code: 'http.content-length-mismatch', message: `Content-Length ${declared.slice(0, 20)} but the body has ${body.length} bytes` });
  }
  return { ...parsed, warnings, startLine, headers };
}
