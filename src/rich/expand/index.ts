import type { TemplateDocument } from '../format/types.ts';
import { bindPlan } from './bind.ts';
import { compilePlan } from './compile-plan.ts';
import type { CompiledDocument, ExpandOptions } from './types.ts';

// Expansion: a validated template document bound to one recipient gives a BoundMessage
// (src/rich/bound/model.ts). Compile once per document revision, bind once per recipient.

/**
 * Compiles every template string and component of `doc` once. Throws PormError
 * PORM_RICH_TEMPLATE_INVALID if the document cannot be compiled (validate it first).
 */
export function compileDocument(doc: TemplateDocument, options: ExpandOptions = {}): CompiledDocument {
  const plan = compilePlan(doc, options);
  return Object.freeze({ document: doc, bind: (input: Parameters<CompiledDocument['bind']>[0]) => bindPlan(plan, input) });
}

export type { BindInput, BindResult, BindWarning, CompiledDocument, ExpandOptions } from './types.ts';
export type { DropCode } from './drop.ts';
export { hashSeed, bucketOf } from './variants.ts';
