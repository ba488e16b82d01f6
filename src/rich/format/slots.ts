import type { ErrorSink } from './report.ts';
import { childPointer } from './report.ts';
import type { Slot, SlotShape, SlotType } from './types.ts';
import { RESERVED_SLOT_NAMES } from './vocabulary.ts';

// The data contract: a slot's example and default must fit its type, and every data path a
// template reads must exist in the declared shapes (WhatsApp-style parameter mismatches caught at save time).

export function checkSlots(data: Readonly<Record<string, Slot>>, sink: ErrorSink): void {
  for (const [name, slot] of Object.entries(data)) {
    const at = childPointer('/data', name);
    if (RESERVED_SLOT_NAMES.has(name)) sink.add({ pointer: at, code: 'PORM_TEMPLATE_DOC_SLOT_INVALID', message: `"${name}" is reserved` });
    if (!fits(slot, slot.example)) sink.add({ pointer: `${at}/example`, code: 'PORM_TEMPLATE_DOC_SLOT_INVALID', message: `example does not match type ${slot.type}` });
    if (slot.default !== undefined && !fits(slot, slot.default)) sink.add({ pointer: `${at}/default`, code: 'PORM_TEMPLATE_DOC_SLOT_INVALID', message: `default does not match type ${slot.type}` });
    if (slot.missing === 'default' && slot.default === undefined) sink.add({ pointer: `${at}/default`, code: 'PORM_TEMPLATE_DOC_SLOT_INVALID', message: 'missing is "default" but no default is given' });
    if (slot.items && slot.type !== 'list') sink.add({ pointer: `${at}/items`, code: 'PORM_TEMPLATE_DOC_CONFLICT', message: 'items is only for list slots' });
    if (slot.fields && slot.type !== 'object') sink.add({ pointer: `${at}/fields`, code: 'PORM_TEMPLATE_DOC_CONFLICT', message: 'fields is only for object slots' });
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Shallow check of a value against a shape: enough to catch a wrong example, not a full data validator. */
export function fits(shape: SlotShape, v: unknown, depth = 0): boolean {
  if (depth > 8) return true;
  switch (shape.type) {
    case 'string': return typeof v === 'string';
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    case 'date': return typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v));
    case 'url': return typeof v === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(v);
    case 'phone': return typeof v === 'string' && /^\+?[0-9 ()-]{3,20}$/.test(v);
    case 'list': return Array.isArray(v) && (!shape.items || v.every((x) => fits(shape.items!, x, depth + 1)));
    case 'object':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      if (!shape.fields) return true;
      return Object.entries(shape.fields).every(([k, f]) => !Object.hasOwn(v, k) || fits(f, (v as Record<string, unknown>)[k], depth + 1));
  }
}

type Step = { key: string } | { index: true };

/** Splits a binding path (`order.items[].sku`, `a["b c"]`, `l[0]`) into steps; null if it is not one. */
export function parsePath(path: string): { root: string; steps: Step[] } | null {
  const m = /^[A-Za-z_][\w-]*/.exec(path);
  if (!m) return null;
  const steps: Step[] = [];
  let i = m[0].length;
  while (i < path.length) {
    const rest = path.slice(i);
    const dot = /^\.([A-Za-z_][\w-]*)/.exec(rest);
    const idx = /^\[(-?\d*)\]/.exec(rest);
    const str = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
    if (dot) { steps.push({ key: dot[1]! }); i += dot[0].length; } else if (idx) { steps.push({ index: true }); i += idx[0].length; } else if (str) { steps.push({ key: JSON.parse(str[1]!) as string }); i += str[0].length; } else return null;
  }
  return { root: m[0], steps };
}

const TEXTUAL: ReadonlySet<SlotType> = new Set(['string', 'date', 'url', 'phone']);

/** Why `path` is not covered by the data schema, or null when it is. */
export function undeclared(path: string, data: Readonly<Record<string, Slot>>): string | null {
  const parsed = parsePath(path);
  if (!parsed) return null; // computed keys (a[b.c]) are checked through their own inner paths
  if (!Object.hasOwn(data, parsed.root)) return `"${parsed.root}" is not a declared data slot`;
  let shape: SlotShape | undefined = data[parsed.root];
  let seen = parsed.root;
  for (const step of parsed.steps) {
    if (!shape) return null;
    const name = 'key' in step ? step.key : '[]';
    if (shape.type === 'list') {
      if ('index' in step || name === 'first' || name === 'last') shape = shape.items;
      else if (name === 'size') shape = { type: 'number' };
      else return `${seen} is a list; use [], first, last or size`;
    } else if (shape.type === 'object') {
      if (!shape.fields || 'index' in step) return null; // an open object may hold anything
      if (!Object.hasOwn(shape.fields, name)) return `${seen} has no declared field "${name}"`;
      shape = shape.fields[name];
    } else if (TEXTUAL.has(shape.type) && name === 'size') {
      shape = { type: 'number' };
    } else {
      return `${seen} is a ${shape.type} and has no "${name}"`;
    }
    seen += 'key' in step ? `.${step.key}` : '[]';
  }
  return null;
}
