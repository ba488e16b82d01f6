import { PormError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import { decodeCursor, encodeCursor, type Page } from '../../messages/query-service.ts';
import type { Contact } from '../model.ts';
import { contactFromRow, listsOf } from '../contact-rows.ts';
import { parseRule } from './rule.ts';
import { compileRule } from './compile.ts';

export interface Segment { id: string; accountId: string; name: string; rule: unknown; createdAt: number; updatedAt: number }

const SAMPLE = 10;

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed|duplicate key value/.test(err.message);
}

function checkName(name: string): string {
  const n = name.trim();
  if (n === '' || n.length > 200 || !n.isWellFormed()) throw new PormError('PORM_INVALID_FIELD', 'a name of 1 to 200 characters', [{ field: '/name', code: 'PORM_INVALID_FIELD', message: '1 to 200 characters' }]);
  return n;
}

const taken = (): PormError => new PormError('PORM_SEGMENT_NAME_TAKEN', undefined, [{ field: '/name', code: 'PORM_SEGMENT_NAME_TAKEN', message: 'taken by another segment of this account' }]);

/** Segments: named rules of the closed rule language (`/v1/segments`), evaluated each time they are used. */
export class SegmentService {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  async create(accountId: string, input: { name: string; rule: unknown }): Promise<Segment> {
    const name = checkName(input.name);
    parseRule(input.rule);
    const now = this.clock.now();
    const id = newId('seg', now);
    try {
      await this.store.write((tx) => tx.insertInto('segments').values({ id, account_id: accountId, name, rule_json: JSON.stringify(input.rule), created_at: now, updated_at: now }).execute());
    } catch (err) {
      if (isUniqueViolation(err)) throw taken();
      throw err;
    }
    return this.get(accountId, id);
  }

  async get(accountId: string, id: string): Promise<Segment> {
    const row = await this.store.db.selectFrom('segments').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new PormError('PORM_SEGMENT_NOT_FOUND');
    return { id: row.id, accountId: row.account_id, name: row.name, rule: JSON.parse(row.rule_json) as unknown, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  async list(accountId: string, limit: number, cursor?: string): Promise<Page<Segment>> {
    let q = this.store.db.selectFrom('segments').select('id').where('account_id', '=', accountId);
    if (cursor) q = q.where('id', '<', decodeCursor(cursor, 'seg'));
    const rows = await q.orderBy('id', 'desc').limit(limit + 1).execute();
    const data = await Promise.all(rows.slice(0, limit).map((r) => this.get(accountId, r.id)));
    return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  async update(accountId: string, id: string, patch: { name?: string; rule?: unknown }): Promise<Segment> {
    const name = patch.name === undefined ? undefined : checkName(patch.name);
    if (patch.rule !== undefined) parseRule(patch.rule);
    const now = this.clock.now();
    try {
      const result = await this.store.write((tx) => tx.updateTable('segments').set({
        ...(name !== undefined ? { name } : {}), ...(patch.rule !== undefined ? { rule_json: JSON.stringify(patch.rule) } : {}), updated_at: now,
      }).where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst());
      if (Number(result.numUpdatedRows) === 0) throw new PormError('PORM_SEGMENT_NOT_FOUND');
    } catch (err) {
      if (isUniqueViolation(err)) throw taken();
      throw err;
    }
    return this.get(accountId, id);
  }

  async remove(accountId: string, id: string): Promise<void> {
    const result = await this.store.write((tx) => tx.deleteFrom('segments').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst());
    if (Number(result.numDeletedRows) === 0) throw new PormError('PORM_SEGMENT_NOT_FOUND');
  }

  /** How many of the account's contacts the rule matches now, and the newest few of them. */
  async preview(accountId: string, ruleInput: unknown): Promise<{ count: number; sample: Contact[] }> {
    const rule = parseRule(ruleInput);
    const now = this.clock.now();
    const base = this.store.db.selectFrom('contact_profiles').where('contact_profiles.account_id', '=', accountId).where((eb) => compileRule(eb, rule, accountId, now));
    const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.selectAll('contact_profiles').orderBy('contact_profiles.id', 'desc').limit(SAMPLE).execute();
    const lists = await listsOf(this.store.db, rows.map((r) => r.id));
    return { count: Number(counted.n), sample: rows.map((r) => contactFromRow(r, lists.get(r.id) ?? [])) };
  }
}
