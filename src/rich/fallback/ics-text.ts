// RFC 5545 content-line encoding. Every value comes from recipient data, so escaping is what
// stops a title like "x\r\nEND:VEVENT\r\nBEGIN:VEVENT" from adding events of its own.

/** Control characters other than TAB and line breaks (RFC 5545 §3.3.11 allows neither raw), and DEL/C1. */
// eslint-disable-next-line no-control-regex -- dropping control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** The value as a TEXT property value: controls dropped, `\ ; ,` escaped, every line break as `\n`. */
export function escapeText(value: string): string {
  return value
    .toWellFormed()
    .replace(/\r\n|[\r\u2028\u2029]/g, '\n')
    .replace(CONTROLS, '')
    .replace(/[\\;,]/g, (ch) => `\\${ch}`)
    .replace(/\n/g, '\\n');
}

/** A URI value (not escaped, RFC 5545 §3.3.13): an absolute http(s) URL, or null when it is anything else. */
export function uriValue(value: string): string | null {
  // eslint-disable-next-line no-control-regex -- a URI value holds no controls or spaces
  const cleaned = value.replace(/[\u0000-\u0020\u007F-\u009F]/g, '');
  if (!URL.canParse(cleaned)) return null;
  const url = new URL(cleaned);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line at 75 octets (§3.1): continuation lines start with one space, which
 * counts toward their 75. Cuts fall between whole UTF-8 characters, and never inside a `\x`
 * escape, because some clients unescape before they unfold.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const unit of line.match(/\\.|[\s\S]/gu) ?? []) {
    let size = 0;
    for (const ch of unit) size += utf8Length(ch.codePointAt(0)!);
    if (octets + size > 75) {
      out.push(current);
      current = ` ${unit}`;
      octets = 1 + size;
    } else {
      current += unit;
      octets += size;
    }
  }
  out.push(current);
  return out.join('\r\n');
}
