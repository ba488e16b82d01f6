import type { FormParams } from './signature.ts';

// application/x-www-form-urlencoded, as Twilio posts its webhooks. The body is rendered once
// from ordered pairs; the signer reads it back into the parameters a receiver's parser sees.

export type FormPairs = ReadonlyArray<readonly [string, string]>;

export function encodeForm(pairs: FormPairs): string {
  return new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, v])).toString();
}

export function decodeForm(body: string): FormParams {
  // No prototype: a posted name such as __proto__ is a parameter like any other.
  const params = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = params[name];
    if (seen === undefined) params[name] = value;
    else params[name] = typeof seen === 'string' ? [seen, value] : [...seen, value];
  }
  return params;
}
