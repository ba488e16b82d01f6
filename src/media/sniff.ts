import { fileTypeFromBuffer } from 'file-type';
import { MediaError } from './errors.ts';

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'text';

export interface Sniffed {
  /** The type the bytes really are, canonical spelling (image/jpeg, audio/mp4, text/vcard...). */
  mime: string;
  kind: MediaKind;
  /** Set when the caller declared another type; says both, for logs and warnings. */
  declaredMismatch?: string;
}

// What file-type reports → porm's canonical type. Anything absent here is refused.
const BINARY: Readonly<Record<string, readonly [string, MediaKind]>> = {
  'image/jpeg': ['image/jpeg', 'image'],
  'image/png': ['image/png', 'image'],
  'image/apng': ['image/png', 'image'],
  'image/gif': ['image/gif', 'image'],
  'image/webp': ['image/webp', 'image'],
  'image/heic': ['image/heic', 'image'],
  'image/heic-sequence': ['image/heic', 'image'],
  'image/heif': ['image/heif', 'image'],
  'image/heif-sequence': ['image/heif', 'image'],
  'image/avif': ['image/avif', 'image'],
  'image/bmp': ['image/bmp', 'image'],
  'image/tiff': ['image/tiff', 'image'],
  'video/mp4': ['video/mp4', 'video'],
  'video/quicktime': ['video/quicktime', 'video'],
  'video/3gpp': ['video/3gpp', 'video'],
  // 3GPP2 is the CDMA carriers' flavour of 3GP and still what some handsets record.
  'video/3gpp2': ['video/3gpp2', 'video'],
  'audio/mpeg': ['audio/mpeg', 'audio'],
  'audio/aac': ['audio/aac', 'audio'],
  'audio/x-m4a': ['audio/mp4', 'audio'],
  'audio/mp4': ['audio/mp4', 'audio'],
  'audio/amr': ['audio/amr', 'audio'],
  'audio/wav': ['audio/wav', 'audio'],
  'audio/ogg': ['audio/ogg', 'audio'],
  'audio/ogg; codecs=opus': ['audio/ogg', 'audio'],
  'application/pdf': ['application/pdf', 'document'],
};

// Other spellings callers declare for the same types; used only to decide declaredMismatch.
const ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/x-png': 'image/png',
  'image/x-ms-bmp': 'image/bmp', 'image/heic-sequence': 'image/heic', 'image/heif-sequence': 'image/heif',
  'audio/mp3': 'audio/mpeg', 'audio/x-m4a': 'audio/mp4', 'audio/m4a': 'audio/mp4', 'audio/x-aac': 'audio/aac',
  'audio/x-wav': 'audio/wav', 'audio/wave': 'audio/wav', 'audio/vnd.wave': 'audio/wav', 'audio/opus': 'audio/ogg',
  'video/3gp': 'video/3gpp', 'text/x-vcard': 'text/vcard', 'text/directory': 'text/vcard',
  'text/x-vcalendar': 'text/calendar', 'application/ics': 'text/calendar', 'application/x-pdf': 'application/pdf',
};

/**
 * Finds what media bytes really are, from the bytes alone (magic numbers via file-type, then
 * careful content checks for the text types). The name and declared type are never trusted;
 * a declared type that disagrees is only reported in `declaredMismatch`.
 *
 * Rules: zero bytes → PORM_MEDIA_EMPTY. A file is what its leading signature says; if it
 * ALSO carries a complete ZIP archive or a PDF header it is a polyglot and refused
 * (see findPolyglot). SVG → PORM_MEDIA_SVG_REFUSED; anything else → PORM_MEDIA_UNSUPPORTED_TYPE.
 */
export async function sniff(bytes: Uint8Array, declaredType?: string): Promise<Sniffed> {
  if (bytes.length === 0) throw new MediaError('PORM_MEDIA_EMPTY');
  const found = await fileTypeFromBuffer(bytes);
  let result: { mime: string; kind: MediaKind };
  // file-type knows a few text formats (vCard, iCalendar) by their first bytes only; text gets
  // porm's own fuller checks (UTF-8 validity, END: line) whatever file-type says.
  if (found && !found.mime.startsWith('text/')) {
    const known = BINARY[found.mime];
    if (!known) {
      if (found.mime === 'application/xml' && /<svg[\s>]/i.test(headText(bytes))) {
        throw new MediaError('PORM_MEDIA_SVG_REFUSED', 'the content is SVG (XML)');
      }
      throw new MediaError('PORM_MEDIA_UNSUPPORTED_TYPE', `the content is ${found.mime}, which porm does not send`);
    }
    result = { mime: known[0], kind: known[1] };
  } else if (isTiffStart(bytes)) {
    // file-type follows TIFF's directory pointer to tell TIFF from camera raw formats; a TIFF cut
    // before its directory is still a (broken) TIFF, for the decoder to call truncated.
    result = { mime: 'image/tiff', kind: 'image' };
  } else {
    result = sniffText(bytes);
  }
  const polyglot = findPolyglot(bytes, result.mime);
  if (polyglot) throw new MediaError('PORM_MEDIA_POLYGLOT', `the content starts as ${result.mime} but also ${polyglot}`);
  const mismatch = declaredMismatch(declaredType, result.mime);
  return mismatch ? { ...result, declaredMismatch: mismatch } : result;
}

function isTiffStart(b: Uint8Array): boolean {
  return b.length >= 8 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a));
}

function headText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
}

function declaredMismatch(declared: string | undefined, actual: string): string | undefined {
  if (!declared) return undefined;
  const base = declared.split(';')[0]!.trim().toLowerCase();
  // "I don't know" declarations are not lies.
  if (base === '' || base === 'application/octet-stream' || base === 'binary/octet-stream') return undefined;
  const canonical = ALIASES[base] ?? base;
  if (canonical === actual) return undefined;
  // HEIF is the container, HEIC its HEVC flavour: either name fits either.
  if (canonical.startsWith('image/hei') && actual.startsWith('image/hei')) return undefined;
  return `declared ${base}, content is ${actual}`;
}

// Text types have no magic number. Accept only valid UTF-8 without control characters other
// than tab, CR, LF and form feed; then tell vCard and iCalendar apart by their BEGIN: line.
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

function sniffText(bytes: Uint8Array): { mime: string; kind: MediaKind } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new MediaError('PORM_MEDIA_UNSUPPORTED_TYPE', 'the content is neither a known binary type nor UTF-8 text');
  }
  if (hasControl(text)) throw new MediaError('PORM_MEDIA_UNSUPPORTED_TYPE', 'the content is binary (control characters), of no known type');
  const start = text.trimStart();
  if (start.startsWith('<')) {
    // Markup, not a message. SVG gets its own code because users send it thinking it is an image.
    if (/<svg[\s>]/i.test(start.slice(0, 4096))) throw new MediaError('PORM_MEDIA_SVG_REFUSED', 'the content is SVG');
    if (/^<(\?xml|!doctype|html|script)\b/i.test(start)) throw new MediaError('PORM_MEDIA_UNSUPPORTED_TYPE', 'the content is XML or HTML markup');
  }
  const first = start.slice(0, 32).toUpperCase();
  if (first.startsWith('BEGIN:VCARD')) return structured(text, 'VCARD', 'text/vcard');
  if (first.startsWith('BEGIN:VCALENDAR')) return structured(text, 'VCALENDAR', 'text/calendar');
  return { mime: 'text/plain', kind: 'text' };
}

// A BEGIN: without its END: is a cut-off file, not a text message that happens to start so.
function structured(text: string, block: string, mime: string): { mime: string; kind: MediaKind } {
  if (!new RegExp(`^END:${block}\\s*$`, 'im').test(text)) throw new MediaError('PORM_MEDIA_TRUNCATED', `BEGIN:${block} without END:${block}`);
  return { mime, kind: 'document' };
}

/**
 * The polyglot rule: a file is what its leading signature says, and must not ALSO be something
 * else a receiving tool would open instead. Checked: a complete ZIP archive (an end-of-central-
 * directory record whose comment length reaches exactly the end of the file and whose directory
 * lies before it: how unzip finds archives, so a JPEG+ZIP opens as either) and a PDF header in the
 * first KiB (PDF readers accept one there). Strict structure checks keep false positives on random
 * compressed data negligible. Real ZIP-based formats are refused earlier as unsupported types.
 */
function findPolyglot(bytes: Uint8Array, mime: string): string | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const from = Math.max(0, view.length - 22 - 0xffff);
  for (let at = view.length - 22; at >= from; at--) {
    if (view[at] !== 0x50 || view.readUInt32LE(at) !== 0x06054b50) continue;
    const commentLength = view.readUInt16LE(at + 20);
    const dirSize = view.readUInt32LE(at + 12);
    const dirOffset = view.readUInt32LE(at + 16);
    if (at + 22 + commentLength === view.length && dirOffset + dirSize <= at) return 'contains a ZIP archive';
  }
  if (mime !== 'application/pdf' && view.subarray(0, 1024).includes('%PDF-')) return 'contains a PDF header';
  return undefined;
}
