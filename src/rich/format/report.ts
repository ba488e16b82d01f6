import type { TemplateDocErrorCode } from './errors.ts';

// How validation findings are reported: a JSON pointer (RFC 6901) into the submitted document.

export interface TemplateDocError {
  /** RFC 6901 pointer into the submitted document; "" is the root. */
  readonly pointer: string;
  readonly code: TemplateDocErrorCode;
  readonly message: string;
  /** For template-string errors: where in that string, 1-based. */
  readonly position?: { readonly line: number; readonly col: number };
}

export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function childPointer(pointer: string, token: string | number): string {
  return `${pointer}/${escapePointerToken(token)}`;
}

/** Collects errors up to a bound, so a hostile document cannot make the answer huge. */
export class ErrorSink {
  readonly errors: TemplateDocError[] = [];
  private truncated = false;

  constructor(private readonly max: number) {}

  add(error: TemplateDocError): void {
    if (this.errors.length < this.max) this.errors.push(error);
    else this.truncated = true;
  }

  get full(): boolean {
    return this.errors.length >= this.max;
  }

  result(): TemplateDocError[] {
    if (!this.truncated) return this.errors;
    return [...this.errors, { pointer: '', code: 'PORM_TEMPLATE_DOC_TOO_MANY_ERRORS', message: `more than ${this.max} errors; only the first ${this.max} are listed` }];
  }
}
