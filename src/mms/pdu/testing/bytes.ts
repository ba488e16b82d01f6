// Test helper: writes PDUs the way the specification tables show them, e.g.
// b`8C 80 98 "T1" 00` — hex octets and "quoted" ASCII (no implicit NUL).

export function b(strings: TemplateStringsArray, ...values: (string | number)[]): Buffer {
  const src = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const out: number[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([0-9A-Fa-f]{2})|(\s+)/gy;
  while (re.lastIndex < src.length) {
    const at = re.lastIndex;
    const m = re.exec(src);
    if (m === null) throw new Error(`bad byte template near ${JSON.stringify(src.slice(at, at + 10))}`);
    if (m[1] !== undefined) out.push(...Buffer.from(m[1].replace(/\\(.)/g, '$1'), 'utf8'));
    else if (m[2] !== undefined) out.push(parseInt(m[2], 16));
  }
  return Buffer.from(out);
}

export function toHex(buf: Uint8Array): string {
  return Buffer.from(buf).toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1 ');
}
