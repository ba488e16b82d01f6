import { childPointer, type ErrorSink } from './report.ts';

// A cheap, iterative pass before ajv: ajv recurses on the input and trusts it to be plain data,
// so depth, size and non-JSON values (getters, class instances, functions) are rejected here first.

export interface DocumentLimits {
  /** JSON nesting depth of the whole document. */
  readonly maxDepth: number;
  /** Total number of values (objects, arrays and scalars). */
  readonly maxNodes: number;
  /** Longest single string, in UTF-16 units (the schema sets tighter per-field caps). */
  readonly maxStringLength: number;
  /** Keys of one object / items of one array. */
  readonly maxFanout: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = Object.freeze({ maxDepth: 24, maxNodes: 20_000, maxStringLength: 16_384, maxFanout: 500 });

/** Returns false when the document must not go on to the schema (too big, too deep or not JSON). */
export function prescan(root: unknown, limits: DocumentLimits, sink: ErrorSink): boolean {
  if (!isPlainObject(root)) {
    sink.add({ pointer: '', code: 'PORM_TEMPLATE_DOC_NOT_OBJECT', message: `the document must be a JSON object, not ${describe(root)}` });
    return false;
  }
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value: root, pointer: '', depth: 1 }];
  let nodes = 0;
  let ok = true;
  while (stack.length > 0 && !sink.full) {
    const { value, pointer, depth } = stack.pop()!;
    if (++nodes > limits.maxNodes) {
      sink.add({ pointer, code: 'PORM_TEMPLATE_DOC_TOO_LARGE', message: `the document has more than ${limits.maxNodes} values` });
      return false;
    }
    if (value === null || typeof value === 'boolean') continue;
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) {
        sink.add({ pointer, code: 'PORM_TEMPLATE_DOC_TOO_LARGE', message: `string longer than ${limits.maxStringLength} characters` });
        ok = false;
      }
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        sink.add({ pointer, code: 'PORM_TEMPLATE_DOC_NOT_JSON', message: 'numbers must be finite' });
        ok = false;
      }
      continue;
    }
    const isArray = Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
    if (!isArray && !isPlainObject(value)) {
      sink.add({ pointer, code: 'PORM_TEMPLATE_DOC_NOT_JSON', message: `${describe(value)} is not a JSON value` });
      ok = false;
      continue;
    }
    if (depth > limits.maxDepth) {
      sink.add({ pointer, code: 'PORM_TEMPLATE_DOC_TOO_DEEP', message: `nested deeper than ${limits.maxDepth} levels` });
      return false;
    }
    // Object.keys also covers arrays; checked before reading so a huge array costs nothing more.
    const keys = Object.keys(value);
    if (keys.length > limits.maxFanout) {
      sink.add({ pointer, code: 'PORM_TEMPLATE_DOC_TOO_LARGE', message: `more than ${limits.maxFanout} ${isArray ? 'items' : 'fields'}` });
      return false;
    }
    for (const key of keys) {
      const desc = Object.getOwnPropertyDescriptor(value, key)!;
      const at = childPointer(pointer, key);
      // Reading an accessor would run the caller's code; plain JSON never has one.
      if (!('value' in desc)) {
        sink.add({ pointer: at, code: 'PORM_TEMPLATE_DOC_NOT_JSON', message: 'accessor properties are not JSON' });
        ok = false;
        continue;
      }
      stack.push({ value: desc.value, pointer: at, depth: depth + 1 });
    }
  }
  return ok && !sink.full;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object that is not plain';
  return `a ${typeof v}`;
}
