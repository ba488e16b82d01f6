import type { Predicate, Scalar } from '../format/types.ts';
import type { DeviceContext } from '../bound/model.ts';

// Rules are declarative predicates evaluated the same way on the server (recipient data and
// history) and on the phone (device context). Pure and browser-safe: the device bundle imports it.
// A value that is absent never satisfies a comparison: `eq`, `gt`, `lt`, `in` are false and `ne`
// is true, so a rule about something the device did not report falls to its "otherwise" side.

export type Lookup = (path: string) => unknown;

export function evaluatePredicate(p: Predicate, lookup: Lookup): boolean {
  if ('and' in p) return p.and.every((q) => evaluatePredicate(q, lookup));
  if ('or' in p) return p.or.some((q) => evaluatePredicate(q, lookup));
  if ('not' in p) return !evaluatePredicate(p.not, lookup);
  if ('exists' in p) {
    const v = lookup(p.exists.path);
    return v !== undefined && v !== null;
  }
  if ('eq' in p) return same(lookup(p.eq.path), p.eq.value);
  if ('ne' in p) return !same(lookup(p.ne.path), p.ne.value);
  if ('in' in p) {
    const v = lookup(p.in.path);
    return p.in.values.some((x) => same(v, x));
  }
  if ('gt' in p) return compare(lookup(p.gt.path), p.gt.value) > 0;
  return compare(lookup(p.lt.path), p.lt.value) < 0;
}

function same(v: unknown, x: Scalar): boolean {
  if (v === undefined) return false;
  return v === x || (v === null && x === null);
}

/** Sign of v − x when both are numbers or both are strings; NaN (never true) otherwise. */
function compare(v: unknown, x: string | number): number {
  if (typeof v === 'number' && typeof x === 'number') return v - x;
  if (typeof v === 'string' && typeof x === 'string') return v < x ? -1 : v > x ? 1 : 0;
  return Number.NaN;
}

/** Reads a `device.*` path from a device context; any other path is absent. */
export function deviceLookup(ctx: DeviceContext): Lookup {
  return (path) => {
    if (!path.startsWith('device.')) return undefined;
    const rest = path.slice(7);
    if (rest.startsWith('capability.')) return ctx.capability?.[rest.slice(11) as keyof NonNullable<DeviceContext['capability']>];
    return Object.hasOwn(ctx, rest) ? (ctx as Record<string, unknown>)[rest] : undefined;
  };
}

/** Reads a dotted path (`order.total`, `history.clicks`, `items.size`) from plain data, own properties only. */
export function dataLookup(data: Readonly<Record<string, unknown>>): Lookup {
  return (path) => {
    let v: unknown = data;
    for (const key of path.split('.')) {
      if (Array.isArray(v)) {
        if (key === 'size') { v = v.length; continue; }
        if (key === 'first') { v = v[0]; continue; }
        if (key === 'last') { v = v[v.length - 1]; continue; }
        return undefined;
      }
      if (typeof v === 'string' && key === 'size') { v = v.length; continue; }
      if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
    return v;
  };
}
