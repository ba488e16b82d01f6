import type { Expr, ForNode, IfNode, Node } from './ast.ts';
import { ExprParser } from './expression.ts';
import type { Token } from './lexer.ts';
import { TemplateError, positionAt } from './template-error.ts';

// Tokens → tree. Only the tags below exist; anything else is a typed compile error with line:col,
// so a template porm cannot run faithfully never gets as far as rendering.

// Tags Liquid has that porm deliberately leaves out (state, file access, unbounded output).
const EXCLUDED_TAGS = new Set([
  'assign', 'capture', 'include', 'render', 'increment', 'decrement', 'cycle', 'tablerow', 'layout',
  'block', 'liquid', 'echo', 'case', 'when', 'break', 'continue', '#',
]);

type TagToken = Extract<Token, { kind: 'tag' }>;

export class TemplateParser {
  private i = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
    private readonly maxDepth: number,
  ) {}

  parse(): Node[] {
    const { nodes, end } = this.block(new Set(), 0);
    if (end) throw this.error(end, `unexpected "${end.name}"`);
    return nodes;
  }

  private error(token: { offset: number }, message: string): TemplateError {
    return new TemplateError('PORM_TEMPLATE_SYNTAX', message, positionAt(this.source, token.offset));
  }

  private args(tag: TagToken): ExprParser {
    return new ExprParser(this.source, tag.args, tag.argsOffset);
  }

  private noArgs(tag: TagToken): void {
    this.args(tag).expectEnd(`"${tag.name}"`);
  }

  /** Nodes until one of `stops` (returned, consumed) or the end of input (end undefined). */
  private block(stops: ReadonlySet<string>, depth: number): { nodes: Node[]; end: TagToken | undefined } {
    const nodes: Node[] = [];
    while (this.i < this.tokens.length) {
      const token = this.tokens[this.i++]!;
      if (token.kind === 'text') {
        if (token.text.length > 0) nodes.push({ kind: 'text', text: token.text });
        continue;
      }
      if (token.kind === 'output') {
        const p = new ExprParser(this.source, token.body, token.bodyOffset);
        if (p.atEnd()) throw this.error(token, 'empty output "{{ }}"');
        const expr = p.expression();
        const filters = p.filters(this.maxDepth);
        p.expectEnd('the output expression');
        nodes.push({ kind: 'output', expr, filters, offset: token.offset });
        continue;
      }
      if (stops.has(token.name)) return { nodes, end: token };
      nodes.push(...this.tag(token, depth));
    }
    return { nodes, end: undefined };
  }

  private tag(tag: TagToken, depth: number): Node[] {
    switch (tag.name) {
      case 'if':
      case 'unless':
        return [this.ifTag(tag, depth + 1)];
      case 'for':
        return [this.forTag(tag, depth + 1)];
      case 'comment':
        this.skipComment(tag);
        return [];
      case 'raw':
        return this.rawTag(tag);
      case 'elsif': case 'else': case 'endif': case 'endunless': case 'endfor': case 'endcomment': case 'endraw':
        throw this.error(tag, `unexpected "${tag.name}"`);
    }
    const why = EXCLUDED_TAGS.has(tag.name) ? 'is not supported in porm templates' : 'is not a known tag';
    throw new TemplateError('PORM_TEMPLATE_UNSUPPORTED_TAG', `tag "${tag.name}" ${why}`, positionAt(this.source, tag.offset));
  }

  private enter(tag: TagToken, depth: number): void {
    if (depth > this.maxDepth) throw new TemplateError('PORM_TEMPLATE_TOO_DEEP', `tags nested deeper than ${this.maxDepth}`, positionAt(this.source, tag.offset));
  }

  private ifTag(open: TagToken, depth: number): IfNode {
    this.enter(open, depth);
    const endName = open.name === 'if' ? 'endif' : 'endunless';
    const stops = new Set(['elsif', 'else', endName]);
    const branches: { test: Expr; negate: boolean; body: Node[] }[] = [];
    let head: TagToken = open;
    let otherwise: Node[] = [];
    for (;;) {
      const p = this.args(head);
      const test = p.expression();
      p.expectEnd('the condition');
      const { nodes, end } = this.block(stops, depth);
      branches.push({ test, negate: head === open && open.name === 'unless', body: nodes });
      if (!end) throw this.error(open, `"${open.name}" is not closed with "${endName}"`);
      if (end.name === 'elsif') {
        head = end;
        continue;
      }
      if (end.name === 'else') {
        this.noArgs(end);
        const rest = this.block(new Set([endName, 'elsif', 'else']), depth);
        if (!rest.end) throw this.error(open, `"${open.name}" is not closed with "${endName}"`);
        if (rest.end.name !== endName) throw this.error(rest.end, `unexpected "${rest.end.name}" after "else"`);
        this.noArgs(rest.end);
        otherwise = rest.nodes;
      } else this.noArgs(end);
      return { kind: 'if', branches, otherwise };
    }
  }

  private forTag(open: TagToken, depth: number): ForNode {
    this.enter(open, depth);
    const p = this.args(open);
    const variable = p.identifier('a loop variable name').name;
    const inWord = p.identifier('"in"');
    if (inWord.name !== 'in') throw p.errorAt(inWord.at, 'expected "in" after the loop variable');
    const collection = p.operand();
    let limit: Expr | undefined;
    let offsetBy: Expr | undefined;
    let reversed = false;
    while (!p.atEnd()) {
      p.eatPunct(',');
      const { name, at } = p.identifier('limit:, offset: or reversed');
      if (name === 'reversed') reversed = true;
      else if (name === 'limit' || name === 'offset') {
        p.expectPunct(':');
        if (name === 'limit') limit = p.operand();
        else offsetBy = p.operand();
      } else throw p.errorAt(at, `unknown for-loop option "${name}"`);
    }
    const body = this.block(new Set(['else', 'endfor']), depth);
    if (!body.end) throw this.error(open, '"for" is not closed with "endfor"');
    this.noArgs(body.end);
    let otherwise: Node[] = [];
    if (body.end.name === 'else') {
      const rest = this.block(new Set(['endfor', 'else']), depth);
      if (!rest.end) throw this.error(open, '"for" is not closed with "endfor"');
      if (rest.end.name !== 'endfor') throw this.error(rest.end, 'unexpected "else" after "else"');
      this.noArgs(rest.end);
      otherwise = rest.nodes;
    }
    return { kind: 'for', variable, collection, limit, offsetBy, reversed, body: body.nodes, otherwise, offset: open.offset };
  }

  private skipComment(open: TagToken): void {
    // LiquidJS ends a comment at the first endcomment; tags inside are not run, whatever they are.
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i++]!;
      if (t.kind === 'tag' && t.name === 'endcomment') return;
    }
    throw this.error(open, '"comment" is not closed with "endcomment"');
  }

  private rawTag(open: TagToken): Node[] {
    this.noArgs(open);
    const body = this.tokens[this.i];
    const nodes: Node[] = [];
    if (body?.kind === 'text') {
      if (body.text.length > 0) nodes.push({ kind: 'text', text: body.text });
      this.i++;
    }
    const end = this.tokens[this.i++];
    if (end?.kind !== 'tag' || end.name !== 'endraw') throw this.error(open, '"raw" is not closed with "endraw"');
    return nodes;
  }
}
