import { findUrls } from './find-urls.ts';
import { withUtm, type Utm } from './utm.ts';

// Rewrites the links of one message's body into that message's own short links, so a click says
// which message (and so which recipient) it came from. Pure: tokens come from the caller.

/** At most this many distinct links per message are shortened; the rest are left as written. */
export const MAX_LINKS_PER_MESSAGE = 10;

export interface ShortLink {
  token: string;
  /** Where the short link redirects: the written URL with the configured UTM parameters. */
  target: string;
  /** The URL as the sender wrote it. */
  original: string;
  /** Its order among the message's links, from 0. */
  position: number;
}

export interface ShortenedBody {
  body: string;
  links: ShortLink[];
}

/** The short link for `token` under `baseUrl` (no trailing slash needed). */
export function shortUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/l/${token}`;
}

/**
 * `body` with each distinct http(s) URL replaced by `<baseUrl>/l/<token>`. A URL written twice
 * gets one token; links already on the short domain are left alone.
 */
export function shortenBody(body: string, baseUrl: string, utm: Utm, nextToken: () => string): ShortenedBody {
  const base = baseUrl.replace(/\/+$/, '');
  const byUrl = new Map<string, ShortLink>();
  let out = '';
  let at = 0;
  for (const span of findUrls(body)) {
    if (span.url.startsWith(`${base}/`)) continue;
    let link = byUrl.get(span.url);
    if (!link) {
      if (byUrl.size >= MAX_LINKS_PER_MESSAGE) continue;
      link = { token: nextToken(), target: withUtm(span.url, utm), original: span.url, position: byUrl.size };
      byUrl.set(span.url, link);
    }
    out += body.slice(at, span.start) + shortUrl(base, link.token);
    at = span.end;
  }
  return { body: out + body.slice(at), links: [...byUrl.values()] };
}
