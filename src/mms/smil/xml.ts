// XML escaping for SMIL. Attribute values are double-quoted, so `"` must be escaped; `'` is
// escaped too so the output stays safe if someone re-quotes it.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(value: string): string {
  // XML 1.0 cannot carry C0 controls other than tab, LF and CR, even escaped.
  // eslint-disable-next-line no-control-regex -- removing those controls is the point
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** `<name a="1" b="2"/>` with escaped attribute values; undefined attributes are left out. */
export function element(name: string, attrs: Record<string, string | number | undefined>): string {
  const list = Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  return `<${name}${list}/>`;
}
