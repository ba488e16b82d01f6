import { TemplateError, positionAt } from './template-error.ts';

// Splits template source into text, `{{ output }}` and `{% tag %}` tokens, applies whitespace
// control the way LiquidJS does (greedy: every blank character next to a `-` marker goes), and
// keeps `{% raw %}` bodies as literal text.

export type Token =
  | { readonly kind: 'text'; text: string; readonly offset: number; readonly raw: boolean }
  | { readonly kind: 'output'; readonly body: string; readonly bodyOffset: number; readonly offset: number; readonly trimLeft: boolean; readonly trimRight: boolean }
  | { readonly kind: 'tag'; readonly name: string; readonly args: string; readonly argsOffset: number; readonly offset: number; readonly trimLeft: boolean; readonly trimRight: boolean };

const UNICODE_BLANKS = new Set([160, 5760, 6158, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288]);

/** LiquidJS's BLANK character class, which is what `-` trims. */
export function isBlank(code: number): boolean {
  return (code >= 9 && code <= 13) || code === 32 || UNICODE_BLANKS.has(code);
}

const RAW_END = /\{%-?\s*endraw\s*-?%\}/g;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let p = 0;
  while (p < source.length) {
    const open = findOpen(source, p);
    if (open > p) tokens.push({ kind: 'text', text: source.slice(p, open), offset: p, raw: false });
    if (open >= source.length) break;
    if (source[open + 1] === '{') p = readOutput(source, open, tokens);
    else {
      p = readTag(source, open, tokens);
      const last = tokens[tokens.length - 1];
      if (last?.kind === 'tag' && last.name === 'raw') p = readRaw(source, p, open, tokens);
    }
  }
  applyWhitespaceControl(tokens);
  return tokens;
}

function findOpen(source: string, from: number): number {
  for (let i = source.indexOf('{', from); i >= 0; i = source.indexOf('{', i + 1)) {
    const next = source[i + 1];
    if (next === '{' || next === '%') return i;
  }
  return source.length;
}

function readOutput(source: string, open: number, tokens: Token[]): number {
  // Like LiquidJS, quoted strings inside an output may contain `}}`.
  let i = open + 2;
  while (i < source.length) {
    const c = source[i];
    if (c === '"' || c === "'") {
      const close = source.indexOf(c, i + 1);
      if (close < 0) break;
      i = close + 1;
      continue;
    }
    if (c === '}' && source[i + 1] === '}') {
      const trimLeft = source[open + 2] === '-';
      const trimRight = i - 1 > open + 2 && source[i - 1] === '-';
      const bodyStart = open + 2 + (trimLeft ? 1 : 0);
      const bodyEnd = trimRight ? i - 1 : i;
      tokens.push({ kind: 'output', body: source.slice(bodyStart, Math.max(bodyStart, bodyEnd)), bodyOffset: bodyStart, offset: open, trimLeft, trimRight });
      return i + 2;
    }
    i++;
  }
  throw new TemplateError('PORM_TEMPLATE_SYNTAX', 'output "{{" is not closed with "}}"', positionAt(source, open));
}

function readTag(source: string, open: number, tokens: Token[]): number {
  const close = source.indexOf('%}', open + 2);
  if (close < 0) throw new TemplateError('PORM_TEMPLATE_SYNTAX', 'tag "{%" is not closed with "%}"', positionAt(source, open));
  const trimLeft = source[open + 2] === '-';
  const trimRight = close - 1 > open + 2 && source[close - 1] === '-';
  const innerStart = open + 2 + (trimLeft ? 1 : 0);
  const inner = source.slice(innerStart, trimRight ? close - 1 : close);
  const lead = inner.length - inner.trimStart().length;
  const m = /^(#|[A-Za-z_][\w-]*)/.exec(inner.slice(lead));
  if (!m) throw new TemplateError('PORM_TEMPLATE_SYNTAX', 'tag has no name', positionAt(source, open));
  const name = m[1]!;
  const argsOffset = innerStart + lead + name.length;
  tokens.push({ kind: 'tag', name, args: inner.slice(lead + name.length), argsOffset, offset: open, trimLeft, trimRight });
  return close + 2;
}

function readRaw(source: string, p: number, open: number, tokens: Token[]): number {
  RAW_END.lastIndex = p;
  const m = RAW_END.exec(source);
  if (!m) throw new TemplateError('PORM_TEMPLATE_SYNTAX', 'raw tag is not closed with endraw', positionAt(source, open));
  if (m.index > p) tokens.push({ kind: 'text', text: source.slice(p, m.index), offset: p, raw: true });
  readTag(source, m.index, tokens);
  return m.index + m[0].length;
}

function applyWhitespaceControl(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text') continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // Inside raw the markers are content; LiquidJS ignores raw's right marker and endraw's left one.
    if (t.trimLeft && prev?.kind === 'text' && !prev.raw && !(t.kind === 'tag' && t.name === 'endraw')) {
      let end = prev.text.length;
      while (end > 0 && isBlank(prev.text.charCodeAt(end - 1))) end--;
      prev.text = prev.text.slice(0, end);
    }
    if (t.trimRight && next?.kind === 'text' && !next.raw && !(t.kind === 'tag' && t.name === 'raw')) {
      let start = 0;
      while (start < next.text.length && isBlank(next.text.charCodeAt(start))) start++;
      next.text = next.text.slice(start);
    }
  }
}
