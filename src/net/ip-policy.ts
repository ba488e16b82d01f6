import ipaddr from 'ipaddr.js';

// Which IP addresses porm may connect to when private networks are not allowed.
// This is an allowlist: only globally routable unicast passes. Anything ipaddr.js does not call
// 'unicast' (loopback, private, link-local incl. 169.254.169.254, CGNAT, 0/8, multicast, broadcast,
// reserved, documentation, benchmarking...) is refused, so a range we forgot fails closed.

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

const IPV6_GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');
// ::a.b.c.d "IPv4-compatible" addresses are deprecated (RFC 4291) but some stacks still route them.
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');
// RFC 6052 well-known NAT64 prefix: the last 32 bits are the IPv4 target.
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

function embeddedIPv4(parts: readonly number[], high: number): ipaddr.IPv4 {
  const hi = parts[high] ?? 0;
  const lo = parts[high + 1] ?? 0;
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

function classifyIPv4(addr: ipaddr.IPv4, prefix = ''): AddressVerdict {
  const range = addr.range();
  return range === 'unicast' ? { allowed: true } : { allowed: false, reason: `${prefix}${range}` };
}

function classifyIPv6(addr: ipaddr.IPv6): AddressVerdict {
  // A zone id (fe80::1%eth0) only means something on-link; nothing public carries one.
  if (addr.zoneId !== undefined) return { allowed: false, reason: 'scoped' };
  const range = addr.range();
  // IPv6 forms that smuggle an IPv4 address are judged by the IPv4 address inside them,
  // so ::ffff:127.0.0.1 or 64:ff9b::a00:1 cannot reach what 127.0.0.1 or 10.0.0.1 cannot.
  if (range === 'ipv4Mapped') return classifyIPv4(addr.toIPv4Address(), 'ipv4-mapped ');
  if (range === 'rfc6145') return classifyIPv4(embeddedIPv4(addr.parts, 6), 'ipv4-translated ');
  if (addr.match(NAT64_WELL_KNOWN)) return classifyIPv4(embeddedIPv4(addr.parts, 6), 'nat64 ');
  if (range === '6to4') return classifyIPv4(embeddedIPv4(addr.parts, 1), '6to4 ');
  if (range === 'loopback' || range === 'unspecified') return { allowed: false, reason: range };
  if (addr.match(IPV4_COMPATIBLE)) return { allowed: false, reason: 'ipv4-compatible' };
  // Teredo and every other special range (NAT64 local-use, ULA, site-local, documentation...)
  // are refused outright; so is anything outside 2000::/3, the only space assigned for global unicast.
  if (range !== 'unicast') return { allowed: false, reason: range };
  if (!addr.match(IPV6_GLOBAL_UNICAST)) return { allowed: false, reason: 'unassigned' };
  return { allowed: true };
}

/**
 * ipaddr.js reads any '::a.b.c.d' as IPv4-mapped (::ffff:a.b.c.d), but the kernel connects to the
 * IPv4-compatible ::a.b.c.d, and glibc prints AAAA answers in that form. Rewrite a dotted tail to
 * two hex groups first so what we classify is what the socket will reach.
 */
function dottedTailToHex(address: string): string | null {
  const cut = address.lastIndexOf(':');
  const tail = address.slice(cut + 1);
  if (!tail.includes('.')) return address;
  if (!ipaddr.IPv4.isValidFourPartDecimal(tail)) return null;
  const [a, b, c, d] = ipaddr.IPv4.parse(tail).octets as [number, number, number, number];
  return `${address.slice(0, cut + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/** Parses a canonical IP string (what DNS or WHATWG URL yields); null when it is not one. */
export function parseIp(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  // Strict parsing on purpose: legacy forms such as '0x7f.1' or '2130706433' must never reach here
  // as "addresses"; WHATWG URL already rewrote them to dotted decimal.
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return ipaddr.IPv4.parse(address);
  if (!address.includes(':')) return null;
  const zone = address.indexOf('%');
  const bare = dottedTailToHex(zone === -1 ? address : address.slice(0, zone));
  if (bare === null) return null;
  const full = zone === -1 ? bare : `${bare}${address.slice(zone)}`;
  return ipaddr.IPv6.isValid(full) ? ipaddr.IPv6.parse(full) : null;
}

/** Verdict for one resolved address under the default (public-only) policy. */
export function classifyAddress(address: string): AddressVerdict {
  const ip = parseIp(address);
  if (ip === null) return { allowed: false, reason: 'not an IP address' };
  return ip.kind() === 'ipv4' ? classifyIPv4(ip as ipaddr.IPv4) : classifyIPv6(ip as ipaddr.IPv6);
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address).allowed;
}

/** Same address, same string: lets us compare what we checked with what the socket reached. */
export function sameAddress(a: string, b: string): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  if (x === null || y === null) return false;
  const norm = (ip: ipaddr.IPv4 | ipaddr.IPv6): string =>
    ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()
      ? (ip as ipaddr.IPv6).toIPv4Address().toString()
      : ip.toNormalizedString();
  return norm(x) === norm(y);
}
