import { PormError, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import { decodeCursor, encodeCursor, type Page } from '../messages/query-service.ts';
import type { ContactList } from './model.ts';
import { addMemberships, upsertContact } from './contact-writes.ts';
import { countryOf, normalizeContactPhone } from './phone.ts';

const MAX_LIST_NAME = 200;
const MAX_DESCRIPTION = 2000;
/** Contacts one add/remove request may name. */
export const MAX_MEMBERS_PER_REQUEST = 1000;

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed|duplicate key value/.test(err.message);
}

function checkText(value: string | null | undefined, max: number, field: string, errors: FieldError[], required: boolean): string | null | undefined {
  if (value === undefined || value === null) return value;
  const text = value.trim();
  if ((required && text === '') || text.length > max || !text.isWellFormed()) errors.push({ field, code: 'PORM_INVALID_FIELD', message: `${required ? '1' : '0'} to ${max} characters of text` });
  return text;
}

/** An account's contact lists (`/v1/lists`, `porm lists`) and their members. */
export class ListService {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  async create(accountId: string, input: { name: string; description?: string | null }): Promise<ContactList> {
    const errors: FieldError[] = [];
    const name = checkText(input.name, MAX_LIST_NAME, '/name', errors, true)!;
    const description = checkText(input.description, MAX_DESCRIPTION, '/description', errors, false) ?? null;
    if (errors.length > 0) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
    const now = this.clock.now();
    const id = newId('lst', now);
    try {
      await this.store.write((tx) => tx.insertInto('contact_lists').values({ id, account_id: accountId, name, description, created_at: now, updated_at: now }).execute());
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(name);
      throw err;
    }
    return this.get(accountId, id);
  }

  async list(accountId: string, limit: number, cursor?: string): Promise<Page<ContactList>> {
    let query = this.store.db.selectFrom('contact_lists').selectAll().where('account_id', '=', accountId);
    if (cursor) query = query.where('id', '<', decodeCursor(cursor, 'lst'));
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const data = await Promise.all(rows.slice(0, limit).map((row) => this.withCount(this.store.db, row)));
    return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  async get(accountId: string, id: string): Promise<ContactList> {
    const row = await this.store.db.selectFrom('contact_lists').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new PormError('PORM_LIST_NOT_FOUND');
    return this.withCount(this.store.db, row);
  }

  async update(accountId: string, id: string, patch: { name?: string; description?: string | null }): Promise<ContactList> {
    const errors: FieldError[] = [];
    const name = checkText(patch.name, MAX_LIST_NAME, '/name', errors, true);
    const description = checkText(patch.description, MAX_DESCRIPTION, '/description', errors, false);
    if (errors.length > 0) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
    const now = this.clock.now();
    try {
      const result = await this.store.write((tx) => tx.updateTable('contact_lists').set({
        ...(name !== undefined && name !== null ? { name } : {}), ...(description !== undefined ? { description } : {}), updated_at: now,
      }).where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst());
      if (Number(result.numUpdatedRows) === 0) throw new PormError('PORM_LIST_NOT_FOUND');
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(name ?? '');
      throw err;
    }
    return this.get(accountId, id);
  }

  /** Deletes the list and its memberships; the contacts stay. */
  async remove(accountId: string, id: string): Promise<void> {
    const removed = await this.store.write(async (tx) => {
      const result = await tx.deleteFrom('contact_lists').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await tx.deleteFrom('contact_list_members').where('list_id', '=', id).execute();
      return true;
    });
    if (!removed) throw new PormError('PORM_LIST_NOT_FOUND');
  }

  /**
   * Adds contacts (by id, or by number: a number without a contact gets one) to the list. Answers
   * how many were added (members already are not counted twice).
   */
  async addMembers(accountId: string, listId: string, refs: readonly string[], defaultCountry?: string): Promise<{ added: number }> {
    const country = countryOf(defaultCountry);
    const resolved = this.resolveRefs(refs, country);
    const now = this.clock.now();
    const added = await this.store.write(async (tx) => {
      await this.requireListIn(tx, accountId, listId);
      const ids = await this.contactIds(tx, accountId, resolved, now);
      return addMemberships(tx, accountId, listId, ids, now);
    });
    return { added };
  }

  async removeMember(accountId: string, listId: string, ref: string, defaultCountry?: string): Promise<void> {
    const [resolved] = this.resolveRefs([ref], countryOf(defaultCountry), '/contact');
    const removed = await this.store.write(async (tx) => {
      await this.requireListIn(tx, accountId, listId);
      const q = tx.selectFrom('contact_profiles').select('id').where('account_id', '=', accountId);
      const contact = await (resolved!.kind === 'id' ? q.where('id', '=', resolved!.value) : q.where('phone', '=', resolved!.value)).executeTakeFirst();
      if (!contact) return false;
      const result = await tx.deleteFrom('contact_list_members').where('list_id', '=', listId).where('contact_id', '=', contact.id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
    if (!removed) throw new PormError('PORM_CONTACT_NOT_FOUND', 'the contact is not a member of this list');
  }

  private resolveRefs(refs: readonly string[], country: ReturnType<typeof countryOf>, field = '/contacts'): Array<{ kind: 'id' | 'phone'; value: string }> {
    const errors: FieldError[] = [];
    if (refs.length === 0 || refs.length > MAX_MEMBERS_PER_REQUEST) errors.push({ field, code: 'PORM_INVALID_FIELD', message: `1 to ${MAX_MEMBERS_PER_REQUEST} contacts` });
    const out = refs.map((ref, i) => {
      if (/^con_[0-9a-z]{26}$/.test(ref)) return { kind: 'id' as const, value: ref };
      const phone = normalizeContactPhone(ref, country);
      if (phone === undefined) errors.push({ field: refs.length === 1 && field === '/contact' ? field : `${field}/${i}`, code: 'PORM_INVALID_PHONE_NUMBER', message: `"${ref.slice(0, 40)}" is neither a contact id nor a valid phone number` });
      return { kind: 'phone' as const, value: phone ?? '' };
    });
    if (errors.length > 0) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
    return out;
  }

  private async contactIds(tx: Db, accountId: string, refs: ReadonlyArray<{ kind: 'id' | 'phone'; value: string }>, now: number): Promise<string[]> {
    const ids = refs.filter((r) => r.kind === 'id').map((r) => r.value);
    const found = ids.length === 0 ? [] : (await tx.selectFrom('contact_profiles').select('id').where('account_id', '=', accountId).where('id', 'in', ids).execute()).map((r) => r.id);
    const missing = ids.find((id) => !found.includes(id));
    if (missing !== undefined) throw new PormError('PORM_CONTACT_NOT_FOUND', `no contact ${missing} in this account`, [{ field: `/contacts/${refs.findIndex((r) => r.value === missing)}`, code: 'PORM_CONTACT_NOT_FOUND', message: 'no such contact in this account' }]);
    for (const ref of refs) if (ref.kind === 'phone') found.push((await upsertContact(tx, accountId, ref.value, {}, now)).id);
    return [...new Set(found)];
  }

  private async requireListIn(tx: Db, accountId: string, listId: string): Promise<void> {
    const row = await tx.selectFrom('contact_lists').select('id').where('account_id', '=', accountId).where('id', '=', listId).executeTakeFirst();
    if (!row) throw new PormError('PORM_LIST_NOT_FOUND');
  }

  private async withCount(db: Db, row: { id: string; account_id: string; name: string; description: string | null; created_at: number; updated_at: number }): Promise<ContactList> {
    const count = await db.selectFrom('contact_list_members').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', row.id).executeTakeFirstOrThrow();
    return { id: row.id, accountId: row.account_id, name: row.name, description: row.description, memberCount: Number(count.n), createdAt: row.created_at, updatedAt: row.updated_at };
  }
}

function nameTaken(name: string): PormError {
  return new PormError('PORM_LIST_NAME_TAKEN', `a list named "${name.slice(0, 60)}" already exists`, [{ field: '/name', code: 'PORM_LIST_NAME_TAKEN', message: 'taken by another list of this account' }]);
}
