import { PduError } from './pdu-error.ts';

/** Why the decoder accepted something the specification does not allow, and where. */
export interface DecodeWarning {
  code: WarningCode;
  offset: number;
  message: string;
}

export type WarningCode =
  | 'unknown-header'
  | 'unrecognised-value'
  | 'duplicate-header'
  | 'header-order'
  | 'missing-transaction-id'
  | 'missing-version'
  | 'truncated-string'
  | 'invalid-text'
  | 'embedded-nul'
  | 'unknown-charset'
  | 'address-type-typo'
  | 'address-without-type'
  | 'content-id-without-brackets'
  | 'unknown-content-type'
  | 'unknown-parameter'
  | 'missing-body'
  | 'unexpected-body'
  | 'trailing-bytes'
  | 'transfer-encoding'
  | 'nested-multipart-kept-raw';

export interface DecodeLimits {
  /** Total parts over all nesting levels (default 1000). */
  maxParts: number;
  /** Multipart nesting depth; the message body is depth 1 (default 4). */
  maxDepth: number;
  /** Headers in the PDU header list or in one part (default 1000). */
  maxHeaders: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxParts: 1000, maxDepth: 4, maxHeaders: 1000 };

/** Shared state of one decode: collected warnings, limits, and the running part count. */
export class DecodeContext {
  readonly warnings: DecodeWarning[] = [];
  partCount = 0;
  constructor(readonly limits: DecodeLimits) {}

  /** While set, every warning is reported at this PDU offset (see `at`). */
  private fixedOffset: number | undefined;

  warn(code: WarningCode, offset: number, message: string): void {
    // A hostile PDU could produce a warning per octet; keep memory bounded.
    if (this.warnings.length < 200) this.warnings.push({ code, offset: this.fixedOffset ?? offset, message });
  }

  /** Runs `fn` with its warnings reported at `offset`: for data decoded into a copy (base64 parts). */
  at<T>(offset: number, fn: () => T): T {
    const saved = this.fixedOffset;
    this.fixedOffset ??= offset;
    try {
      return fn();
    } finally {
      this.fixedOffset = saved;
    }
  }
}

/**
 * A bounds-checked cursor over a byte range. Every read past `end` throws
 * PORM_PDU_TRUNCATED, so a decoder built on it cannot read outside its input.
 */
export class Reader {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  static of(buf: Uint8Array): Reader {
    return new Reader(buf, 0, buf.length);
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  peek(): number {
    if (this.pos >= this.end) throw new PduError('PORM_PDU_TRUNCATED', 'unexpected end of data', this.pos);
    return this.buf[this.pos]!;
  }

  u8(): number {
    const b = this.peek();
    this.pos++;
    return b;
  }

  /** The next `n` octets as a view (no copy). */
  take(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A reader over the next `n` octets; this reader moves past them. */
  sub(n: number): Reader {
    this.need(n);
    const r = new Reader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }

  /** A reader from the current position up to `end`, this reader moved to `end`. */
  until(end: number): Reader {
    return this.sub(end - this.pos);
  }

  need(n: number): void {
    if (n < 0 || n > this.end - this.pos) {
      throw new PduError('PORM_PDU_TRUNCATED', `length ${n} runs past the end of the data (${this.end - this.pos} left)`, this.pos);
    }
  }
}
