import { formatDate, parseDateInput, zoneOffset } from '../date-format.ts';
import { TemplateError } from '../template-error.ts';
import { elementAt, isNil, isPlainObject, isTruthy, jsTruthy, ownData, stringify, toNumber, toValue } from '../values.ts';
import type { FilterDef, FilterTable } from './types.ts';

// default, json and date.

// LiquidJS's default date format, used when `date` gets no format.
const DEFAULT_DATE_FORMAT = '%A, %B %-e, %Y at %-l:%M %P %z';
const MAX_JSON_DEPTH = 64;

const defaultFilter: FilterDef = {
  min: 1, max: 1, named: ['allow_false'],
  apply: (input, [fallback], named) => {
    const v = toValue(input);
    if (Array.isArray(v) || typeof v === 'string') return v.length > 0 ? v : fallback;
    if (v === false && named.has('allow_false') && jsTruthy(named.get('allow_false'))) return false;
    return isTruthy(v) ? v : fallback;
  },
};

/**
 * A fresh copy holding only what JSON.stringify would print of plain data: no getters run, no
 * toJSON, functions and class instances dropped, cycles refused instead of overflowing the stack.
 */
function plainCopy(v: unknown, depth: number, path: Set<object>): unknown {
  const x = toValue(v);
  if (typeof x !== 'object' || x === null) return x;
  if (depth > MAX_JSON_DEPTH || path.has(x)) throw new TemplateError('PORM_TEMPLATE_DATA_INVALID', 'json: data nests too deeply or contains a cycle');
  path.add(x);
  let copy: unknown;
  if (Array.isArray(x)) copy = x.map((_, i) => plainCopy(elementAt(x, i), depth + 1, path));
  else if (isPlainObject(x)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) {
      const item = ownData(x, k);
      if (item !== undefined) Object.defineProperty(out, k, { value: plainCopy(item, depth + 1, path), enumerable: true, writable: true, configurable: true });
    }
    copy = out;
  }
  path.delete(x);
  return copy;
}

const json: FilterDef = {
  min: 0, max: 1,
  apply: (input, args, _n, rt) => {
    const space = args.length > 0 ? toNumber(args[0]) : 0;
    const text = JSON.stringify(plainCopy(input, 0, new Set()), null, space) as string | undefined;
    return text === undefined ? undefined : rt.checkString(text);
  },
};

const date: FilterDef = {
  min: 0, max: 2,
  apply: (input, args, _n, rt) => {
    const ms = parseDateInput(input, rt.now);
    if (ms === undefined) return input;
    const offset = zoneOffset(args[1], ms);
    if (offset === undefined) return input;
    const format = args.length === 0 || isNil(toValue(args[0])) ? DEFAULT_DATE_FORMAT : stringify(args[0]);
    return rt.checkString(formatDate(ms, format, offset));
  },
};

export const miscFilters: FilterTable = { default: defaultFilter, json, date };
