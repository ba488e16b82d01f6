// A tiny, strict HTML checker for the renderer's tests (no dependency): it accepts exactly the
// shape the renderer promises — lowercase tags, double-quoted attributes, balanced elements, only
// the five escapes in text and attributes — and reports every element and attribute so tests can
// assert what is (and is not) in the markup, not just search the string.

export interface HtmlAttr { readonly tag: string; readonly name: string; readonly value: string | null }
export interface HtmlReport {
  readonly errors: string[];
  readonly tags: string[];
  readonly attrs: HtmlAttr[];
  /** Decoded text content, elements separated by nothing. */
  readonly text: string;
}

const VOID = new Set(['img', 'input', 'hr', 'br', 'track', 'source', 'wbr']);
const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function decode(s: string, at: number, errors: string[]): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '&') { out += s[i]; continue; }
    const end = s.indexOf(';', i);
    const ent = end < 0 ? '' : s.slice(i, end + 1);
    if (!Object.hasOwn(ENTITIES, ent)) { errors.push(`bad entity near ${at + i}`); return out; }
    out += ENTITIES[ent];
    i = end;
  }
  return out;
}

export function checkHtml(html: string): HtmlReport {
  const errors: string[] = [];
  const tags: string[] = [];
  const attrs: HtmlAttr[] = [];
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length && errors.length === 0) {
    const lt = html.indexOf('<', i);
    const chunk = html.slice(i, lt < 0 ? html.length : lt);
    if (chunk.includes('>')) errors.push(`raw > in text near ${i}`);
    text += decode(chunk, i, errors);
    if (lt < 0) break;
    if (html[lt + 1] === '/') {
      const m = /^<\/([a-z][a-z0-9]*)>/.exec(html.slice(lt, lt + 40));
      if (m === null) { errors.push(`bad end tag at ${lt}`); break; }
      const open = stack.pop();
      if (open !== m[1]) errors.push(`</${m[1]}> closes <${open ?? 'nothing'}> at ${lt}`);
      i = lt + m[0].length;
      continue;
    }
    const nm = /^<([a-z][a-z0-9]*)/.exec(html.slice(lt, lt + 40));
    if (nm === null) { errors.push(`raw < at ${lt}`); break; }
    const tag = nm[1]!;
    tags.push(tag);
    let j = lt + nm[0].length;
    let selfClosed = false;
    for (;;) {
      if (html.startsWith('>', j)) { j++; break; }
      if (html.startsWith('/>', j)) { selfClosed = true; j += 2; break; }
      const re = / ([a-z][a-zA-Z0-9-]*)(="([^"<>]*)")?/y;
      re.lastIndex = j;
      const am = re.exec(html);
      if (am === null) { errors.push(`bad attribute in <${tag}> at ${j}`); break; }
      attrs.push({ tag, name: am[1]!, value: am[3] === undefined ? null : decode(am[3], j, errors) });
      j += am[0].length;
    }
    if (selfClosed && tag !== 'path') errors.push(`self-closing <${tag}/>`);
    if (!selfClosed && !VOID.has(tag)) stack.push(tag);
    i = j;
  }
  if (stack.length > 0 && errors.length === 0) errors.push(`unclosed: ${stack.join(' ')}`);
  return { errors, tags, attrs, text };
}

/** Attributes whose value a browser follows or loads. */
export const URL_ATTRS: ReadonlySet<string> = new Set(['href', 'src', 'poster', 'action', 'formaction', 'srcset', 'data-porm-deeplink', 'xlink:href']);

/** The URLs in a URL-bearing attribute (srcset holds several). */
export function urlsOf(a: HtmlAttr): string[] {
  if (a.value === null) return [];
  return a.name === 'srcset' ? a.value.split(', ').map((c) => c.split(' ')[0]!) : [a.value];
}

/** Every element the renderer may emit; anything else in the output is a finding. */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'article', 'section', 'nav', 'div', 'span', 'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'a', 'img', 'figure', 'figcaption',
  'video', 'audio', 'track', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'hr', 'time', 'code', 'button', 'form', 'fieldset', 'legend', 'label', 'input', 'svg', 'path',
]);
const SAFE_SCHEMES = new Set(['https', 'http', 'tel', 'sms', 'mailto', 'geo']);

/**
 * Security findings in rendered HTML: malformed markup, unknown elements, event-handler or style
 * attributes, and URL attributes that are neither under `base` nor of an allowed scheme.
 */
export function safetyProblems(html: string, base: string, appSchemes: readonly string[] = []): string[] {
  const r = checkHtml(html);
  const found = [...r.errors];
  if (/<script|<style|<iframe|<object|<embed/i.test(html)) found.push('script/style/embedding element in output');
  for (const t of r.tags) if (!ALLOWED_TAGS.has(t)) found.push(`element <${t}>`);
  for (const a of r.attrs) {
    if (a.name.startsWith('on')) found.push(`event handler ${a.name} on <${a.tag}>`);
    if (a.name === 'style' || a.name === 'srcdoc') found.push(`${a.name} attribute on <${a.tag}>`);
    if (!URL_ATTRS.has(a.name)) continue;
    for (const u of urlsOf(a)) {
      let compact = '';
      for (const ch of u) if (ch > ' ' && ch !== '\u007f') compact += ch.toLowerCase();
      const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
      const ok = scheme === undefined ? u.startsWith(`${base}/`) && !u.includes('/..') : SAFE_SCHEMES.has(scheme) || appSchemes.includes(scheme);
      if (!ok) found.push(`${a.name}="${u.slice(0, 80)}" on <${a.tag}>`);
    }
  }
  return found;
}
