import { mm7Errors, type Mm7ErrorCode } from './errors.ts';

/** The codes the codec itself throws (the carrier-outcome codes come from status-codes.ts). */
export type Mm7CodecErrorCode =
  | 'PORM_MM7_MALFORMED'
  | 'PORM_MM7_XML_INVALID'
  | 'PORM_MM7_XML_DOCTYPE'
  | 'PORM_MM7_XML_TOO_DEEP'
  | 'PORM_MM7_TOO_LARGE'
  | 'PORM_MM7_UNKNOWN_OPERATION'
  | 'PORM_MM7_UNSUPPORTED_CONTENT_TYPE'
  | 'PORM_MM7_MIME_INVALID'
  | 'PORM_MM7_MIME_TOO_MANY_PARTS'
  | 'PORM_MM7_MIME_TOO_DEEP'
  | 'PORM_MM7_BUILD_INVALID';

/** The one error type the MM7 codec throws. Assert on `code`, not on `message`. */
export class Mm7Error extends Error {
  readonly code: Mm7CodecErrorCode;
  /** HTTP status the API answers with if this error reaches a client. */
  readonly status: number;
  /** Where it happened, e.g. the element path or the MIME part index; for logs, not for logic. */
  readonly where: string | undefined;

  constructor(code: Mm7CodecErrorCode, message: string, options?: { where?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Mm7Error';
    this.code = code;
    this.status = mm7Errors[code satisfies Mm7ErrorCode].status;
    this.where = options?.where;
  }
}

export function isMm7Error(err: unknown): err is Mm7Error {
  return err instanceof Mm7Error;
}

/** Shorthand for the builder's strict checks. */
export function buildInvalid(where: string, message: string): Mm7Error {
  return new Mm7Error('PORM_MM7_BUILD_INVALID', `${where}: ${message}`, { where });
}

/** Shorthand for a missing or unusable element in a parsed message. */
export function malformed(where: string, message: string): Mm7Error {
  return new Mm7Error('PORM_MM7_MALFORMED', `${where}: ${message}`, { where });
}
