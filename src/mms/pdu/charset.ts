// IANA MIBenum <-> charset name (WSP Well-known-charset), and text decoding for header
// strings. Part data is never transcoded: parts keep their octets and their charset label.

import { TextDecoder } from 'node:util';

const CHARSETS: readonly (readonly [number, string])[] = [
  [0, '*'],
  [3, 'us-ascii'],
  [4, 'iso-8859-1'],
  [5, 'iso-8859-2'],
  [6, 'iso-8859-3'],
  [7, 'iso-8859-4'],
  [8, 'iso-8859-5'],
  [9, 'iso-8859-6'],
  [10, 'iso-8859-7'],
  [11, 'iso-8859-8'],
  [12, 'iso-8859-9'],
  [13, 'iso-8859-10'],
  [17, 'shift_jis'],
  [18, 'euc-jp'],
  [36, 'ks_c_5601-1987'],
  [37, 'iso-2022-kr'],
  [38, 'euc-kr'],
  [39, 'iso-2022-jp'],
  [106, 'utf-8'],
  [109, 'iso-8859-13'],
  [111, 'iso-8859-15'],
  [113, 'gbk'],
  [114, 'gb18030'],
  [1000, 'iso-10646-ucs-2'],
  [1013, 'utf-16be'],
  [1014, 'utf-16le'],
  [1015, 'utf-16'],
  [2025, 'gb2312'],
  [2026, 'big5'],
  [2084, 'koi8-r'],
  [2252, 'windows-1252'],
];

const NAME_BY_MIB = new Map<number, string>(CHARSETS);
const MIB_BY_NAME = new Map<string, number>(CHARSETS.map(([mib, name]) => [name, mib]));

/** Charset name for a MIBenum; unlisted MIBenums become `mib-N` so they survive a round trip. */
export function charsetName(mib: number): { name: string; known: boolean } {
  const name = NAME_BY_MIB.get(mib);
  return name === undefined ? { name: `mib-${mib}`, known: false } : { name, known: true };
}

/** MIBenum for a charset name (case-insensitive), or undefined when porm has no number for it. */
export function charsetMib(name: string): number | undefined {
  const lower = name.toLowerCase();
  const known = MIB_BY_NAME.get(lower);
  if (known !== undefined) return known;
  const m = /^mib-(\d{1,9})$/.exec(lower);
  return m ? Number(m[1]) : undefined;
}

const decoders = new Map<string, TextDecoder | null>();

function decoderFor(label: string, fatal: boolean): TextDecoder | null {
  const key = `${label}|${fatal ? 'f' : 'r'}`;
  let d = decoders.get(key);
  if (d === undefined) {
    try {
      d = new TextDecoder(label, { fatal });
    } catch {
      d = null; // this Node build has no decoder for the label
    }
    decoders.set(key, d);
  }
  return d;
}

/** TextDecoder label for a MIBenum. UCS-2 and BOM-less UTF-16 are big-endian (RFC 2781). */
function labelFor(mib: number, bytes: Uint8Array): string | undefined {
  if (mib === 1000 || mib === 1015) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
    return 'utf-16be';
  }
  if (mib === 3) return 'windows-1252'; // us-ascii that carries 8-bit octets is Latin-1 in practice (m.mms)
  return NAME_BY_MIB.get(mib);
}

export interface DecodedText {
  text: string;
  /** False when the octets were not valid in the charset (replacement characters inserted) or the charset is unknown. */
  ok: boolean;
}

/**
 * Decodes header text. A leading BOM is dropped (TextDecoder's default), as handsets add one
 * to subjects (con-211) without meaning it as content.
 */
export function decodeText(bytes: Uint8Array, mib: number): DecodedText {
  if (mib === UTF8_MIB) return decodeUtf8(bytes);
  const label = labelFor(mib, bytes);
  const strict = label === undefined ? null : decoderFor(label, true);
  const loose = label === undefined ? null : decoderFor(label, false);
  if (strict && loose) {
    try {
      return { text: strict.decode(bytes), ok: true };
    } catch {
      return { text: loose.decode(bytes), ok: false };
    }
  }
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), ok: false };
}

/** True when every code unit is 7-bit ASCII. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const UTF8_MIB = 106;
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Run = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * UTF-8 that keeps what it cannot read: each octet that is not part of a valid UTF-8 sequence
 * becomes the lone surrogate U+DC00 + octet (U+DC80-U+DCFF, as Python's `surrogateescape`), so
 * the valid text stays readable and the encoder (relay mode) writes the very same octets back.
 * `readableText` turns those into the Latin-1 characters a legacy handset most likely meant.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: utf8Strict.decode(bytes), ok: true };
  } catch {
    // fall through: some octets are not UTF-8
  }
  // A leading BOM is dropped, as the strict decoder does.
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let run = i;
  let text = '';
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    text += utf8Run.decode(bytes.subarray(run, i)) + String.fromCharCode(0xdc00 + bytes[i]!);
    i++;
    run = i;
  }
  return { text: text + utf8Run.decode(bytes.subarray(run)), ok: false };
}

/** Length of the valid UTF-8 sequence at `i` (RFC 3629 table 3.7), or 0. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Decoded header text for display: the octets decodeUtf8 could not read (U+DC80-U+DCFF) as the
 * Latin-1 characters they are in the legacy handsets that send Latin-1 without a charset.
 */
export function readableText(s: string): string {
  return s.replace(/[\uDC80-\uDCFF]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xdc00));
}
