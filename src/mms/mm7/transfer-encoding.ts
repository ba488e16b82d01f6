// Content-Transfer-Encoding: decoding base64 and quoted-printable (lenient: whitespace, missing
// padding and stray characters are skipped as mail software does), encoding base64 in 76-column
// lines for the builder.

export type TransferEncoding = 'binary' | 'base64';

export function decodeBase64(data: Buffer): Buffer {
  // Buffer's decoder skips whitespace and characters outside the alphabet and tolerates missing
  // padding: exactly the leniency real MMSC bodies need, with linear cost.
  return Buffer.from(data.toString('latin1'), 'base64');
}

const LINE = 76;

/** Base64 with CRLF after every 76 characters (RFC 2045), no trailing line break. */
export function encodeBase64Lines(data: Buffer): Buffer {
  // Encode once natively, then copy 76-byte slices: far cheaper than slicing strings per line.
  const b64 = Buffer.from(data.toString('base64'), 'latin1');
  const lines = Math.ceil(b64.length / LINE);
  const out = Buffer.allocUnsafe(b64.length + Math.max(0, lines - 1) * 2);
  let o = 0;
  for (let i = 0; i < b64.length; i += LINE) {
    if (i > 0) {
      out[o++] = 13;
      out[o++] = 10;
    }
    o += b64.copy(out, o, i, Math.min(b64.length, i + LINE));
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Quoted-printable: `=XX` bytes and soft line breaks; malformed `=` sequences stay literal. */
export function decodeQuotedPrintable(data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(data.length);
  let o = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c !== 61 /* = */) {
      out[o++] = c;
      continue;
    }
    const a = data[i + 1];
    if (a === 13 && data[i + 2] === 10) {
      i += 2;
      continue;
    }
    if (a === 10) {
      i += 1;
      continue;
    }
    const hi = a === undefined ? -1 : hexValue(a);
    const lo = data[i + 2] === undefined ? -1 : hexValue(data[i + 2]!);
    if (hi >= 0 && lo >= 0) {
      out[o++] = hi * 16 + lo;
      i += 2;
    } else {
      out[o++] = c;
    }
  }
  return out.subarray(0, o);
}
