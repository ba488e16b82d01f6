import { pduErrors, type PduErrorCode } from './errors.ts';

/**
 * The one error type the codec throws. Callers branch on `code` (stable, registered in
 * errors.ts); `offset` is the byte position where decoding gave up, when there is one.
 */
export class PduError extends Error {
  override readonly name = 'PduError';
  readonly code: PduErrorCode;
  readonly status: number;
  readonly offset: number | undefined;
  /** The message without its offset. */
  readonly detail: string;

  constructor(code: PduErrorCode, message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.detail = message;
    this.code = code;
    this.status = pduErrors[code].status;
    this.offset = offset;
  }
}

export function isPduError(err: unknown): err is PduError {
  return err instanceof PduError;
}
