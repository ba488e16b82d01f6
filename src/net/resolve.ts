import { lookup } from 'node:dns/promises';
import { classifyAddress, parseIp } from './ip-policy.ts';
import { OutboundError } from './outbound-error.ts';
import type { OutboundHooks, OutboundPolicy, ResolvedAddress, Resolver } from './policy.ts';

export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Rejects with the signal's reason (our timeout error) as soon as it aborts. */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener('abort', onAbort); reject(e as Error); },
    );
  });
}

function checkAddress(address: string, host: string, policy: OutboundPolicy, hooks: OutboundHooks): void {
  if (policy.allowPrivateNetworks) return;
  if (hooks.isAddressAllowed !== undefined) {
    if (!hooks.isAddressAllowed(address)) {
      throw new OutboundError('PORM_URL_BLOCKED', `${host} -> ${address} is not an allowed target`);
    }
    return;
  }
  const verdict = classifyAddress(address);
  if (!verdict.allowed) {
    throw new OutboundError('PORM_URL_BLOCKED', `${host} -> ${address} is ${verdict.reason}; not an allowed target`);
  }
}

/**
 * Picks the one address this hop will connect to, after checking it. The caller must connect to
 * exactly this address (never re-resolve), which is what defeats DNS rebinding.
 * If any resolved address is refused the whole host is refused: a name that mixes public and
 * private answers is a probe, and refusing it keeps the outcome independent of answer order.
 */
export async function resolveTarget(
  host: string,
  policy: OutboundPolicy,
  hooks: OutboundHooks,
  signal: AbortSignal,
): Promise<ResolvedAddress> {
  const literal = parseIp(host);
  if (literal !== null) {
    // IP-literal hosts never reach a lookup function, so they are checked here directly.
    checkAddress(host, host, policy, hooks);
    return { address: host, family: literal.kind() === 'ipv6' ? 6 : 4 };
  }
  let answers: ResolvedAddress[];
  try {
    answers = await raceAbort((hooks.resolve ?? systemResolver)(host), signal);
  } catch (cause) {
    if (cause instanceof OutboundError) throw cause;
    throw new OutboundError('PORM_OUTBOUND_CONNECTION_FAILED', `could not resolve ${host}`, { cause });
  }
  if (answers.length === 0) {
    throw new OutboundError('PORM_OUTBOUND_CONNECTION_FAILED', `${host} has no addresses`);
  }
  const checked: ResolvedAddress[] = [];
  for (const answer of answers) {
    // A resolver answering something that is not an IP (a name, a legacy numeric form) is refused.
    const ip = parseIp(answer.address);
    if (ip === null) throw new OutboundError('PORM_URL_BLOCKED', `${host} resolved to a non-IP answer`);
    checkAddress(answer.address, host, policy, hooks);
    checked.push({ address: answer.address, family: ip.kind() === 'ipv6' ? 6 : 4 });
  }
  return checked[0]!;
}
