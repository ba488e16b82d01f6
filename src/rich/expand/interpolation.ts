import type { Node } from '../binding/ast.ts';
import type { CompiledTemplate, RenderLimits, RenderResult } from '../binding/index.ts';
import { tokenize } from '../binding/lexer.ts';
import { DEFAULT_COMPILE_LIMITS, DEFAULT_RENDER_LIMITS } from '../binding/limits.ts';
import { TemplateParser } from '../binding/parser.ts';
import { TemplateError } from '../binding/template-error.ts';
import { clean, isNil, readProperty, stringify } from '../binding/values.ts';
import { formatKey } from '../binding/variables.ts';

// Most template strings are text plus plain `{{ a.b }}` outputs. The general engine sets up a
// render state per call (limits, filter runtime, missing set, output array), which dominates such
// tiny renders; this renderer does the same reads with the engine's own value functions
// (readProperty, stringify) and the same missing labels and output cap, without that setup.
// interpolation.test.ts checks it against compileTemplate on random templates and data.

interface PathPart {
  readonly root: string;
  readonly keys: readonly (string | number)[];
  /** The engine's label for this path in `missing` (root + formatKey per step). */
  readonly label: string;
}
type Part = string | PathPart;

const NONE: readonly string[] = Object.freeze([]);

/** A faster CompiledTemplate for `source` when it is only text and plain paths, else null. */
export function interpolation(source: string, full: CompiledTemplate): CompiledTemplate | null {
  const parts = plainParts(new TemplateParser(source, tokenize(source), DEFAULT_COMPILE_LIMITS.maxDepth).parse());
  if (parts === null) return null;
  return Object.freeze({
    source,
    variables: full.variables,
    render: (data: unknown, limits: Partial<RenderLimits> = {}): RenderResult => renderParts(parts, clean(data), limits.maxOutputBytes ?? DEFAULT_RENDER_LIMITS.maxOutputBytes),
  });
}

function plainParts(nodes: readonly Node[]): Part[] | null {
  const parts: Part[] = [];
  for (const n of nodes) {
    if (n.kind === 'text') {
      parts.push(n.text);
      continue;
    }
    if (n.kind !== 'output' || n.filters.length > 0 || n.expr.kind !== 'path') return null;
    const keys: (string | number)[] = [];
    for (const step of n.expr.steps) {
      if (step.kind !== 'key') return null;
      keys.push(step.key);
    }
    parts.push({ root: n.expr.root, keys, label: n.expr.root + keys.map((k) => formatKey(k)).join('') });
  }
  return parts;
}

function renderParts(parts: readonly Part[], data: unknown, maxBytes: number): RenderResult {
  let out = '';
  let missing: string[] | null = null;
  // UTF-8 bytes are at most 3 per UTF-16 unit, so exact counting starts only near the cap.
  let exactBytes = -1;
  for (const part of parts) {
    let piece: string;
    if (typeof part === 'string') {
      piece = part;
    } else {
      let v = readProperty(data, part.root);
      for (const key of part.keys) v = readProperty(v, key);
      if (isNil(v)) {
        missing ??= [];
        if (!missing.includes(part.label)) missing.push(part.label);
      }
      piece = stringify(v);
    }
    out += piece;
    if (exactBytes >= 0) exactBytes += Buffer.byteLength(piece);
    else if (out.length * 3 > maxBytes) exactBytes = Buffer.byteLength(out);
    if (exactBytes > maxBytes) throw new TemplateError('PORM_TEMPLATE_OUTPUT_LIMIT', `output larger than ${maxBytes} bytes`);
  }
  return { text: out, missing: missing ?? NONE };
}
