// Finds the web links in a message body, as a reader's phone would make them tappable: http(s)
// URLs up to the next whitespace, minus the punctuation that ends the sentence around them.

export interface UrlSpan {
  /** Offset of the first character of the URL in the text (UTF-16 units). */
  start: number;
  /** Offset just past its last character. */
  end: number;
  url: string;
}

const CANDIDATE = /\bhttps?:\/\/[^\s<>"]+/giu;
/** Characters that end a sentence rather than a URL when they come last ("see https://x.com/a."). */
const TRAILING = new Set(['.', ',', '!', '?', ';', ':', '\'', '"', '’', '”', '»', '…']);
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n += 1;
  return n;
}

/** Trims what follows a URL but belongs to the sentence; a closing bracket stays when the URL opened it. */
function trimEnd(url: string): string {
  let out = url;
  for (;;) {
    const last = out.at(-1);
    if (last === undefined) return out;
    const opener = CLOSERS[last];
    if (TRAILING.has(last)) out = out.slice(0, -1);
    else if (opener !== undefined && count(out, last) > count(out, opener)) out = out.slice(0, -1);
    else return out;
  }
}

/** The http and https URLs of `text`, in order; each is a valid absolute URL with a host. */
export function findUrls(text: string): UrlSpan[] {
  const spans: UrlSpan[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const url = trimEnd(match[0]);
    if (!URL.canParse(url)) continue;
    const parsed = new URL(url);
    // "https://" followed by nothing usable, or "http://.": not a link anyone can open.
    if (parsed.hostname === '' || !/[\p{L}\p{N}]/u.test(parsed.hostname)) continue;
    spans.push({ start: match.index, end: match.index + url.length, url });
  }
  return spans;
}
