import type { Expr, FilterCall, ForNode, IfNode, Node, OutputNode, PathStep } from './ast.ts';
import { FILTERS, type FilterRuntime } from './filters/index.ts';
import type { RenderLimits } from './limits.ts';
import { TemplateError, positionAt } from './template-error.ts';
import { formatKey } from './variables.ts';
import { Range, lazyEnumerable, sliceIndex } from './loop.ts';
import {
  BLANK, EMPTY, NIL, compare, contains, equals, isNil, isTruthy, looseNumber, readProperty, stringify, toValue,
} from './values.ts';

// AST → closures, once per template. A render then only runs closures: no parsing, no lookups of
// filter names, and every loop and every write goes through the render budget.

/** One for-loop level: the current item, a label naming where it came from, and `forloop`. */
interface Frame {
  item: unknown;
  label: string;
  forloop: Record<string, unknown>;
}

export interface RenderState {
  readonly data: unknown;
  readonly limits: RenderLimits;
  readonly frames: Frame[];
  readonly missing: Set<string>;
  readonly out: string[];
  readonly rt: FilterRuntime;
  iterations: number;
  outputBytes: number;
}

type Eval = (s: RenderState) => unknown;
type Exec = (s: RenderState) => void;

export class Compiler {
  // Loop variables visible at the point being compiled, innermost last (index = frame index).
  private readonly scope: string[] = [];

  constructor(private readonly source: string) {}

  nodes(nodes: readonly Node[]): Exec {
    const parts = nodes.map((n) => this.node(n));
    return (s) => {
      for (const part of parts) part(s);
    };
  }

  private node(node: Node): Exec {
    switch (node.kind) {
      case 'text': {
        const bytes = Buffer.byteLength(node.text);
        return (s) => write(s, node.text, bytes);
      }
      case 'output':
        return this.output(node);
      case 'if':
        return this.ifNode(node);
      case 'for':
        return this.forNode(node);
    }
  }

  private output(node: OutputNode): Exec {
    const value = this.expr(node.expr);
    const filters = node.filters.map((f) => this.filter(f));
    return (s) => {
      let v = value(s);
      for (const f of filters) v = f(s, v);
      const text = stringify(v);
      write(s, text, Buffer.byteLength(text));
    };
  }

  private filter(call: FilterCall): (s: RenderState, input: unknown) => unknown {
    const def = FILTERS.get(call.name);
    const at = positionAt(this.source, call.offset);
    if (!def) throw new TemplateError('PORM_TEMPLATE_UNKNOWN_FILTER', `unknown filter "${call.name}"`, at);
    if (call.args.length < def.min || call.args.length > def.max) {
      const want = def.min === def.max ? `${def.min}` : `${def.min} to ${def.max}`;
      throw new TemplateError('PORM_TEMPLATE_SYNTAX', `filter "${call.name}" takes ${want} argument(s), got ${call.args.length}`, at);
    }
    for (const name of call.named.keys()) {
      if (!def.named?.includes(name)) throw new TemplateError('PORM_TEMPLATE_SYNTAX', `filter "${call.name}" has no option "${name}"`, at);
    }
    const args = call.args.map((a) => this.expr(a));
    const named = [...call.named].map(([k, e]) => [k, this.expr(e)] as const);
    return (s, input) => {
      const argv = args.map((a) => a(s));
      const opts = new Map(named.map(([k, e]) => [k, e(s)]));
      const result = def.apply(input, argv, opts, s.rt);
      if (typeof result === 'string') s.rt.checkString(result);
      else if (Array.isArray(result)) s.rt.checkArray(result);
      return result;
    };
  }

  private ifNode(node: IfNode): Exec {
    const branches = node.branches.map((b) => ({ test: this.expr(b.test), negate: b.negate, body: this.nodes(b.body) }));
    const otherwise = this.nodes(node.otherwise);
    return (s) => {
      for (const b of branches) {
        if (isTruthy(b.test(s)) !== b.negate) return b.body(s);
      }
      otherwise(s);
    };
  }

  private forNode(node: ForNode): Exec {
    // A range collection stays two numbers, so (1..1000000000) costs nothing until iterated.
    const collection = node.collection.kind === 'range' ? this.labelledRange(node.collection) : this.labelled(node.collection);
    const limit = node.limit ? this.expr(node.limit) : undefined;
    const offsetBy = node.offsetBy ? this.expr(node.offsetBy) : undefined;
    const otherwise = this.nodes(node.otherwise);
    this.scope.push(node.variable);
    const body = this.nodes(node.body);
    this.scope.pop();
    const at = positionAt(this.source, node.offset);
    return (s) => {
      const [value, label] = collection(s);
      const items = lazyEnumerable(value);
      if (items.length === 0) return otherwise(s);
      // LiquidJS applies offset, then limit, then reversed, whatever order they are written in.
      let start = 0;
      let end = items.length;
      const off = offsetBy?.(s);
      if (off !== undefined) start = sliceIndex(off, end);
      const lim = limit?.(s);
      if (lim !== undefined) end = Math.min(end, Math.max(start, start + sliceIndex(lim, end - start)));
      const length = Math.max(0, end - start);
      const frame: Frame = { item: undefined, label: '', forloop: {} };
      s.frames.push(frame);
      try {
        for (let k = 0; k < length; k++) {
          if (++s.iterations > s.limits.maxIterations) {
            throw new TemplateError('PORM_TEMPLATE_ITERATION_LIMIT', `more than ${s.limits.maxIterations} loop iterations`, at);
          }
          const index = node.reversed ? end - 1 - k : start + k;
          frame.item = items.at(index);
          frame.label = `${label}[${index}]`;
          frame.forloop = { index: k + 1, index0: k, rindex: length - k, rindex0: length - k - 1, first: k === 0, last: k === length - 1, length };
          body(s);
        }
      } finally {
        s.frames.pop();
      }
    };
  }

  expr(e: Expr): Eval {
    if (e.kind === 'path') {
      const f = this.labelled(e);
      return (s) => f(s)[0];
    }
    switch (e.kind) {
      case 'literal': {
        const l = e.literal;
        const v = l.kind === 'nil' ? NIL : l.kind === 'empty' ? EMPTY : l.kind === 'blank' ? BLANK : l.value;
        return () => v;
      }
      case 'range': {
        // Outside a for collection LiquidJS gives an array; build it within the array cap.
        const range = this.range(e);
        return (s) => {
          const r = range(s);
          s.rt.checkArray({ length: r.length });
          return Array.from({ length: r.length }, (_, i) => r.from + i);
        };
      }
      case 'binary': {
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        switch (e.op) {
          case '==': return (s) => equals(l(s), r(s));
          case '!=': return (s) => !equals(l(s), r(s));
          case 'contains': return (s) => contains(l(s), r(s));
          case 'and': return (s) => { const a = l(s); const b = r(s); return isTruthy(a) && isTruthy(b); };
          case 'or': return (s) => { const a = l(s); const b = r(s); return isTruthy(a) || isTruthy(b); };
          default: {
            const op = e.op;
            return (s) => compare(op, l(s), r(s));
          }
        }
      }
    }
  }

  private range(e: Extract<Expr, { kind: 'range' }>): (s: RenderState) => Range {
    const from = this.expr(e.from);
    const to = this.expr(e.to);
    return (s) => new Range(looseNumber(from(s)), looseNumber(to(s)));
  }

  private labelledRange(e: Extract<Expr, { kind: 'range' }>): (s: RenderState) => [unknown, string] {
    const range = this.range(e);
    return (s) => [range(s), '(range)'];
  }

  /** Evaluates to [value, where-it-came-from]; nil results of data paths are recorded as missing. */
  private labelled(e: Expr): (s: RenderState) => [unknown, string] {
    if (e.kind !== 'path') {
      const f = this.expr(e);
      return (s) => [f(s), e.kind === 'range' ? '(range)' : '(value)'];
    }
    const frameIndex = this.scope.lastIndexOf(e.root);
    const forloopIndex = e.root === 'forloop' ? this.scope.length - 1 : -1;
    const steps = e.steps.map((st) => this.step(st));
    const root = e.root;
    return (s) => {
      let value: unknown;
      let label: string;
      let track = true;
      if (frameIndex >= 0 && frameIndex >= forloopIndex) {
        const frame = s.frames[frameIndex]!;
        value = frame.item;
        label = frame.label;
      } else if (forloopIndex >= 0) {
        value = s.frames[forloopIndex]!.forloop;
        label = 'forloop';
        track = false;
      } else {
        value = readProperty(s.data, root);
        label = root;
      }
      for (const step of steps) {
        const key = toValue(step(s));
        value = readProperty(value, key);
        label += formatKey(typeof key === 'number' ? key : String(key));
      }
      if (track && isNil(value)) s.missing.add(label);
      return [value, label];
    };
  }

  private step(st: PathStep): Eval {
    if (st.kind === 'key') {
      const key = st.key;
      return () => key;
    }
    return this.expr(st.expr);
  }
}

function write(s: RenderState, text: string, bytes: number): void {
  s.outputBytes += bytes;
  if (s.outputBytes > s.limits.maxOutputBytes) {
    throw new TemplateError('PORM_TEMPLATE_OUTPUT_LIMIT', `output larger than ${s.limits.maxOutputBytes} bytes`);
  }
  s.out.push(text);
}
