import { checkSemantics } from './semantic.ts';
import { DEFAULT_DOCUMENT_LIMITS, prescan, type DocumentLimits } from './prescan.ts';
import { ErrorSink, type TemplateDocError } from './report.ts';
import { checkStructure } from './structural.ts';
import type { TemplateDocument } from './types.ts';
import { DEFAULT_URL_SCHEMES } from './vocabulary.ts';

// validateTemplate: prescan (size, depth, plain JSON) → JSON Schema (structure) → semantic checks.
// Semantic checks run only on a structurally valid document, because they rely on its shape;
// within each stage every error is reported at once, up to maxErrors.

export interface ValidateOptions {
  /** URL schemes allowed in links and actions; add app schemes (e.g. "myapp") for deep links. */
  readonly urlSchemes?: readonly string[];
  readonly maxErrors?: number;
  readonly limits?: Partial<DocumentLimits>;
}

export type ValidateResult =
  | { readonly ok: true; readonly template: TemplateDocument }
  | { readonly ok: false; readonly errors: readonly TemplateDocError[] };

export function validateTemplate(json: unknown, options: ValidateOptions = {}): ValidateResult {
  const sink = new ErrorSink(options.maxErrors ?? 100);
  const limits = { ...DEFAULT_DOCUMENT_LIMITS, ...options.limits };
  if (!prescan(json, limits, sink)) return { ok: false, errors: sink.result() };
  if (!checkStructure(json, sink)) return { ok: false, errors: sink.result() };
  const template = json as TemplateDocument;
  checkSemantics(template, sink, { urlSchemes: options.urlSchemes ?? DEFAULT_URL_SCHEMES });
  const errors = sink.result();
  return errors.length > 0 ? { ok: false, errors } : { ok: true, template };
}
