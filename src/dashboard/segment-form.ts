// The segment builder's rows (field, attribute name, operator, value) to the rules document the
// segments API takes (docs/contacts.md#segments), and a rule error's JSON pointer back to the row
// and input it is about. Pure: the page's form posts rows to the server, which builds the rule
// here; the builder's script (web/dashboard/segment-builder.ts) builds the same document here too,
// so the live count and the saved segment are one rule. Checking stays with the segments code
// (src/contacts/segments/rule.ts): this only arranges what the person typed.

export const SEGMENT_FIELDS = ['attribute', 'tag', 'list', 'consent', 'name', 'phone', 'time_zone', 'locale', 'received', 'replied', 'clicked'] as const;
export type SegmentField = typeof SEGMENT_FIELDS[number];
export const SEGMENT_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'in', 'prefix', 'exists', 'not_exists'] as const;
export const MAX_SEGMENT_ROWS = 20;

export interface SegmentRow { field: string; key: string; op: string; value: string }
export type RuleDoc = Record<string, unknown>;

/** A typed scalar from text: true/false, a plain decimal number, else the text itself. */
export function scalarOf(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?$/.test(t)) return Number(t);
  return t;
}

const listOf = (text: string): string[] => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** One row's rule; "ne" / "not_exists" on a tag, list, consent or activity row means "not". */
function rowRule(row: SegmentRow): RuleDoc {
  const { field, op } = row;
  const value = row.value.trim();
  const negate = (rule: RuleDoc): RuleDoc => (op === 'ne' || op === 'not_exists' ? { not: rule } : rule);
  switch (field) {
    case 'attribute':
      if (op === 'exists' || op === 'not_exists') return { attribute: row.key.trim(), op };
      if (op === 'in') return { attribute: row.key.trim(), op, value: listOf(value).map(scalarOf) };
      if (op === 'contains') return { attribute: row.key.trim(), op, value };
      return { attribute: row.key.trim(), op, value: scalarOf(value) };
    case 'name': case 'phone': case 'time_zone': case 'locale':
      if (op === 'exists' || op === 'not_exists') return { field, op };
      return { field, op, value: op === 'in' ? listOf(value) : value };
    case 'tag': return negate({ tag: value });
    case 'list': return negate({ list: value });
    case 'consent': return negate({ consent: value });
    case 'received': case 'replied': case 'clicked':
      return negate({ [field]: { within_days: /^[0-9]{1,6}$/.test(value) ? Number(value) : value } });
    default: return { [field || 'field']: value };
  }
}

/** The rules document: one row's rule alone, or all (`and`) / any (`or`) of them. */
export function ruleOf(rows: readonly SegmentRow[], match: string): RuleDoc {
  const rules = rows.map(rowRule);
  if (rules.length === 1) return rules[0]!;
  return { [match === 'any' ? 'or' : 'and']: rules };
}

/** Which row and input a rule error's pointer (/rule/and/2/value, /rule/value) names; undefined when none. */
export function rowOfPointer(pointer: string, rows: number): { row: number; input: 'field' | 'key' | 'op' | 'value' } | undefined {
  const rest = rows === 1 ? /^\/rule(?:\/not)?(.*)$/.exec(pointer)?.[1] : /^\/rule\/(?:and|or)\/([0-9]+)(?:\/not)?(.*)$/.exec(pointer)?.slice(1).join('|');
  if (rest === undefined) return undefined;
  const [rowText, tail] = rows === 1 ? ['0', rest] : rest.split('|') as [string, string];
  const row = Number(rowText);
  if (!(row >= 0 && row < rows)) return undefined;
  const part = tail.split('/')[1] ?? '';
  const input = part === 'op' ? 'op' : part === 'attribute' ? 'key' : part === '' || part === 'field' ? 'field' : 'value';
  return { row, input };
}
