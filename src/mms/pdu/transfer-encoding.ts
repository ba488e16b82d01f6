// Some MMSCs put a MIME Content-Transfer-Encoding inside WSP part headers (sailfishos
// mms-engine's Base64 / QuotedPrintable retrieve cases). WSP parts are binary, so the decoder
// undoes the encoding and the part comes out as plain octets.

export function decodeTransferEncoding(encoding: string, data: Uint8Array): Uint8Array | undefined {
  if (encoding === 'base64') return Buffer.from(Buffer.from(data).toString('latin1'), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(data);
  return undefined;
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/** RFC 2045 §6.7: `=XX` escapes and `=` soft line breaks; anything else passes through. */
export function decodeQuotedPrintable(data: Uint8Array): Uint8Array {
  const out = Buffer.allocUnsafe(data.length);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b !== 0x3d) {
      out[n++] = b;
      continue;
    }
    const hi = hexValue(data[i + 1]);
    const lo = hexValue(data[i + 2]);
    if (hi >= 0 && lo >= 0) {
      out[n++] = hi * 16 + lo;
      i += 2;
    } else if (data[i + 1] === 0x0d && data[i + 2] === 0x0a) {
      i += 2;
    } else if (data[i + 1] === 0x0a) {
      i += 1;
    } else {
      out[n++] = b;
    }
  }
  return out.subarray(0, n);
}
