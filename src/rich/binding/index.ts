import { Compiler, type RenderState } from './compile.ts';
import type { FilterRuntime } from './filters/index.ts';
import { tokenize } from './lexer.ts';
import { DEFAULT_COMPILE_LIMITS, DEFAULT_RENDER_LIMITS, type CompileLimits, type RenderLimits } from './limits.ts';
import { TemplateParser } from './parser.ts';
import { TemplateError, positionAt } from './template-error.ts';
import { clean } from './values.ts';
import { variablesOf } from './variables.ts';

// Public face of the binding engine: compile once (all-or-nothing), render many times.

export interface RenderResult {
  readonly text: string;
  /** Data paths read during this render that were missing or nil, e.g. `contact.first_name`, `items[2].sku`. */
  readonly missing: readonly string[];
}

export interface CompiledTemplate {
  readonly source: string;
  /** Data paths the template can read (static; loop items as `list[]`). */
  readonly variables: readonly string[];
  render(data: unknown, limits?: Partial<RenderLimits>): RenderResult;
}

/** Compiles a template or throws a TemplateError with line:col; nothing is rendered from a template that fails. */
export function compileTemplate(source: string, limits: Partial<CompileLimits> = {}): CompiledTemplate {
  const cl: CompileLimits = { ...DEFAULT_COMPILE_LIMITS, ...limits };
  if (source.length > cl.maxTemplateLength) {
    throw new TemplateError('PORM_TEMPLATE_TOO_LARGE', `template longer than ${cl.maxTemplateLength} characters`);
  }
  const nodes = guardStack(() => new TemplateParser(source, tokenize(source), cl.maxDepth).parse());
  const run = guardStack(() => new Compiler(source).nodes(nodes));
  const variables = Object.freeze(variablesOf(nodes));
  return Object.freeze({
    source,
    variables,
    render(data: unknown, renderLimits: Partial<RenderLimits> = {}): RenderResult {
      const rl: RenderLimits = { ...DEFAULT_RENDER_LIMITS, ...renderLimits };
      const state: RenderState = {
        data: clean(data), limits: rl, frames: [], missing: new Set(), out: [], rt: runtime(rl), iterations: 0, outputBytes: 0,
      };
      guardStack(() => run(state));
      return { text: state.out.join(''), missing: [...state.missing] };
    },
  });
}

/** The data paths a template reads, without rendering it. Throws like compileTemplate for a bad template. */
export function collectVariables(template: string | CompiledTemplate): string[] {
  return [...(typeof template === 'string' ? compileTemplate(template) : template).variables];
}

/** Offset of the first `{{` or `{%` in rendered text, or -1. */
export function findLiteralMarkup(text: string): number {
  const a = text.indexOf('{{');
  const b = text.indexOf('{%');
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

/**
 * Throws PORM_TEMPLATE_LITERAL_MARKUP if rendered text still looks like a template. Data is never
 * evaluated, so `{{` in data is printed as-is by render; this is the check a send runs before a phone sees it.
 */
export function assertNoLiteralMarkup(text: string): void {
  const at = findLiteralMarkup(text);
  if (at >= 0) throw new TemplateError('PORM_TEMPLATE_LITERAL_MARKUP', 'rendered text contains template markup', positionAt(text, at));
}

function runtime(limits: RenderLimits): FilterRuntime {
  return {
    checkString: (s) => {
      // UTF-16 length never exceeds UTF-8 byte length, so this is a cheap lower bound on bytes.
      if (s.length > limits.maxOutputBytes) throw new TemplateError('PORM_TEMPLATE_OUTPUT_LIMIT', `a filter built a value larger than ${limits.maxOutputBytes} bytes`);
      return s;
    },
    checkArray: (a) => {
      if (a.length > limits.maxArrayLength) throw new TemplateError('PORM_TEMPLATE_OUTPUT_LIMIT', `a value would hold more than ${limits.maxArrayLength} items`);
      return a;
    },
    now: limits.now,
  };
}

// Caps keep trees shallow, but a stack overflow must still surface as a typed error, never a crash.
function guardStack<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) throw new TemplateError('PORM_TEMPLATE_TOO_DEEP', 'template or data nested too deeply');
    throw err;
  }
}

export { TemplateError, isTemplateError, type SourcePosition } from './template-error.ts';
export { templateErrors, type TemplateErrorCode } from './errors.ts';
export { DEFAULT_COMPILE_LIMITS, DEFAULT_RENDER_LIMITS, type CompileLimits, type RenderLimits } from './limits.ts';
export { FILTERS } from './filters/index.ts';
