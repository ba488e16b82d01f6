// Shapes shared by the outbound client's files. Policy comes from config; hooks are test and
// deployment seams (a fake resolver, a narrower address rule, a private CA), never required.

export interface OutboundPolicy {
  /** true only for dev/tests or deployments whose webhooks live on the LAN: disables the address check. */
  allowPrivateNetworks: boolean;
  /** Redirects followed before PORM_OUTBOUND_TOO_MANY_REDIRECTS; 0 means any redirect fails. */
  maxRedirects: number;
  /** One budget for the whole call: DNS, connect, TLS, headers and body, across all redirects. */
  timeoutMs: number;
  /** Bytes of response body read before PORM_OUTBOUND_TOO_LARGE; counted on the wire, while streaming. */
  maxResponseBytes: number;
  userAgent: string;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Returns every address of a host name. The default uses the OS resolver (dns.lookup). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundHooks {
  resolve?: Resolver;
  /** Replaces the public-only rule when allowPrivateNetworks is false (tests allow 127.0.0.2 this way). */
  isAddressAllowed?: (address: string) => boolean;
  /** Trust anchors for https; like tls `ca`, this replaces Node's bundled roots (tests, private CAs). */
  ca?: string | Buffer | Array<string | Buffer>;
}

export type OutboundMethod = 'GET' | 'POST' | 'HEAD';

export interface OutboundRequest {
  url: string;
  method: OutboundMethod;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Default true: follow up to policy.maxRedirects. false: return the 3xx response as it is. */
  followRedirects?: boolean;
}

export interface OutboundTimings {
  /** Name resolution of the final hop (0 for an IP-literal host). */
  dnsMs: number;
  /** TCP connect of the final hop, from the start of the hop. */
  connectMs: number;
  /** TLS handshake of the final hop (0 for http). */
  tlsMs: number;
  /** From the start of the final hop to its response headers. */
  firstByteMs: number;
  /** The whole call, all hops included. */
  totalMs: number;
  /** Redirects followed. */
  redirects: number;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  finalUrl: string;
  /** The IP the final hop's socket was connected to: the address that passed the policy check. */
  remoteAddress: string;
  timings: OutboundTimings;
}
