import { TemplateError } from './template-error.ts';

// Liquid's three special literals. They compare in their own way (LiquidJS "drops"), and print as ''.
export class Special {
  constructor(readonly name: 'nil' | 'empty' | 'blank') {}
}
export const NIL = new Special('nil');
export const EMPTY = new Special('empty');
export const BLANK = new Special('blank');

// Paths that would reach into JavaScript's object model instead of the data.
const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// Printing nested arrays walks them; this bounds the walk and catches cycles in hostile data.
const MAX_DATA_DEPTH = 64;

export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * What the template may see of a data value: primitives, arrays and plain objects. Functions,
 * symbols, class instances (Date, Map, …) read as nil, so nothing from the data is ever called.
 */
export function clean(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return v;
  if (t === 'object' && (Array.isArray(v) || isPlainObject(v))) return v;
  if (v instanceof Special) return v;
  return undefined;
}

/** An own, enumerable data property; getters are never invoked. */
export function ownData(obj: object, key: string): unknown {
  if (BLOCKED_KEYS.has(key)) return undefined;
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d || !d.enumerable || !('value' in d)) return undefined;
  return clean(d.value);
}

/** The specials' JavaScript value, as LiquidJS's toValue gives it. */
export function toValue(v: unknown): unknown {
  if (v instanceof Special) return v === NIL ? null : '';
  return v;
}

export function elementAt(list: readonly unknown[], index: number): unknown {
  const i = index < 0 ? list.length + index : index;
  if (!Number.isInteger(i) || i < 0 || i >= list.length) return undefined;
  return ownData(list, String(i));
}

/** LiquidJS's readProperty restricted to own data: `size`, `first`, `last` and indexes included. */
export function readProperty(obj: unknown, rawKey: unknown): unknown {
  const o = toValue(obj);
  const key = toValue(rawKey);
  if (isNil(o)) return o;
  if (typeof key !== 'string' && typeof key !== 'number') return undefined;
  if (Array.isArray(o) && typeof key === 'number') return elementAt(o, key);
  const k = String(key);
  if (BLOCKED_KEYS.has(k)) return undefined;
  let value: unknown;
  if (typeof o === 'string') {
    if (k === 'length') value = o.length;
    else if (/^\d+$/.test(k) && Number(k) < o.length) value = o[Number(k)];
  } else if (Array.isArray(o) && k === 'length') value = o.length;
  else if (typeof o === 'object') value = ownData(o, k);
  if (k === 'size') return readSize(o);
  if (k === 'first') return Array.isArray(o) ? elementAt(o, 0) : value;
  if (k === 'last') return Array.isArray(o) ? elementAt(o, -1) : value;
  return value;
}

function readSize(o: unknown): unknown {
  if (typeof o === 'object' && o !== null && !Array.isArray(o)) {
    const own = ownData(o, 'size');
    if (own !== undefined) return own;
    return Object.keys(o).length;
  }
  if (Array.isArray(o) || typeof o === 'string') return o.length;
  return undefined;
}

/** Output form of a value: nil prints nothing, arrays print their items back to back. */
export function stringify(v: unknown, depth = 0): string {
  const x = toValue(v);
  if (typeof x === 'string') return x;
  if (isNil(x)) return '';
  if (depth > MAX_DATA_DEPTH) throw new TemplateError('PORM_TEMPLATE_DATA_INVALID', 'data nests too deeply or contains a cycle');
  if (Array.isArray(x)) return x.map((_, i) => stringify(elementAt(x, i), depth + 1)).join('');
  return String(toPrimitive(x, depth));
}

/**
 * JavaScript's ToPrimitive for plain data, done by hand so no toString/valueOf from the data runs:
 * arrays join with ',' (nil items empty), objects are "[object Object]".
 */
export function toPrimitive(v: unknown, depth = 0): string | number | boolean | null | undefined {
  const x = toValue(v);
  if (x === null || x === undefined || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
  if (depth > MAX_DATA_DEPTH) throw new TemplateError('PORM_TEMPLATE_DATA_INVALID', 'data nests too deeply or contains a cycle');
  if (Array.isArray(x)) {
    return x.map((_, i) => {
      const item = elementAt(x, i);
      return isNil(item) ? '' : String(toPrimitive(item, depth + 1));
    }).join(',');
  }
  return '[object Object]';
}

/** LiquidJS toNumber: `+value || 0`. */
export function toNumber(v: unknown): number {
  const p = toPrimitive(v);
  return Number(p === undefined ? NaN : p) || 0;
}

/** Number() for arguments LiquidJS passes through untouched into numeric JS operations. */
export function looseNumber(v: unknown): number {
  const p = toPrimitive(v);
  return p === undefined ? NaN : Number(p);
}

/** JavaScript truthiness, for the few places LiquidJS tests an argument with a bare `if (arg)`. */
export function jsTruthy(v: unknown): boolean {
  if (v instanceof Special) return true;
  return Boolean(v);
}

export function isTruthy(v: unknown): boolean {
  const x = toValue(v);
  return !(x === false || isNil(x));
}

/** LiquidJS toArray: nil → [], array → itself, anything else → [it]. Items are cleaned. */
export function toArray(v: unknown): unknown[] {
  const x = toValue(v);
  if (isNil(x)) return [];
  if (Array.isArray(x)) return x.map((_, i) => elementAt(x, i));
  return [x];
}

/** LiquidJS toEnumerable (for-loop collections): strings are one item, objects are [key, value] pairs. */
export function toEnumerable(v: unknown): unknown[] {
  const x = toValue(v);
  if (Array.isArray(x)) return toArray(x);
  if (typeof x === 'string') return x.length > 0 ? [x] : [];
  if (isPlainObject(x)) return Object.keys(x).filter((k) => !BLOCKED_KEYS.has(k)).map((k) => [k, ownData(x, k)]);
  return [];
}

export function equals(l: unknown, r: unknown): boolean {
  if (l instanceof Special) return specialEquals(l, r);
  if (r instanceof Special) return specialEquals(r, l);
  if (Array.isArray(l)) {
    if (!Array.isArray(r) || l.length !== r.length) return false;
    for (let i = 0; i < l.length; i++) if (!equals(elementAt(l, i), elementAt(r, i))) return false;
    return true;
  }
  return l === r;
}

function specialEquals(s: Special, other: unknown): boolean {
  if (s === NIL) return isNil(toValue(other));
  if (other instanceof Special && other !== NIL) return false;
  if (s === BLANK) {
    if (other === false || isNil(toValue(other))) return true;
    if (typeof other === 'string') return /^\s*$/.test(other);
  }
  const x = toValue(other);
  if (typeof x === 'string' || Array.isArray(x)) return x.length === 0;
  if (isPlainObject(x)) return Object.keys(x).length === 0;
  return false;
}

export function compare(op: '<' | '>' | '<=' | '>=', l: unknown, r: unknown): boolean {
  if (l instanceof Special || r instanceof Special) return false;
  const a = toPrimitive(l);
  const b = toPrimitive(r);
  // Primitive-to-primitive JavaScript comparison is what LiquidJS does; nothing user-defined runs.
  const x = a as number;
  const y = b as number;
  switch (op) {
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    case '>=': return x >= y;
  }
}

export function contains(l: unknown, r: unknown): boolean {
  const x = toValue(l);
  if (Array.isArray(x)) return toArray(x).some((item) => equals(item, r));
  if (typeof x === 'string') return x.includes(String(toPrimitive(toValue(r))));
  return false;
}
