// Where a JSON text first goes wrong. Node 20's JSON.parse says only "Unexpected token" with no
// position, so porm finds it itself to tell the client its line and column. Iterative (an explicit
// stack), so hostile nesting cannot overflow the call stack. Pure; only called once parsing failed.

export interface JsonSyntaxError {
  /** Index into the text (UTF-16 code units, as JavaScript counts them). */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** What was wrong, e.g. `expected "," or "}" but found "]"`. */
  problem: string;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

function describe(text: string, at: number): string {
  if (at >= text.length) return 'the end of the body';
  const ch = text.codePointAt(at)!;
  return ch < 0x20 ? `a control character (U+${ch.toString(16).padStart(4, '0').toUpperCase()})` : `"${String.fromCodePoint(ch)}"`;
}

function positionOf(text: string, offset: number, problem: string): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1, problem };
}

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: Array<'{' | '['> = [];
  let i = 0;
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (expected: string): JsonSyntaxError => positionOf(text, i, `expected ${expected} but found ${describe(text, i)}`);
  // Scans a string at i (which is a quote); returns an error or null with i past the closing quote.
  const string = (): JsonSyntaxError | null => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c < 0x20) return positionOf(text, i, `${describe(text, i)} inside a string; escape it`);
      if (c === 92) {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) return positionOf(text, i, 'invalid escape sequence in a string');
        i = ESCAPE.lastIndex;
      } else i++;
    }
    return positionOf(text, i, 'unterminated string');
  };

  // mode: 'value' expects a value; 'after' has just finished one.
  let mode: 'value' | 'after' = 'value';
  ws();
  for (;;) {
    if (mode === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          mode = 'after';
          continue;
        }
        if (c === '{') {
          if (text[i] !== '"') return fail('a property name in double quotes or "}"');
          const err = string() ?? (ws(), text[i] === ':' ? null : fail('":"'));
          if (err) return err;
          i++;
          ws();
        }
        continue;
      }
      if (c === '"') {
        const err = string();
        if (err) return err;
      } else if (c === 't' || c === 'f' || c === 'n') {
        const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
        if (!text.startsWith(word, i)) return fail('a value');
        i += word.length;
      } else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return fail('a value');
        i = NUMBER.lastIndex;
      }
      mode = 'after';
      continue;
    }
    ws();
    const top = stack[stack.length - 1];
    if (top === undefined) return i < text.length ? positionOf(text, i, `unexpected ${describe(text, i)} after the JSON value`) : null;
    const close = top === '{' ? '}' : ']';
    if (text[i] === close) {
      stack.pop();
      i++;
      continue;
    }
    if (text[i] !== ',') return fail(`"," or "${close}"`);
    i++;
    ws();
    if (top === '{') {
      if (text[i] !== '"') return fail('a property name in double quotes');
      const err = string() ?? (ws(), text[i] === ':' ? null : fail('":"'));
      if (err) return err;
      i++;
      ws();
    }
    mode = 'value';
  }
}
