import { jsTruthy, looseNumber, stringify } from '../values.ts';
import { unary, type FilterDef, type FilterTable } from './types.ts';

// String filters, each following the LiquidJS v10 implementation of the same name.

function advanceCodePoints(str: string, from: number, count: number): number {
  let index = from;
  for (let i = 0; i < count && index < str.length; i++) index += str.codePointAt(index)! > 0xffff ? 2 : 1;
  return index;
}

function codePointLength(str: string): number {
  let n = 0;
  for (let i = 0; i < str.length; i = advanceCodePoints(str, i, 1)) n++;
  return n;
}

function trimStartSet(str: string, chars: ReadonlySet<string>): number {
  let start = 0;
  for (const ch of str) {
    if (!chars.has(ch)) break;
    start += ch.length;
  }
  return start;
}

function trimEndSet(str: string, chars: ReadonlySet<string>, start = 0): number {
  let end = str.length;
  while (end > start) {
    const size = end - start >= 2 && str.codePointAt(end - 2)! > 0xffff ? 2 : 1;
    if (!chars.has(str.slice(end - size, end))) break;
    end -= size;
  }
  return end;
}

/** The optional `chars` argument of strip/lstrip/rstrip: JS-truthy means "strip these". */
function charSet(arg: unknown): Set<string> | undefined {
  return jsTruthy(arg) ? new Set(stringify(arg)) : undefined;
}

const strip: FilterDef = {
  min: 0, max: 1,
  apply: (v, [chars]) => {
    const str = stringify(v);
    const set = charSet(chars);
    if (!set) return str.trim();
    const start = trimStartSet(str, set);
    return str.slice(start, trimEndSet(str, set, start));
  },
};

const lstrip: FilterDef = {
  min: 0, max: 1,
  apply: (v, [chars]) => {
    const str = stringify(v);
    const set = charSet(chars);
    return set ? str.slice(trimStartSet(str, set)) : str.trimStart();
  },
};

const rstrip: FilterDef = {
  min: 0, max: 1,
  apply: (v, [chars]) => {
    const str = stringify(v);
    const set = charSet(chars);
    return set ? str.slice(0, trimEndSet(str, set)) : str.trimEnd();
  },
};

const truncate: FilterDef = {
  min: 0, max: 2,
  apply: (v, args) => {
    const str = stringify(v);
    const l = args[0] === undefined ? 50 : looseNumber(args[0]);
    const o = args.length > 1 && args[1] !== undefined ? stringify(args[1]) : '...';
    if (str.length <= l || advanceCodePoints(str, 0, l) >= str.length) return v;
    return str.slice(0, advanceCodePoints(str, 0, Math.max(l - codePointLength(o), 0))) + o;
  },
};

const truncatewords: FilterDef = {
  min: 0, max: 2,
  apply: (v, args) => {
    const str = stringify(v);
    let words = args[0] === undefined ? 15 : looseNumber(args[0]);
    const o = args.length > 1 && args[1] !== undefined ? stringify(args[1]) : '...';
    const parts = str.trimStart().split(/\s+/);
    if (words <= 0) words = 1;
    let ret = parts.slice(0, words).join(' ');
    if (parts.length >= words) ret += o;
    return ret;
  },
};

function binary(apply: (str: string, arg: string) => string): FilterDef {
  return { min: 1, max: 1, apply: (v, [arg], _n, rt) => rt.checkString(apply(stringify(v), stringify(arg))) };
}

function ternary(apply: (str: string, a: string, b: string) => string): FilterDef {
  return { min: 2, max: 2, apply: (v, [a, b], _n, rt) => rt.checkString(apply(stringify(v), stringify(a), stringify(b))) };
}

const split: FilterDef = {
  min: 1, max: 1,
  apply: (v, [sep], _n, rt) => {
    const parts = stringify(v).split(stringify(sep));
    // Ruby's split drops trailing empty fields; LiquidJS (and so porm) does too.
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    return rt.checkArray(parts);
  },
};

export const stringFilters: FilterTable = {
  upcase: unary((v) => stringify(v).toUpperCase()),
  downcase: unary((v) => stringify(v).toLowerCase()),
  capitalize: unary((v) => {
    const str = stringify(v);
    return str.charAt(0).toUpperCase() + str.slice(1).toLowerCase();
  }),
  strip,
  lstrip,
  rstrip,
  truncate,
  truncatewords,
  append: binary((s, a) => s + a),
  prepend: binary((s, a) => a + s),
  remove: binary((s, a) => s.split(a).join('')),
  remove_first: binary((s, a) => s.replace(a, () => '')),
  replace: ternary((s, a, b) => s.split(a).join(b)),
  replace_first: ternary((s, a, b) => s.replace(a, () => b)),
  split,
};
