// Escaping for the MM7 XML writer. Strict: a string XML 1.0 cannot carry (NUL, most C0 controls,
// lone surrogates, U+FFFE/U+FFFF) is refused instead of silently dropped, because a carrier that
// gets a different subject or address than the one we stored is worse than a clear error.

// eslint-disable-next-line no-control-regex
const INVALID_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"\r\n\t]/g;

const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // CR, LF and TAB in attributes are normalised to spaces by every parser unless written as
  // character references; in text only CR is at risk (CRLF -> LF normalisation).
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** True when every character of `s` may appear in an XML 1.0 document. */
export function isXmlSafe(s: string): boolean {
  return !INVALID_XML_CHAR.test(s);
}

const INVALID_XML_CHARS = new RegExp(INVALID_XML_CHAR.source, 'g');

/**
 * Makes diagnostic text (fault StatusText quoting bad input) safe to carry: characters XML 1.0
 * cannot hold become U+FFFD, and the text is cut to `max` code points without splitting a pair.
 */
export function toXmlSafeText(s: string, max = 300): string {
  const clean = s.replace(INVALID_XML_CHARS, '\uFFFD');
  const points = [...clean];
  return points.length <= max ? clean : `${points.slice(0, max - 1).join('')}…`;
}

/** Escapes element text. Callers check isXmlSafe first (the writer does). */
export function escapeXmlText(s: string): string {
  return s.replace(TEXT_SPECIAL, (c) => ENTITY[c]!);
}

/** Escapes an attribute value for use inside double quotes. */
export function escapeXmlAttr(s: string): string {
  return s.replace(ATTR_SPECIAL, (c) => ENTITY[c]!);
}

const REFERENCE = /&([^;&\s]{1,32});/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Resolves the five predefined entities and character references. The XML parser runs with
 * entity processing off (no DOCTYPE ever reaches it), so this is the only expansion that
 * happens: one pass, output never longer than the input, nothing user-defined. References it
 * cannot resolve stay as written and `unknown` turns true so the caller can warn.
 */
export function unescapeXml(s: string): { value: string; unknown: boolean } {
  if (!s.includes('&')) return { value: s, unknown: false };
  let unknown = false;
  const value = s.replace(REFERENCE, (whole, ref: string) => {
    const char = resolveReference(ref);
    if (char === undefined) unknown = true;
    return char ?? whole;
  });
  return { value, unknown };
}

function resolveReference(ref: string): string | undefined {
  if (ref.charCodeAt(0) !== 35 /* # */) return NAMED[ref];
  const hex = ref.charCodeAt(1) === 120; /* x */
  const digits = ref.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9A-Fa-f]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
  const code = parseInt(digits, hex ? 16 : 10);
  if (code === 0 || code > 0x10ffff) return undefined;
  const char = String.fromCodePoint(code);
  return isXmlSafe(char) ? char : undefined;
}
