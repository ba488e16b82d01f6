// The absolute URL of a message's hosted page. The base is the server's public URL, known once it
// listens (config publicUrl, or the bound address), so callers hold a provider and read it when
// they build a link: no module-level state.

/** Reads the server's public base URL (no trailing slash) at the moment a link is made. */
export type PublicBaseUrl = () => string;

export function pagePath(token: string): string {
  return `/m/${token}`;
}

export function pageUrl(base: string, token: string): string {
  return `${base.replace(/\/$/, '')}${pagePath(token)}`;
}
