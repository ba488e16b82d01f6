// Tells a person's tap from a machine's fetch of a short link. Phones and chat apps fetch links to
// draw previews (iMessage announces itself as facebookexternalhit and Twitterbot at once), mail and
// security scanners follow them, and browsers prefetch: those still get the redirect, but they are
// recorded as bot clicks and left out of unique clicks and click-through rates.

const PREVIEW_AGENTS = /bot\b|crawler|spider|preview|facebookexternalhit|facebot|slurp|whatsapp|telegram|discord|skypeuripreview|embedly|quora link|outbrain|pinterest|vkshare|w3c_validator|redditbot|applebot|google-read-aloud|bingpreview|headlesschrome|phantomjs|python-requests|python-urllib|curl\/|wget\/|go-http-client|okhttp|java\/|libwww|httpclient|node-fetch|axios|undici/i;

export interface ClickRequest {
  method: string;
  userAgent: string | undefined;
  /** The Purpose / Sec-Purpose header browsers send with a prefetch. */
  purpose: string | undefined;
}

/** Why a request is a machine's, or null for what looks like a person's tap. */
export function botReason(req: ClickRequest): string | null {
  if (req.method === 'HEAD') return 'head request';
  if (req.purpose !== undefined && /prefetch|prerender/i.test(req.purpose)) return 'prefetch';
  const ua = req.userAgent?.trim() ?? '';
  if (ua === '') return 'no user agent';
  if (PREVIEW_AGENTS.test(ua)) return 'link preview or crawler';
  return null;
}
