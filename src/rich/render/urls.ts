import { DEFAULT_URL_SCHEMES } from '../format/vocabulary.ts';

// URL checks, repeated here although the expander already checked every URL: the renderer is the
// last step before a browser, so it must be safe even when fed a bound message from elsewhere.
// The scheme is read the way a browser reads it: control characters and whitespace ignored,
// case-insensitive (so `java\tscript:` and `JaVaScRiPt:` are both `javascript`).

/** Refused even when configured as an app scheme: these run code or read local data. */
const NEVER = new Set(['javascript', 'vbscript', 'data', 'file', 'blob', 'about', 'filesystem', 'view-source', 'jar', 'livescript', 'mocha']);
const LINK = new Set(DEFAULT_URL_SCHEMES);
/** Longer than any real link; refusing these keeps pathological input out of every attribute. */
export const MAX_URL_LENGTH = 8192;

/** The lowercase scheme; '' for a relative reference; null when the text before ':' is no valid scheme. */
export function schemeOf(url: string): string | null {
  let scheme = '';
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) continue; // browsers drop these (tab/newline anywhere, others at the ends)
    if (c === 58) return validScheme(scheme) ? scheme : null; // ':'
    if (c === 47 || c === 63 || c === 35 || c === 92) return ''; // '/', '?', '#', '\' end a relative path's first segment
    scheme += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : url[i];
  }
  return '';
}

function validScheme(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter = c >= 97 && c <= 122;
    if (i === 0 ? !letter : !(letter || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return false;
  }
  return true;
}

/**
 * Whether `url` may be emitted. Links: https, http, tel, sms, mailto, geo and the configured app
 * schemes. Media: https and http, or a path under `base` (porm's own pages); without `base`, no
 * relative media URL is accepted.
 */
export function isAllowedUrl(url: string, kind: 'link' | 'media', appSchemes?: readonly string[], base?: string): boolean {
  if (url.length === 0 || url.length > MAX_URL_LENGTH) return false;
  const scheme = schemeOf(url);
  if (scheme === null || NEVER.has(scheme)) return false;
  if (scheme === '') return kind === 'media' && base !== undefined && isUnderBase(url, base);
  if (scheme === 'https' || scheme === 'http') return true;
  if (kind === 'media') return false;
  return LINK.has(scheme) || (appSchemes !== undefined && appSchemes.some((s) => s.toLowerCase() === scheme));
}

/** A plain path below base: no dot segments (also percent-encoded ones), backslashes or spaces. */
function isUnderBase(url: string, base: string): boolean {
  if (!base.startsWith('/') || !url.startsWith(`${base}/`)) return false;
  const lower = url.toLowerCase();
  if (lower.includes('/.') || lower.includes('%2e') || lower.includes('\\')) return false;
  for (let i = 0; i < url.length; i++) if (url.charCodeAt(i) <= 0x20 || url.charCodeAt(i) === 0x7f) return false;
  return true;
}

/** base must be a root-relative path ("/m/x") or an http(s) URL, without a trailing slash. */
export function isPormBase(base: string): boolean {
  if (base.length > MAX_URL_LENGTH || base.endsWith('/')) return false;
  for (let i = 0; i < base.length; i++) {
    const c = base.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || c === 34 || c === 39 || c === 60 || c === 62 || c === 92) return false;
  }
  if (base.startsWith('/')) return !base.startsWith('//');
  const scheme = schemeOf(base);
  return (scheme === 'https' || scheme === 'http') && base.slice(scheme.length).startsWith('://');
}

/**
 * A `tel:`/`sms:` number: digits with an optional leading +, and the dialling characters * , ;
 * (# percent-encoded, as RFC 3966 requires). Anything else is dropped; null when no digit remains.
 */
export function dialString(phone: string): string | null {
  let out = '';
  let digits = 0;
  for (let i = 0; i < phone.length; i++) {
    const ch = phone[i]!;
    if (ch >= '0' && ch <= '9') { out += ch; digits++; }
    else if (ch === '+' && out.length === 0) out += ch;
    else if (ch === '*' || ch === ',' || ch === ';') out += ch;
    else if (ch === '#') out += '%23';
  }
  return digits > 0 ? out : null;
}
