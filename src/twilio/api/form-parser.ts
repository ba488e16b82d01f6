import { TwilioApiError } from './twilio-error.ts';

// application/x-www-form-urlencoded as Twilio's SDKs send it: `+` is a space, repeated keys
// (MediaUrl=a&MediaUrl=b) become arrays. Stricter than a querystring library: malformed
// percent-encoding or bytes that are not UTF-8 are refused (20001) instead of being kept as the
// literal text "%ED%A0%80", which would silently change what is sent. Keys land in a
// prototype-less object, so `__proto__` is an ordinary (and, here, unknown) parameter.

const MAX_PAIRS = 1000;

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new TwilioApiError(400, 20001, `The request body is not valid form encoding (bad percent-escape or non-UTF-8 bytes near "${text.slice(0, 30)}")`);
  }
}

export function parseForm(body: string): Record<string, string | string[]> {
  const out = Object.create(null) as Record<string, string | string[]>;
  if (body === '') return out;
  const pairs = body.split('&');
  if (pairs.length > MAX_PAIRS) throw new TwilioApiError(400, 20001, `The request body has more than ${MAX_PAIRS} parameters`);
  for (const pair of pairs) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    const prior = out[key];
    if (prior === undefined) out[key] = value;
    else if (typeof prior === 'string') out[key] = [prior, value];
    else prior.push(value);
  }
  return out;
}
