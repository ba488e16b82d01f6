import { classifyAddress, parseIp } from './ip-policy.ts';
import { hostOf } from './validate-url.ts';

/**
 * Why a URL's host is a private target on its face, with no DNS: an IP literal outside public
 * unicast (127.0.0.1, 10.x, [::1], 169.254.169.254…) or a localhost name (RFC 6761). Lets an API
 * refuse such a URL when it is given instead of failing every later request to it; names that
 * resolve to private addresses are still refused when porm connects (resolve.ts).
 * undefined: not private on its face (or not a URL; syntax is checked elsewhere).
 */
export function literalPrivateTarget(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = hostOf(parsed).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is this machine (loopback)`;
  if (parseIp(host) === null) return undefined;
  const verdict = classifyAddress(host);
  return verdict.allowed ? undefined : `${host} is a ${verdict.reason} address`;
}
