import { performance } from 'node:perf_hooks';
import { OutboundError } from './outbound-error.ts';
import type { OutboundHooks, OutboundPolicy, OutboundRequest, OutboundResponse } from './policy.ts';
import { isRedirect, nextHop, type Hop } from './redirects.ts';
import { resolveTarget } from './resolve.ts';
import { sendHop } from './send-hop.ts';
import { hostOf, validateOutboundUrl } from './validate-url.ts';

/**
 * porm's only way to make an HTTP request to a URL a user gave us (webhooks, media URLs).
 * Every hop: validate the URL, resolve the host, check every address against the policy, connect
 * to exactly the checked address. One deadline covers the whole call; the body is capped while
 * streaming. Every outcome about the target is an OutboundError (`err.permanent` tells the queue
 * whether to retry); only a caller's own mistake, such as a header value with CR/LF, is a TypeError.
 */
export async function safeRequest(
  req: OutboundRequest,
  policy: OutboundPolicy,
  hooks: OutboundHooks = {},
): Promise<OutboundResponse> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new OutboundError('PORM_OUTBOUND_TIMEOUT', `no complete answer within ${policy.timeoutMs} ms`));
  }, policy.timeoutMs);
  try {
    return await follow(req, policy, hooks, controller.signal, started);
  } finally {
    clearTimeout(timer);
  }
}

async function follow(
  req: OutboundRequest,
  policy: OutboundPolicy,
  hooks: OutboundHooks,
  signal: AbortSignal,
  started: number,
): Promise<OutboundResponse> {
  const followRedirects = req.followRedirects ?? true;
  let hop: Hop = {
    url: validateOutboundUrl(req.url),
    method: req.method,
    headers: { ...req.headers },
    body: typeof req.body === 'string' ? Buffer.from(req.body) : req.body,
  };
  for (let redirects = 0; ; redirects++) {
    const dnsStart = performance.now();
    const target = await resolveTarget(hostOf(hop.url), policy, hooks, signal);
    const dnsMs = Math.round(performance.now() - dnsStart);
    const res = await sendHop(hop, target, policy, hooks, signal, followRedirects);
    if (followRedirects && isRedirect(res.status, res.location)) {
      if (redirects >= policy.maxRedirects) {
        throw new OutboundError('PORM_OUTBOUND_TOO_MANY_REDIRECTS', `more than ${policy.maxRedirects} redirects`);
      }
      hop = nextHop(hop, res.status, res.location);
      continue;
    }
    return {
      status: res.status,
      headers: res.headers,
      body: res.body,
      finalUrl: hop.url.href,
      remoteAddress: res.remoteAddress,
      timings: {
        dnsMs,
        connectMs: res.connectMs,
        tlsMs: res.tlsMs,
        firstByteMs: res.firstByteMs,
        totalMs: Math.round(performance.now() - started),
        redirects,
      },
    };
  }
}
