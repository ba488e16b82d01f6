import { PormError, type ErrorCode } from '../../errors.ts';
import { ATTRIBUTE_KEY } from '../fields.ts';

// The segment rule language: closed, JSON, checked here into a typed tree before anything is
// compiled. Nothing from a rule ever becomes SQL text; values and attribute paths are parameters
// (compile.ts).
//   {"and": [rule, …]} {"or": [rule, …]} {"not": rule}
//   {"attribute": "plan", "op": "eq" | "ne" | "in" | "gt" | "gte" | "lt" | "lte" | "contains" | "exists" | "not_exists", "value": …}
//   {"field": "time_zone" | "locale" | "name" | "phone", "op": "eq" | "ne" | "in" | "prefix" | "exists" | "not_exists", "value": …}
//   {"tag": "vip"}  {"list": "lst_…"}  {"consent": "opted_in" | "opted_out" | "none", "program_id"?: "prg_…"}
//   {"received" | "replied" | "clicked": {"within_days": N}}

export const MAX_DEPTH = 8;
export const MAX_CONDITIONS = 100;
export const MAX_RULE_BYTES = 16 * 1024;

export type Scalar = string | number | boolean;
export type Rule =
  | { kind: 'and' | 'or'; rules: Rule[] }
  | { kind: 'not'; rule: Rule }
  | { kind: 'attribute'; key: string; op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'exists' | 'not_exists'; value: Scalar | null }
  | { kind: 'attribute_in'; key: string; values: Scalar[] }
  | { kind: 'field'; field: 'time_zone' | 'locale' | 'name' | 'phone'; op: 'eq' | 'ne' | 'prefix' | 'exists' | 'not_exists'; value: string | null }
  | { kind: 'field_in'; field: 'time_zone' | 'locale' | 'name' | 'phone'; values: string[] }
  | { kind: 'tag'; tag: string }
  | { kind: 'list'; listId: string }
  | { kind: 'consent'; status: 'opted_in' | 'opted_out' | 'none'; programId: string | null }
  | { kind: 'behaviour'; event: 'received' | 'replied' | 'clicked'; withinDays: number };

function bad(pointer: string, message: string, code: ErrorCode = 'PORM_SEGMENT_RULE_INVALID'): never {
  throw new PormError(code, `${pointer || '/'}: ${message}`, [{ field: `/rule${pointer}`, code, message }]);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' ? v.length <= 1000 : typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function onlyKeys(v: Record<string, unknown>, keys: readonly string[], pointer: string): void {
  const extra = Object.keys(v).find((k) => !keys.includes(k));
  if (extra !== undefined) bad(pointer, `unknown key "${extra.slice(0, 40)}" (allowed here: ${keys.join(', ')})`);
}

/** Checks a rule: its forms, its depth (≤ MAX_DEPTH) and size (≤ MAX_CONDITIONS, ≤ MAX_RULE_BYTES). */
export function parseRule(input: unknown): Rule {
  if (Buffer.byteLength(JSON.stringify(input) ?? '') > MAX_RULE_BYTES) bad('', `a rule is at most ${MAX_RULE_BYTES} bytes of JSON`, 'PORM_SEGMENT_RULE_TOO_LARGE');
  let conditions = 0;
  const walk = (v: unknown, pointer: string, depth: number): Rule => {
    if (depth > MAX_DEPTH) bad(pointer, `and/or/not nest at most ${MAX_DEPTH} deep`, 'PORM_SEGMENT_RULE_TOO_DEEP');
    if (!isObject(v)) bad(pointer, 'a rule is a JSON object');
    if (++conditions > MAX_CONDITIONS) bad(pointer, `at most ${MAX_CONDITIONS} conditions`, 'PORM_SEGMENT_RULE_TOO_LARGE');
    if ('and' in v || 'or' in v) {
      const kind = 'and' in v ? 'and' : 'or';
      onlyKeys(v, [kind], pointer);
      const list = v[kind];
      if (!Array.isArray(list) || list.length === 0) bad(`${pointer}/${kind}`, `${kind} takes a non-empty array of rules`);
      return { kind, rules: list.map((r, i) => walk(r, `${pointer}/${kind}/${i}`, depth + 1)) };
    }
    if ('not' in v) {
      onlyKeys(v, ['not'], pointer);
      return { kind: 'not', rule: walk(v.not, `${pointer}/not`, depth + 1) };
    }
    if ('attribute' in v) {
      onlyKeys(v, ['attribute', 'op', 'value'], pointer);
      if (typeof v.attribute !== 'string' || !ATTRIBUTE_KEY.test(v.attribute)) bad(`${pointer}/attribute`, 'an attribute name ([A-Za-z_][A-Za-z0-9_]*)');
      const op = v.op;
      if (op === 'in') {
        if (!Array.isArray(v.value) || v.value.length === 0 || v.value.length > 100 || !v.value.every(isScalar)) bad(`${pointer}/value`, 'in takes 1 to 100 strings, numbers or booleans');
        return { kind: 'attribute_in', key: v.attribute, values: v.value as Scalar[] };
      }
      if (op === 'exists' || op === 'not_exists') {
        if (v.value !== undefined) bad(`${pointer}/value`, `${op} takes no value`);
        return { kind: 'attribute', key: v.attribute, op, value: null };
      }
      if (op === 'eq' || op === 'ne') {
        if (!isScalar(v.value)) bad(`${pointer}/value`, `${op} takes a string, number or boolean`);
        return { kind: 'attribute', key: v.attribute, op, value: v.value };
      }
      if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
        if (typeof v.value !== 'number' || !Number.isFinite(v.value)) bad(`${pointer}/value`, `${op} compares numbers: the value is a number`);
        return { kind: 'attribute', key: v.attribute, op, value: v.value };
      }
      if (op === 'contains') {
        if (typeof v.value !== 'string' || v.value === '' || v.value.length > 1000) bad(`${pointer}/value`, 'contains takes a non-empty string');
        return { kind: 'attribute', key: v.attribute, op, value: v.value };
      }
      return bad(`${pointer}/op`, 'eq, ne, in, gt, gte, lt, lte, contains, exists or not_exists');
    }
    if ('field' in v) {
      onlyKeys(v, ['field', 'op', 'value'], pointer);
      const field = v.field;
      if (field !== 'time_zone' && field !== 'locale' && field !== 'name' && field !== 'phone') bad(`${pointer}/field`, 'time_zone, locale, name or phone');
      const op = v.op;
      if (op === 'in') {
        if (!Array.isArray(v.value) || v.value.length === 0 || v.value.length > 100 || !v.value.every((x) => typeof x === 'string' && x.length <= 200)) bad(`${pointer}/value`, 'in takes 1 to 100 strings');
        return { kind: 'field_in', field, values: v.value as string[] };
      }
      if (op === 'exists' || op === 'not_exists') return { kind: 'field', field, op, value: null };
      if (op === 'eq' || op === 'ne' || op === 'prefix') {
        if (typeof v.value !== 'string' || v.value.length > 200 || (op === 'prefix' && v.value === '')) bad(`${pointer}/value`, `${op} takes a string`);
        return { kind: 'field', field, op, value: v.value };
      }
      return bad(`${pointer}/op`, 'eq, ne, in, prefix, exists or not_exists');
    }
    if ('tag' in v) {
      onlyKeys(v, ['tag'], pointer);
      if (typeof v.tag !== 'string' || v.tag === '' || v.tag.length > 64) bad(`${pointer}/tag`, 'a tag');
      return { kind: 'tag', tag: v.tag };
    }
    if ('list' in v) {
      onlyKeys(v, ['list'], pointer);
      if (typeof v.list !== 'string' || !/^lst_[0-9a-z]{26}$/.test(v.list)) bad(`${pointer}/list`, 'a list id (lst_…)');
      return { kind: 'list', listId: v.list };
    }
    if ('consent' in v) {
      onlyKeys(v, ['consent', 'program_id'], pointer);
      if (v.consent !== 'opted_in' && v.consent !== 'opted_out' && v.consent !== 'none') bad(`${pointer}/consent`, 'opted_in, opted_out or none');
      if (v.program_id !== undefined && (typeof v.program_id !== 'string' || v.program_id.length > 64)) bad(`${pointer}/program_id`, 'a program id (prg_…)');
      return { kind: 'consent', status: v.consent, programId: typeof v.program_id === 'string' ? v.program_id : null };
    }
    for (const event of ['received', 'replied', 'clicked'] as const) {
      if (!(event in v)) continue;
      onlyKeys(v, [event], pointer);
      const spec = v[event];
      if (!isObject(spec)) bad(`${pointer}/${event}`, '{"within_days": N}');
      onlyKeys(spec, ['within_days'], `${pointer}/${event}`);
      const days = spec.within_days;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 3650) bad(`${pointer}/${event}/within_days`, 'a whole number of days, 1 to 3650');
      return { kind: 'behaviour', event, withinDays: days };
    }
    return bad(pointer, 'not a rule: and, or, not, attribute, field, tag, list, consent, received, replied or clicked');
  };
  return walk(input, '', 1);
}
