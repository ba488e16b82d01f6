// XML character references and the five predefined entities, decoded in one pass (so "&amp;#65;"
// stays "&#65;"). TwiML has no DTD, so any other named entity is an error, not a lookup:
// nothing a receiver answers can make porm expand text.

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export type Decoded = { ok: true; text: string } | { ok: false; why: string };

export function decodeXmlText(raw: string): Decoded {
  if (/&(?!(?:[A-Za-z_][A-Za-z0-9._-]*|#x[0-9a-fA-F]+|#[0-9]+);)/.test(raw)) return { ok: false, why: 'a bare "&" (write &amp;)' };
  let bad: string | undefined;
  const text = raw.replace(/&([^;&\s]{1,40});/g, (whole, name: string) => {
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    const code = numeric ? parseInt(numeric[1] ?? numeric[2]!, numeric[1] !== undefined ? 16 : 10) : NaN;
    // XML 1.0 Char: no NUL or other C0 controls but tab/newline/return, no surrogates, at most U+10FFFF.
    const legal = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!legal) {
      bad ??= `${whole.slice(0, 40)} is not a character or entity TwiML may use`;
      return '';
    }
    return String.fromCodePoint(code);
  });
  return bad === undefined ? { ok: true, text } : { ok: false, why: bad };
}
