import { OutboundError } from './outbound-error.ts';
import type { OutboundMethod } from './policy.ts';
import { validateOutboundUrl } from './validate-url.ts';

/** One request on the wire; a redirect produces the next one. */
export interface Hop {
  url: URL;
  method: OutboundMethod;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers that describe the dropped body.
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'content-language', 'transfer-encoding']);
// Credentials meant for one origin must not follow a redirect to another (fetch spec does the same).
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** A 3xx without Location is an ordinary response (fetch spec), so it is not a redirect. */
export function isRedirect(status: number, location: string | undefined): location is string {
  return REDIRECT_STATUSES.has(status) && location !== undefined && location !== '';
}

function without(headers: Record<string, string>, names: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.has(k.toLowerCase())));
}

/**
 * The hop a redirect asks for. The new URL goes through the same syntax/scheme check as the first;
 * its address is checked again by the caller when it resolves the new host.
 * 303 always becomes GET (HEAD stays HEAD); 301/302 turn POST into GET as every client does;
 * 307/308 keep method and body.
 */
export function nextHop(hop: Hop, status: number, location: string): Hop {
  let target: URL;
  try {
    target = new URL(location, hop.url);
  } catch (cause) {
    throw new OutboundError('PORM_URL_INVALID', 'redirect Location could not be parsed', { cause });
  }
  const url = validateOutboundUrl(target.href);
  const toGet = (status === 303 && hop.method !== 'HEAD') || ((status === 301 || status === 302) && hop.method === 'POST');
  let headers = toGet ? without(hop.headers, BODY_HEADERS) : { ...hop.headers };
  if (url.origin !== hop.url.origin) headers = without(headers, CREDENTIAL_HEADERS);
  return {
    url,
    method: toGet ? 'GET' : hop.method,
    headers,
    body: toGet ? undefined : hop.body,
  };
}
