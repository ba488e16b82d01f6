import { TextDecoder } from 'node:util';

// Bytes of an uploaded CSV to text, chunk by chunk (memory stays one chunk). The encoding is
// the byte-order mark's when there is one (UTF-8, UTF-16 LE/BE), else the one asked for, else
// UTF-8. Bytes that are invalid in it decode to U+FFFD, which the row check reports for its row
// (PORM_IMPORT_BAD_ENCODING) rather than failing the whole file.

export const ENCODINGS = ['auto', 'utf-8', 'utf-16le', 'utf-16be', 'latin1', 'windows-1252'] as const;
export type ImportEncoding = (typeof ENCODINGS)[number];

function bomOf(head: Buffer): { label: string; length: number } | undefined {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { label: 'utf-8', length: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { label: 'utf-16le', length: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { label: 'utf-16be', length: 2 };
  return undefined;
}

/** The label TextDecoder is given ("latin1" is windows-1252 there, as in browsers). */
function labelOf(encoding: ImportEncoding): string {
  return encoding === 'auto' ? 'utf-8' : encoding;
}

export interface DecodedText {
  /** The encoding used, once the first bytes are seen. */
  encoding: string;
}

export async function* decodeText(source: AsyncIterable<Buffer | string>, encoding: ImportEncoding, seen: DecodedText = { encoding: '' }): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let head = Buffer.alloc(0);
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    if (!decoder) {
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) continue;
      const bom = bomOf(head);
      seen.encoding = bom?.label ?? labelOf(encoding);
      decoder = new TextDecoder(seen.encoding, { fatal: false, ignoreBOM: true });
      const text = decoder.decode(head.subarray(bom?.length ?? 0), { stream: true });
      head = Buffer.alloc(0);
      if (text !== '') yield text;
      continue;
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  if (!decoder) {
    const bom = bomOf(head);
    seen.encoding = bom?.label ?? labelOf(encoding);
    decoder = new TextDecoder(seen.encoding, { fatal: false, ignoreBOM: true });
    const text = decoder.decode(head.subarray(bom?.length ?? 0), { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
