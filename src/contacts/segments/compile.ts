import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { BRAND_WIDE } from '../../compliance/consent/ledger.ts';
import { defaultProgramId } from '../../compliance/programs/program-store.ts';
import type { Rule } from './rule.ts';

// A checked rule (rule.ts) to a Kysely condition on contact_profiles. Every value, attribute path
// included, is a bound parameter; the SQL text comes only from this file. JSON paths use SQLite's
// json_extract/json_type, and porm_number for numbers (src/store/sql-functions.ts); PostgreSQL
// gets the same four functions (with instr) from its migration 0034, so one compiled rule runs on both.

type Eb = ExpressionBuilder<DB, 'contact_profiles'>;
const DAY_MS = 86_400_000;

function path(key: string): string {
  return `$."${key}"`;
}

function attribute(eb: Eb, rule: Extract<Rule, { kind: 'attribute' }>): Expression<SqlBool> {
  const value = sql<unknown>`json_extract(contact_profiles.attributes_json, ${path(rule.key)})`;
  const type = sql<string>`json_type(contact_profiles.attributes_json, ${path(rule.key)})`;
  // Numbers compare as numbers: stored numbers, and text that reads as one (CSV imports store text).
  const num = sql<number>`porm_number(${value})`;
  const numeric = sql<SqlBool>`(${type} IN ('integer', 'real') OR (${type} = 'text' AND ${num} IS NOT NULL))`;
  switch (rule.op) {
    case 'exists': return sql<SqlBool>`${type} IS NOT NULL AND ${type} <> 'null'`;
    case 'not_exists': return sql<SqlBool>`(${type} IS NULL OR ${type} = 'null')`;
    case 'contains': return sql<SqlBool>`(${type} = 'text' AND instr(lower(${value}), lower(${rule.value})) > 0)`;
    case 'gt': return sql<SqlBool>`(${numeric} AND ${num} > ${rule.value})`;
    case 'gte': return sql<SqlBool>`(${numeric} AND ${num} >= ${rule.value})`;
    case 'lt': return sql<SqlBool>`(${numeric} AND ${num} < ${rule.value})`;
    case 'lte': return sql<SqlBool>`(${numeric} AND ${num} <= ${rule.value})`;
    case 'eq':
    case 'ne': {
      const eq = scalarEquals(rule.value!, value, type, numeric, num);
      return rule.op === 'eq' ? eq : eb.not(eq);
    }
  }
}

function scalarEquals(v: string | number | boolean, value: Expression<unknown>, type: Expression<string>, numeric: Expression<SqlBool>, num: Expression<number>): Expression<SqlBool> {
  if (typeof v === 'boolean') return sql<SqlBool>`(${type} = ${v ? 'true' : 'false'} OR (${type} = 'text' AND lower(${value}) = ${v ? 'true' : 'false'}))`;
  if (typeof v === 'number') return sql<SqlBool>`(${numeric} AND ${num} = ${v})`;
  return sql<SqlBool>`(${type} = 'text' AND ${value} = ${v})`;
}

const FIELD_COLUMN = { time_zone: 'contact_profiles.time_zone', locale: 'contact_profiles.locale', name: 'contact_profiles.name', phone: 'contact_profiles.phone' } as const;

export function compileRule(eb: Eb, rule: Rule, accountId: string, now: number): Expression<SqlBool> {
  switch (rule.kind) {
    case 'and': return eb.and(rule.rules.map((r) => compileRule(eb, r, accountId, now)));
    case 'or': return eb.or(rule.rules.map((r) => compileRule(eb, r, accountId, now)));
    case 'not': return eb.not(compileRule(eb, rule.rule, accountId, now));
    case 'attribute': return attribute(eb, rule);
    case 'attribute_in': {
      const value = sql<unknown>`json_extract(contact_profiles.attributes_json, ${path(rule.key)})`;
      const type = sql<string>`json_type(contact_profiles.attributes_json, ${path(rule.key)})`;
      const numeric = sql<SqlBool>`${type} IN ('integer', 'real')`;
      return eb.or(rule.values.map((v) => scalarEquals(v, value, type, numeric, sql<number>`porm_number(${value})`)));
    }
    case 'field': {
      const column = eb.ref(FIELD_COLUMN[rule.field]);
      if (rule.op === 'exists') return eb(column, 'is not', null);
      if (rule.op === 'not_exists') return eb(column, 'is', null);
      if (rule.op === 'prefix') return sql<SqlBool>`substr(${column}, 1, ${rule.value!.length}) = ${rule.value}`;
      return rule.op === 'eq' ? eb(column, '=', rule.value) : eb.or([eb(column, 'is', null), eb(column, '!=', rule.value)]);
    }
    case 'field_in': return eb(eb.ref(FIELD_COLUMN[rule.field]), 'in', rule.values);
    case 'tag': return eb.exists(eb.selectFrom('contact_tags').select('contact_tags.contact_id').where('contact_tags.account_id', '=', accountId).where('contact_tags.tag', '=', rule.tag).whereRef('contact_tags.contact_id', '=', 'contact_profiles.id'));
    case 'list': return eb.exists(eb.selectFrom('contact_list_members').select('contact_list_members.contact_id').where('contact_list_members.list_id', '=', rule.listId).where('contact_list_members.account_id', '=', accountId).whereRef('contact_list_members.contact_id', '=', 'contact_profiles.id'));
    case 'consent': {
      const programId = rule.programId ?? defaultProgramId(accountId);
      const suppressed = eb.exists(eb.selectFrom('suppressions').select('suppressions.recipient').where('suppressions.account_id', '=', accountId).whereRef('suppressions.recipient', '=', 'contact_profiles.phone').where('suppressions.program_id', 'in', [programId, BRAND_WIDE]));
      const optIn = eb.exists(eb.selectFrom('consent_events').select('consent_events.id').where('consent_events.account_id', '=', accountId).whereRef('consent_events.recipient', '=', 'contact_profiles.phone').where('consent_events.program_id', '=', programId).where('consent_events.type', '=', 'opt_in'));
      if (rule.status === 'opted_out') return suppressed;
      if (rule.status === 'opted_in') return eb.and([optIn, eb.not(suppressed)]);
      return eb.and([eb.not(optIn), eb.not(suppressed)]);
    }
    case 'behaviour': {
      const since = now - rule.withinDays * DAY_MS;
      if (rule.event === 'received') return eb.exists(eb.selectFrom('messages').select('messages.id').where('messages.account_id', '=', accountId).whereRef('messages.to_number', '=', 'contact_profiles.phone').where('messages.created_at', '>=', since).where('messages.status', 'in', ['sent', 'delivered']));
      if (rule.event === 'replied') return eb.exists(eb.selectFrom('inbound_messages').select('inbound_messages.id').where('inbound_messages.account_id', '=', accountId).whereRef('inbound_messages.from_number', '=', 'contact_profiles.phone').where('inbound_messages.received_at', '>=', since));
      return eb.exists(eb.selectFrom('rich_events').innerJoin('messages', 'messages.id', 'rich_events.message_id').select('rich_events.id')
        .where('rich_events.account_id', '=', accountId).where('rich_events.kind', '=', 'click').where('rich_events.at', '>=', since).whereRef('messages.to_number', '=', 'contact_profiles.phone'));
    }
  }
}
