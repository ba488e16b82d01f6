// Output encoding for the HTML renderer. Every piece of message text and every attribute value
// passes through `esc`; attributes are always double-quoted, so escaping the five characters below
// is enough to make injection impossible. Written as a single scan (no regex) because it runs for
// every string of every render.

export function esc(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    let rep: string;
    switch (s.charCodeAt(i)) {
      case 38: rep = '&amp;'; break;
      case 60: rep = '&lt;'; break;
      case 62: rep = '&gt;'; break;
      case 34: rep = '&quot;'; break;
      case 39: rep = '&#39;'; break;
      default: continue;
    }
    if (i > last) out += s.slice(last, i);
    out += rep;
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** ` name="value"`, escaped. */
export function attr(name: string, value: string): string {
  return ` ${name}="${esc(value)}"`;
}

// Lone surrogates make encodeURIComponent throw; a render must never throw on message text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** encodeURIComponent that never throws, and also encodes `'` so results are safe anywhere. */
export function encodeComponent(s: string): string {
  let e: string;
  try {
    e = encodeURIComponent(s);
  } catch {
    e = encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD'));
  }
  return e.includes("'") ? e.replaceAll("'", '%27') : e;
}

/**
 * Turns author ids and field names into something usable inside id/for/form attributes. Characters
 * outside [A-Za-z0-9_-] become `.hex.`; since `.` itself is encoded, distinct inputs stay distinct.
 */
export function idPart(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const plain = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
    out += plain ? s[i] : `.${c.toString(16)}.`;
  }
  return out;
}
