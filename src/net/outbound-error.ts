import { netErrors, type NetErrorCode } from './errors.ts';

// Whether retrying can help. Blocked/invalid targets, oversized answers and redirect loops will fail
// the same way next time; timeouts and connection failures are often fixed by the remote side.
const PERMANENT: Readonly<Record<NetErrorCode, boolean>> = {
  PORM_URL_BLOCKED: true,
  PORM_URL_INVALID: true,
  PORM_OUTBOUND_TOO_LARGE: true,
  PORM_OUTBOUND_TOO_MANY_REDIRECTS: true,
  PORM_OUTBOUND_TIMEOUT: false,
  PORM_OUTBOUND_CONNECTION_FAILED: false,
};

/** The one error type safeRequest and validateOutboundUrl throw. Assert on `code`, not on `message`. */
export class OutboundError extends Error {
  readonly code: NetErrorCode;
  /** true: do not retry (queue marks the job failed); false: retry with backoff. */
  readonly permanent: boolean;
  /** HTTP status the API answers with if this error reaches a client. */
  readonly status: number;

  constructor(code: NetErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OutboundError';
    this.code = code;
    this.permanent = PERMANENT[code];
    this.status = netErrors[code].status;
  }
}

export function isOutboundError(err: unknown): err is OutboundError {
  return err instanceof OutboundError;
}

/** True for errors that will not go away on retry. Unknown errors count as transient. */
export function isPermanentOutboundError(err: unknown): boolean {
  return err instanceof OutboundError && err.permanent;
}
