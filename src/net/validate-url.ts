import { OutboundError } from './outbound-error.ts';

const ALLOWED_SCHEMES = new Set(['http:', 'https:']);

/**
 * Syntax and scheme check for an outbound URL; no DNS, no address policy (safeRequest does that).
 * WHATWG URL parsing rewrites numeric host tricks (2130706433, 0177.0.0.1, 0x7f.1, 127.1) to dotted
 * decimal and IPv6 to its compressed form, so the address check later sees the real target.
 */
export function validateOutboundUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new OutboundError('PORM_URL_INVALID', 'URL could not be parsed', { cause });
  }
  if (!ALLOWED_SCHEMES.has(parsed.protocol)) {
    // Existing registry wording: a non-http(s) scheme is a blocked target, not a typo.
    throw new OutboundError('PORM_URL_BLOCKED', `scheme ${parsed.protocol} is not allowed; use http or https`);
  }
  // Credentials in URLs leak into logs and invite "https://trusted@evil" confusion.
  if (parsed.username !== '' || parsed.password !== '') {
    throw new OutboundError('PORM_URL_INVALID', 'URL must not contain a user name or password');
  }
  if (hostOf(parsed) === '') throw new OutboundError('PORM_URL_INVALID', 'URL has no host');
  return parsed;
}

/** The host as a bare name or IP (IPv6 without brackets, no trailing root dot). */
export function hostOf(url: URL): string {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** The port to connect to, with the scheme default filled in. */
export function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
