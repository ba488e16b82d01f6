// Where things are in a JSON text, so the template editor can say "line 12, column 5" for an
// error that the validator names by JSON pointer, and for a syntax error. Pure and iterative (no
// recursion): the text is what someone typed or pasted, nested as deeply as they liked.

export interface Place {
  /** 1-based line and column (UTF-16 units, as a textarea counts them). */
  line: number;
  col: number;
  offset: number;
  /** The line's text, for showing next to the message. */
  text: string;
}

export function placeAt(text: string, offset: number): Place {
  const at = Math.max(0, Math.min(offset, text.length));
  const start = text.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
  const end = text.indexOf('\n', at);
  return { line, col: at - start + 1, offset: at, text: text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '') };
}

const WS = new Set([' ', '\t', '\n', '\r']);
const skipWs = (t: string, i: number): number => { while (i < t.length && WS.has(t[i]!)) i++; return i; };

/** The end of the string starting at `i` (a quote), or -1 when it never closes or breaks JSON's rules. */
function stringEnd(t: string, i: number): number {
  for (let j = i + 1; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      const e = t[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(t.slice(j + 2, j + 6))) return -1;
        j += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
      else return -1;
    }
  }
  return -1;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The end of a scalar (number, true, false, null) at `i`, or -1. */
function scalarEnd(t: string, i: number): number {
  for (const word of ['true', 'false', 'null']) if (t.startsWith(word, i)) return i + word.length;
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(t);
  return m && m[0].length > 0 ? i + m[0].length : -1;
}

export interface SyntaxProblem { offset: number; message: string }

/**
 * Checks `text` is one JSON value and says where it first is not (the same texts JSON.parse
 * refuses). A stack of open containers replaces recursion.
 */
export function jsonSyntaxProblem(text: string): SyntaxProblem | null {
  const stack: Array<'{' | '['> = [];
  const fail = (offset: number, message: string): SyntaxProblem => ({ offset, message });
  const unclosed = (): string => `the ${stack[stack.length - 1] === '{' ? 'object' : 'list'} is not closed`;
  let i = 0;
  // What may come next: a value, a key (after "{" or ","), or either of them or the close of an empty container.
  let expect: 'value' | 'key' | 'value-or-close' | 'key-or-close' = 'value';
  for (;;) {
    i = skipWs(text, i);
    if (i >= text.length) return fail(i, stack.length > 0 ? unclosed() : 'no JSON value');
    const c = text[i]!;
    if (expect === 'key' || (expect === 'key-or-close' && c !== '}')) {
      if (c !== '"') return fail(i, 'expected a quoted field name');
      const end = stringEnd(text, i);
      if (end < 0) return fail(i, 'the field name is not a valid string');
      i = skipWs(text, end);
      if (text[i] !== ':') return fail(i, 'expected ":" after the field name');
      i++;
      expect = 'value';
      continue;
    }
    if ((c === '}' && expect === 'key-or-close') || (c === ']' && expect === 'value-or-close')) {
      stack.pop();
      i++;
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      expect = c === '{' ? 'key-or-close' : 'value-or-close';
      continue;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return fail(i, 'the text is not a valid string (an unclosed quote, a line break or a bad escape in it)');
      i = end;
    } else {
      const end = scalarEnd(text, i);
      if (end < 0) return fail(i, `unexpected ${JSON.stringify(c)}`);
      i = end;
    }
    // A value ended (perhaps closing containers): a comma, a closer or the end must follow.
    for (;;) {
      i = skipWs(text, i);
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? fail(i, 'text after the end of the JSON value') : null;
      const closer = top === '{' ? '}' : ']';
      if (text[i] === ',') { i++; expect = top === '{' ? 'key' : 'value'; break; }
      if (text[i] === closer) { stack.pop(); i++; continue; }
      return fail(i, i >= text.length ? unclosed() : `expected "," or "${closer}"`);
    }
  }
}

/** The end of any JSON value starting at `i` (the text is known to be valid JSON). */
function valueEnd(t: string, i: number): number {
  const c = t[i];
  if (c === '"') return stringEnd(t, i);
  if (c !== '{' && c !== '[') return scalarEnd(t, i);
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    const d = t[j];
    if (d === '"') { j = stringEnd(t, j) - 1; continue; }
    if (d === '{' || d === '[') depth++;
    else if (d === '}' || d === ']') { depth--; if (depth === 0) return j + 1; }
  }
  return t.length;
}

/** RFC 6901 tokens of a pointer ("" is the whole document). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Where the JSON pointer points in `text` (valid JSON): an object member's key, or a list
 * item's value; when the pointer goes further than the document (a missing field), the deepest
 * place that exists, with `exact` false. A repeated key counts as JSON.parse does: the last one.
 */
export function locatePointer(text: string, pointer: string): { offset: number; exact: boolean } {
  let at = skipWs(text, 0);
  let place = at;
  for (const token of pointerTokens(pointer)) {
    const open = text[at];
    let found = -1;
    let foundKey = -1;
    if (open === '{') {
      let i = skipWs(text, at + 1);
      while (text[i] === '"') {
        const keyEnd = stringEnd(text, i);
        const key = JSON.parse(text.slice(i, keyEnd)) as string;
        const v = skipWs(text, skipWs(text, keyEnd) + 1);
        if (key === token) { found = v; foundKey = i; }
        i = skipWs(text, valueEnd(text, v));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
    } else if (open === '[' && /^(0|[1-9]\d*)$/.test(token)) {
      const want = Number(token);
      let i = skipWs(text, at + 1);
      for (let n = 0; i < text.length && text[i] !== ']'; n++) {
        if (n === want) { found = i; foundKey = i; break; }
        i = skipWs(text, valueEnd(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
    }
    if (found < 0) return { offset: place, exact: false };
    at = found;
    place = foundKey;
  }
  return { offset: place, exact: true };
}
