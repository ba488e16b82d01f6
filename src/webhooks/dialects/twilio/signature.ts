import { createHmac, timingSafeEqual } from 'node:crypto';

// X-Twilio-Signature (what Twilio's SDKs validate, twilio-node src/webhooks/webhooks.ts):
// base64(HMAC-SHA1(auth token, url + for each parameter name in sorted order: name + value)).
// The URL is the exact one the receiver was configured with, query string included; a name
// posted several times contributes each distinct value once, in sorted order.

/** Form parameters as a receiver parses them: one value, or several for a repeated name. */
export type FormParams = Readonly<Record<string, string | readonly string[]>>;

/** The text that is signed: the URL, then name+value of every parameter, names in sorted order. */
export function signedText(url: string, params: FormParams): string {
  let text = url;
  // The default sort: UTF-16 code units, case-sensitive, as the SDKs sort.
  for (const name of Object.keys(params).sort()) {
    const value = params[name]!;
    if (typeof value === 'string') text += name + value;
    else for (const v of [...new Set(value)].sort()) text += name + v;
  }
  return text;
}

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  return createHmac('sha1', authToken).update(Buffer.from(signedText(url, params), 'utf8')).digest('base64');
}

/** Constant-time check of a received signature against the one expected for exactly this URL. */
export function twilioSignatureMatches(authToken: string, signature: string, url: string, params: FormParams): boolean {
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
