import { fits } from '../format/slots.ts';
import type { SlotShape } from '../format/types.ts';

// `fits` (src/rich/format/slots.ts) compiled per shape: the same answers, but an object shape's
// field list is walked once at compile time instead of Object.entries on every recipient.
// slot-check.test.ts checks it against fits on random shapes and values.

export type ShapeCheck = (v: unknown, depth: number) => boolean;

/** Mirrors fits' depth cut-off (deeper than 8: accepted). */
const MAX_DEPTH = 8;

export function compileShapeCheck(shape: SlotShape): ShapeCheck {
  switch (shape.type) {
    case 'list': {
      if (!shape.items) return (v, d) => d > MAX_DEPTH || Array.isArray(v);
      const item = compileShapeCheck(shape.items);
      return (v, d) => d > MAX_DEPTH || (Array.isArray(v) && v.every((x) => item(x, d + 1)));
    }
    case 'object': {
      const fields = shape.fields ? Object.entries(shape.fields).map(([k, f]) => [k, compileShapeCheck(f)] as const) : [];
      return (v, d) => {
        if (d > MAX_DEPTH) return true;
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
        for (const [k, check] of fields) if (Object.hasOwn(v, k) && !check((v as Record<string, unknown>)[k], d + 1)) return false;
        return true;
      };
    }
    default:
      // Scalars are cheap already; reusing fits keeps the exact same patterns.
      return (v, d) => fits(shape, v, d);
  }
}
