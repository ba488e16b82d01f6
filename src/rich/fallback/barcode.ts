import { toBuffer, toSVG, type RenderOptions } from 'bwip-js';
import { PormError } from '../../errors.ts';

// Ticket and boarding-pass codes, drawn by bwip-js (pure JavaScript, no native code): SVG for the
// hosted page, PNG for an MMS slide. The symbol alone is drawn, without human-readable text, so
// the value never reaches the markup and a hostile value cannot inject into the SVG.

export type BarcodeFormat = 'qr' | 'aztec' | 'pdf417' | 'code128';

const BCID: Record<BarcodeFormat, string> = { qr: 'qrcode', aztec: 'azteccode', pdf417: 'pdf417', code128: 'code128' };

/**
 * Cheap upper bounds checked before bwip-js sees the value (its most compact mode: digits), so a
 * megabyte of recipient data is refused at once; the exact, content-dependent limit is bwip-js's.
 */
const MAX_CHARS: Record<BarcodeFormat, number> = { qr: 7089, aztec: 3832, pdf417: 2710, code128: 500 };

function invalid(format: BarcodeFormat, why: string): PormError {
  return new PormError('PORM_RICH_DATA_INVALID', `the ${format} code cannot hold this value: ${why}`);
}

function check(format: BarcodeFormat, value: string): void {
  if (value === '') throw invalid(format, 'it is empty');
  if (!value.isWellFormed()) throw invalid(format, 'it holds a lone UTF-16 surrogate');
  if (value.length > MAX_CHARS[format]) throw invalid(format, `it is longer than ${MAX_CHARS[format]} characters`);
  // bwip-js would encode other characters as UTF-8 bytes through FNC4, which scanners read as
  // Latin-1 mojibake; printable ASCII is what code 128 tickets carry.
  if (format === 'code128' && !/^[\x20-\x7E]+$/.test(value)) throw invalid(format, 'code 128 takes printable ASCII characters only');
}

function options(format: BarcodeFormat, value: string): RenderOptions {
  check(format, value);
  return {
    bcid: BCID[format],
    text: value,
    includetext: false,
    // `^NNN` stays literal text: recipient data must not reach bwip-js's escape parser.
    parse: false,
    parsefnc: false,
    // Opaque white behind black bars and a quiet zone (≥ 4 modules for 2-D codes, ≥ 10 for
    // code 128): scanners and dark-mode viewers need both, transparent PNGs read as all black.
    barcolor: '000000',
    backgroundcolor: 'FFFFFF',
    paddingwidth: 10,
    paddingheight: 10,
  };
}

/** bwip-js reports a value its symbology cannot hold as `bwipp.<reason>#<n>: <message>`. */
function translate(format: BarcodeFormat, err: unknown): unknown {
  if (err instanceof Error && /^bwip(p\.|-js:)/.test(err.message)) return invalid(format, err.message.replace(/^[^:]*:\s*/, ''));
  return err;
}

const ALLOWED_TAGS = new Set(['svg', 'rect', 'path', 'g']);
const ALLOWED_ATTRIBUTES = new Set(['viewBox', 'xmlns', 'width', 'height', 'fill', 'fill-rule', 'stroke', 'stroke-width', 'd', 'x', 'y', 'transform']);

/**
 * The SVG is served as image/svg+xml from porm's own origin, so it is checked rather than
 * trusted: only drawing elements and attributes, nothing scriptable, nothing that links out.
 */
function assertInert(svg: string): string {
  for (const tag of svg.matchAll(/<\/?([A-Za-z][\w:-]*)([^>]*)>/g)) {
    const [, name, attrs] = tag;
    if (!ALLOWED_TAGS.has(name!)) throw new Error(`bwip-js produced an unexpected <${name}> element`);
    for (const attr of (attrs ?? '').matchAll(/([\w:-]+)\s*=/g)) {
      if (!ALLOWED_ATTRIBUTES.has(attr[1]!)) throw new Error(`bwip-js produced an unexpected ${attr[1]} attribute`);
    }
  }
  return svg;
}

/** The code as a standalone SVG document (white background, quiet zone, no text). */
export function barcodeSvg(format: BarcodeFormat, value: string): string {
  const opts = options(format, value);
  let svg: string;
  try {
    svg = toSVG(opts);
  } catch (err) {
    throw translate(format, err);
  }
  return assertInert(svg);
}

/** The code as a PNG for an MMS slide; `scale` multiplies bwip-js's base size (whole numbers 1–10, default 3). */
export async function barcodePng(format: BarcodeFormat, value: string, opts: { scale?: number } = {}): Promise<Buffer> {
  const wanted = opts.scale ?? 3;
  const scale = Number.isFinite(wanted) ? Math.min(10, Math.max(1, Math.round(wanted))) : 3;
  const render = options(format, value);
  try {
    return await toBuffer({ ...render, scale });
  } catch (err) {
    throw translate(format, err);
  }
}
