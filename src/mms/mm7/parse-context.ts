// Limits and the warning list shared by every step of one parse. Lenient parsing means a quirk is
// tolerated and reported here; the limits keep hostile input bounded in memory and time.

export interface Mm7Limits {
  /** Whole HTTP body. */
  readonly maxBodyBytes: number;
  /** The SOAP envelope part alone. */
  readonly maxSoapBytes: number;
  /** Element nesting in the SOAP envelope. */
  readonly maxXmlDepth: number;
  /** MIME parts over all nesting levels together. */
  readonly maxParts: number;
  /** Nesting of multiparts inside multiparts (the top-level multipart is depth 1). */
  readonly maxMimeDepth: number;
  /** One part's header block. */
  readonly maxHeaderBytes: number;
}

export const DEFAULT_MM7_LIMITS: Mm7Limits = Object.freeze({
  maxBodyBytes: 16 * 1024 * 1024,
  maxSoapBytes: 1024 * 1024,
  maxXmlDepth: 64,
  maxParts: 1000,
  maxMimeDepth: 8,
  maxHeaderBytes: 64 * 1024,
});

/** One tolerated quirk. `code` is stable (e.g. `mime.boundary-sniffed`); `message` is for humans. */
export interface Mm7Warning {
  readonly code: string;
  readonly message: string;
}

// A hostile message could trigger one warning per element or part; keep the list bounded.
const MAX_WARNINGS = 100;

export class ParseContext {
  readonly limits: Mm7Limits;
  readonly warnings: Mm7Warning[] = [];
  /** Parts seen so far over all multipart levels, checked against limits.maxParts. */
  partCount = 0;

  constructor(limits?: Partial<Mm7Limits>) {
    this.limits = { ...DEFAULT_MM7_LIMITS, ...limits };
  }

  warn(code: string, message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ code, message });
    else if (this.warnings.length === MAX_WARNINGS) this.warnings.push({ code: 'warnings.truncated', message: 'further warnings dropped' });
  }
}
