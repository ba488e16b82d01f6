import { defineErrors } from '../error-def.ts';

// Error codes of porm's guarded outbound HTTP client. Codes are stable: never rename or reuse one.
// Permanent (do not retry): URL_BLOCKED, URL_INVALID, OUTBOUND_TOO_LARGE, OUTBOUND_TOO_MANY_REDIRECTS.
// Transient (retry with backoff): OUTBOUND_TIMEOUT, OUTBOUND_CONNECTION_FAILED. See outbound-error.ts.
export const netErrors = defineErrors({
  PORM_URL_BLOCKED: {
    status: 422,
    title: 'URL target not allowed',
    description: 'The URL resolves to a loopback, private, link-local or metadata address, or uses a scheme other than http(s). porm never sends requests there.',
  },
  PORM_URL_INVALID: {
    status: 400,
    title: 'URL not valid',
    description: 'The URL could not be parsed, has no host, or carries a user name or password. Give an absolute http(s) URL without credentials in it.',
  },
  PORM_OUTBOUND_TIMEOUT: {
    status: 504,
    title: 'Outbound request timed out',
    description: 'The remote server did not finish answering (DNS, connect, headers and body together) within the configured time. porm retries later.',
  },
  PORM_OUTBOUND_TOO_LARGE: {
    status: 502,
    title: 'Outbound response too large',
    description: 'The remote server answered with more bytes than the configured limit; porm stopped reading and dropped the connection.',
  },
  PORM_OUTBOUND_TOO_MANY_REDIRECTS: {
    status: 502,
    title: 'Too many redirects',
    description: 'The remote server redirected more times than allowed, or redirected without a usable Location. Point porm at the final URL.',
  },
  PORM_OUTBOUND_CONNECTION_FAILED: {
    status: 502,
    title: 'Outbound connection failed',
    description: 'The host name did not resolve, the connection was refused or reset, TLS verification failed, or the response was malformed. porm retries later.',
  },
});

export type NetErrorCode = keyof typeof netErrors;
