import { templateErrors, type TemplateErrorCode } from './errors.ts';

/** Where in the template source something happened; 1-based, columns count UTF-16 units. */
export interface SourcePosition {
  readonly line: number;
  readonly col: number;
}

/** The one error type the binding engine throws. Assert on `code`, not on `message`. */
export class TemplateError extends Error {
  readonly code: TemplateErrorCode;
  readonly status: number;
  /** Set for compile errors and for runtime errors that can point at a tag or output. */
  readonly position: SourcePosition | undefined;

  constructor(code: TemplateErrorCode, message: string, position?: SourcePosition) {
    super(position ? `${message} (line ${position.line}, col ${position.col})` : message);
    this.name = 'TemplateError';
    this.code = code;
    this.status = templateErrors[code].status;
    this.position = position;
  }
}

export function isTemplateError(err: unknown): err is TemplateError {
  return err instanceof TemplateError;
}

/** Turns a source offset into line:col, computed only when an error is raised. */
export function positionAt(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: end - lineStart + 1 };
}
