import { childPointer, type ErrorSink } from './report.ts';
import { undeclared } from './slots.ts';
import type { Predicate, Slot } from './types.ts';
import { DEVICE_PATHS, HISTORY_PATHS, type ValueKind } from './vocabulary.ts';

// Rules are declarative predicates, never code. The schema fixes their shape; this checks what it
// cannot: depth, that server paths exist, and that each comparison fits the value it reads.

export const MAX_PREDICATE_DEPTH = 6;

export function checkPredicate(p: Predicate, at: string, side: 'server' | 'device', data: Readonly<Record<string, Slot>>, sink: ErrorSink, depth = 1): void {
  if (depth > MAX_PREDICATE_DEPTH) {
    sink.add({ pointer: at, code: 'PORM_TEMPLATE_DOC_TOO_DEEP', message: `rules nest deeper than ${MAX_PREDICATE_DEPTH} levels` });
    return;
  }
  if ('and' in p || 'or' in p) {
    const op = 'and' in p ? 'and' : 'or';
    const list = 'and' in p ? p.and : p.or;
    list.forEach((q, i) => checkPredicate(q, `${at}/${op}/${i}`, side, data, sink, depth + 1));
    return;
  }
  if ('not' in p) return checkPredicate(p.not, `${at}/not`, side, data, sink, depth + 1);
  const [op, args] = Object.entries(p)[0] as [string, { path: string; value?: unknown; values?: unknown[] }];
  const pathAt = `${childPointer(at, op)}/path`;
  const kind = side === 'device' ? DEVICE_PATHS[args.path] : serverKind(args.path, data, pathAt, sink);
  if (kind === undefined || op === 'exists') return;
  if ((op === 'gt' || op === 'lt') && kind === 'boolean') {
    sink.add({ pointer: childPointer(at, op), code: 'PORM_TEMPLATE_DOC_PREDICATE_INVALID', message: `${args.path} is a boolean and cannot be ordered` });
    return;
  }
  const values = op === 'in' ? args.values ?? [] : [args.value];
  values.forEach((v, i) => {
    if (v !== null && typeof v !== kind) {
      const vAt = op === 'in' ? `${childPointer(at, op)}/values/${i}` : `${childPointer(at, op)}/value`;
      sink.add({ pointer: vAt, code: 'PORM_TEMPLATE_DOC_PREDICATE_INVALID', message: `${args.path} is a ${kind}; compare it with a ${kind}` });
    }
  });
}

/** The kind of value a server path reads, undefined when unknown; reports paths that do not exist. */
function serverKind(path: string, data: Readonly<Record<string, Slot>>, at: string, sink: ErrorSink): ValueKind | undefined {
  if (path.startsWith('history.')) {
    const kind = HISTORY_PATHS[path];
    if (!kind) sink.add({ pointer: at, code: 'PORM_TEMPLATE_DOC_UNDECLARED_VARIABLE', message: `${path} is not in the history vocabulary` });
    return kind;
  }
  const why = undeclared(path, data);
  if (why) {
    sink.add({ pointer: at, code: 'PORM_TEMPLATE_DOC_UNDECLARED_VARIABLE', message: why });
    return undefined;
  }
  const slot = Object.hasOwn(data, path) ? data[path] : undefined;
  if (!slot) return undefined;
  if (slot.type === 'number' || slot.type === 'boolean') return slot.type;
  return slot.type === 'list' || slot.type === 'object' ? undefined : 'string';
}
