import type { BinaryOp, Expr, FilterCall, Literal, PathStep } from './ast.ts';
import { TemplateError, positionAt } from './template-error.ts';

// Tokenizer and recursive-descent parser for what sits inside `{{ … }}` and tag arguments.

type ExprToken =
  | { readonly t: 'str'; readonly v: string; readonly at: number }
  | { readonly t: 'num'; readonly v: number; readonly at: number }
  | { readonly t: 'id'; readonly v: string; readonly at: number }
  | { readonly t: 'op'; readonly v: string; readonly at: number }
  | { readonly t: 'punct'; readonly v: string; readonly at: number };

const LEX = /\s*(?:("[^"]*"|'[^']*')|(-?\d+(?:\.\d+)?)(?!\w)|([A-Za-z_][\w-]*\??)|(==|!=|<>|<=|>=|<|>)|(\.\.|[.[\]()|:,]))/y;

const LITERALS: Readonly<Record<string, Literal>> = {
  true: { kind: 'bool', value: true },
  false: { kind: 'bool', value: false },
  nil: { kind: 'nil' },
  null: { kind: 'nil' },
  empty: { kind: 'empty' },
  blank: { kind: 'blank' },
};

const MAX_OPERATORS = 50;
const MAX_NESTING = 16;

// Comparisons bind tighter than and/or; equal precedences group to the right (LiquidJS's postfix build).
const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  '==': 2, '!=': 2, '<': 2, '>': 2, '<=': 2, '>=': 2, contains: 2, and: 0, or: 0,
};

export class ExprParser {
  private readonly tokens: ExprToken[] = [];
  private i = 0;
  // Bounds parser recursion ((a..(b..c)), a[b[c]]) and closure depth at render time.
  private nesting = 0;

  constructor(private readonly source: string, text: string, base: number) {
    LEX.lastIndex = 0;
    while (LEX.lastIndex < text.length) {
      const start = LEX.lastIndex;
      if (/^\s*$/.test(text.slice(start))) break;
      const m = LEX.exec(text);
      if (!m) throw this.errorAt(base + start + (text.slice(start).length - text.slice(start).trimStart().length), 'unexpected character');
      const at = base + m.index + (m[0].length - m[0].trimStart().length);
      if (m[1] !== undefined) this.tokens.push({ t: 'str', v: m[1].slice(1, -1), at });
      else if (m[2] !== undefined) this.tokens.push({ t: 'num', v: Number(m[2]), at });
      else if (m[3] !== undefined) this.tokens.push({ t: 'id', v: m[3], at });
      else if (m[4] !== undefined) this.tokens.push({ t: 'op', v: m[4] === '<>' ? '!=' : m[4], at });
      else this.tokens.push({ t: 'punct', v: m[5]!, at });
    }
    this.end = base + text.length;
  }

  private readonly end: number;

  errorAt(offset: number, message: string): TemplateError {
    return new TemplateError('PORM_TEMPLATE_SYNTAX', message, positionAt(this.source, offset));
  }

  private peek(): ExprToken | undefined {
    return this.tokens[this.i];
  }

  private here(): number {
    return this.peek()?.at ?? this.end;
  }

  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }

  expectEnd(what: string): void {
    if (!this.atEnd()) throw this.errorAt(this.here(), `unexpected "${String(this.peek()!.v)}" after ${what}`);
  }

  isPunct(v: string): boolean {
    const t = this.peek();
    return t?.t === 'punct' && t.v === v;
  }

  eatPunct(v: string): boolean {
    if (!this.isPunct(v)) return false;
    this.i++;
    return true;
  }

  expectPunct(v: string): void {
    if (!this.eatPunct(v)) throw this.errorAt(this.here(), `expected "${v}"`);
  }

  /** An identifier in a keyword position (for-tag `in`, `limit`, filter names). */
  identifier(what: string): { name: string; at: number } {
    const t = this.peek();
    if (t?.t !== 'id') throw this.errorAt(this.here(), `expected ${what}`);
    this.i++;
    return { name: t.v, at: t.at };
  }

  peekIdentifier(): string | undefined {
    const t = this.peek();
    return t?.t === 'id' ? t.v : undefined;
  }

  /** operand (op operand)*, folded with LiquidJS precedence. */
  expression(): Expr {
    const operands: Expr[] = [this.operand()];
    const ops: { op: BinaryOp; at: number }[] = [];
    for (;;) {
      const t = this.peek();
      let op: BinaryOp | undefined;
      if (t?.t === 'op') op = t.v as BinaryOp;
      else if (t?.t === 'id' && (t.v === 'and' || t.v === 'or' || t.v === 'contains')) op = t.v;
      if (!op || !t) break;
      if (ops.length >= MAX_OPERATORS) throw new TemplateError('PORM_TEMPLATE_TOO_DEEP', `more than ${MAX_OPERATORS} operators in one expression`, positionAt(this.source, t.at));
      this.i++;
      ops.push({ op, at: t.at });
      operands.push(this.operand());
    }
    return fold(operands, ops);
  }

  /** A single value: literal, variable path or (a..b) range. */
  operand(): Expr {
    if (++this.nesting > MAX_NESTING) throw new TemplateError('PORM_TEMPLATE_TOO_DEEP', 'expression nested too deeply', positionAt(this.source, this.here()));
    try {
      return this.operandInner();
    } finally {
      this.nesting--;
    }
  }

  private operandInner(): Expr {
    const t = this.peek();
    if (!t) throw this.errorAt(this.end, 'expected a value');
    if (t.t === 'str') {
      this.i++;
      return { kind: 'literal', literal: { kind: 'string', value: t.v }, offset: t.at };
    }
    if (t.t === 'num') {
      this.i++;
      return { kind: 'literal', literal: { kind: 'number', value: t.v }, offset: t.at };
    }
    if (t.t === 'punct' && t.v === '(') {
      this.i++;
      const from = this.operand();
      this.expectPunct('..');
      const to = this.operand();
      this.expectPunct(')');
      return { kind: 'range', from, to, offset: t.at };
    }
    if (t.t === 'id') {
      this.i++;
      // Own keys only: `constructor` or `toString` are data paths, not literals inherited from Object.prototype.
      const literal = Object.hasOwn(LITERALS, t.v) ? LITERALS[t.v] : undefined;
      if (literal && !this.isPunct('.') && !this.isPunct('[')) return { kind: 'literal', literal, offset: t.at };
      return { kind: 'path', root: t.v, steps: this.steps(), offset: t.at };
    }
    throw this.errorAt(t.at, `unexpected "${String(t.v)}"`);
  }

  private steps(): PathStep[] {
    const steps: PathStep[] = [];
    for (;;) {
      if (this.eatPunct('.')) {
        const name = this.peek();
        if (name?.t === 'id') steps.push({ kind: 'key', key: name.v });
        else if (name?.t === 'num' && Number.isInteger(name.v) && name.v >= 0) steps.push({ kind: 'key', key: name.v });
        else throw this.errorAt(this.here(), 'expected a property name after "."');
        this.i++;
      } else if (this.eatPunct('[')) {
        const inner = this.operand();
        this.expectPunct(']');
        if (inner.kind === 'literal' && (inner.literal.kind === 'string' || inner.literal.kind === 'number')) {
          steps.push({ kind: 'key', key: inner.literal.value });
        } else steps.push({ kind: 'expr', expr: inner });
      } else return steps;
    }
  }

  /** `| name: arg, key: value | next` until the end of the output. */
  filters(maxFilters: number): FilterCall[] {
    const calls: FilterCall[] = [];
    while (this.eatPunct('|')) {
      if (calls.length >= maxFilters) throw new TemplateError('PORM_TEMPLATE_TOO_DEEP', 'filter chain too long', positionAt(this.source, this.here()));
      const { name, at } = this.identifier('a filter name');
      const args: Expr[] = [];
      const named = new Map<string, Expr>();
      if (this.eatPunct(':')) {
        do {
          const t = this.peek();
          const next = this.tokens[this.i + 1];
          if (t?.t === 'id' && next?.t === 'punct' && next.v === ':') {
            this.i += 2;
            named.set(t.v, this.operand());
          } else args.push(this.operand());
        } while (this.eatPunct(','));
      }
      calls.push({ name, args, named, offset: at });
    }
    return calls;
  }
}

function fold(operands: Expr[], ops: readonly { op: BinaryOp; at: number }[]): Expr {
  // Shunting-yard exactly as LiquidJS's toPostfix: pop only strictly higher precedence, so equal
  // precedence associates to the right (`a and b or c` is `a and (b or c)`).
  const out: Expr[] = [];
  const stack: { op: BinaryOp; at: number }[] = [];
  const reduce = (): void => {
    const o = stack.pop()!;
    const right = out.pop()!;
    const left = out.pop()!;
    out.push({ kind: 'binary', op: o.op, left, right, offset: o.at });
  };
  out.push(operands[0]!);
  ops.forEach((o, k) => {
    while (stack.length > 0 && PRECEDENCE[stack[stack.length - 1]!.op] > PRECEDENCE[o.op]) reduce();
    stack.push(o);
    out.push(operands[k + 1]!);
  });
  while (stack.length > 0) reduce();
  return out[0]!;
}
