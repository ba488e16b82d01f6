import {
  elementAt, equals, isNil, isTruthy, jsTruthy, looseNumber, ownData, readProperty, stringify, toArray, toPrimitive, toValue,
} from '../values.ts';
import { unary, type FilterDef, type FilterTable } from './types.ts';

// Array filters, following LiquidJS v10. Items are read through ownData, so getters never run.

/** Array.prototype.join's item conversion, done without calling anything from the data. */
function joinItem(item: unknown): string {
  return isNil(item) ? '' : String(toPrimitive(item));
}

/** Property lookup by a dotted path string, as map/sort/where take it. */
function readPath(item: unknown, path: unknown): unknown {
  let value = item;
  for (const key of stringify(path).split('.')) value = readProperty(value, key);
  return value;
}

/**
 * where's lookup: LiquidJS evaluates the property as a variable with the item as the scope, so the
 * first key is looked up on the item only if the item is an object that has it (`in`), else on an
 * empty scope (where `size` is 0). Strings act as String objects; other primitives and nil have no keys.
 */
function whereLookup(item: unknown, path: unknown): unknown {
  const [first = '', ...rest] = stringify(path).split('.');
  const hasKey = typeof item === 'string'
    ? first === 'length' || (/^\d+$/.test(first) && Number(first) < item.length)
    : typeof item === 'object' && item !== null && first in item;
  let value = readProperty(hasKey ? item : {}, first);
  for (const key of rest) value = readProperty(value, key);
  return value;
}

/** first/last accept anything with a numeric length, strings included (LiquidJS isArrayLike). */
function arrayLikeAt(input: unknown, index: number): unknown {
  const v = toValue(input);
  if (typeof v === 'string') {
    if (v.length === 0) return '';
    const i = index < 0 ? v.length + index : index;
    return v[i];
  }
  if (Array.isArray(v)) return elementAt(v, index);
  if (typeof v === 'object' && v !== null) {
    const length = ownData(v, 'length');
    if (typeof length !== 'number') return '';
    return ownData(v, String(index < 0 ? length + index : index));
  }
  return '';
}

// LiquidJS's orderedCompare: nil sorts last, the rest by JavaScript < and >.
function orderedCompare(a: unknown, b: unknown): number {
  if (isNil(a) && isNil(b)) return 0;
  if (isNil(a)) return 1;
  if (isNil(b)) return -1;
  const x = toPrimitive(a) as number;
  const y = toPrimitive(b) as number;
  if (x < y) return -1;
  if (x > y) return 1;
  return 0;
}

const join: FilterDef = {
  min: 0, max: 1,
  apply: (v, args, _n, rt) => {
    const sep = args.length === 0 || isNil(toValue(args[0])) ? ' ' : stringify(args[0]);
    return rt.checkString(toArray(v).map(joinItem).join(sep));
  },
};

const sort: FilterDef = {
  min: 0, max: 1,
  apply: (v, [property]) => {
    const keyed = toArray(v).map((item) => [item, jsTruthy(property) ? readPath(item, property) : item] as const);
    return keyed.sort((l, r) => orderedCompare(l[1], r[1])).map(([item]) => item);
  },
};

const map: FilterDef = {
  min: 1, max: 1,
  apply: (v, [property]) => toArray(v).map((item) => readPath(item, property)),
};

const where: FilterDef = {
  min: 1, max: 2,
  apply: (v, args) => toArray(v).filter((item) => {
    const value = whereLookup(item, args[0]);
    return args.length < 2 || args[1] === undefined ? isTruthy(value) : equals(value, args[1]);
  }),
};

const slice: FilterDef = {
  min: 1, max: 2,
  apply: (input, args) => {
    let v: unknown = toValue(input);
    if (isNil(v)) return [];
    if (!Array.isArray(v)) v = stringify(v);
    const list = v as unknown[] | string;
    const length = args.length > 1 && args[1] !== undefined ? looseNumber(args[1]) : 1;
    let begin = looseNumber(args[0]);
    const size = typeof list === 'string' ? [...list].length : list.length;
    begin = begin < 0 ? size + begin : begin;
    if (begin < 0 || length < 0) return typeof list === 'string' ? '' : [];
    if (typeof list !== 'string') return toArray(list).slice(begin, begin + length);
    return [...list].slice(begin, begin + length).join('');
  },
};

export const arrayFilters: FilterTable = {
  join,
  first: unary((v) => arrayLikeAt(v, 0)),
  last: unary((v) => arrayLikeAt(v, -1)),
  size: unary((input) => {
    // LiquidJS: `(v && v.length) || 0`, no unwrapping of specials.
    if (typeof input === 'string' || Array.isArray(input)) return input.length || 0;
    if (typeof input === 'object' && input !== null) {
      const length = ownData(input, 'length');
      return length === undefined || length === null || length === false || length === 0 || length === '' ? 0 : length;
    }
    return 0;
  }),
  reverse: unary((v) => toArray(v).reverse()),
  sort,
  uniq: unary((v) => [...new Set(toArray(v))]),
  compact: unary((v) => toArray(v).filter((x) => !isNil(toValue(x)))),
  map,
  where,
  slice,
};
