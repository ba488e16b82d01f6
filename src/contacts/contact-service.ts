import { PormError, type FieldError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Db } from '../store/schema.ts';
import { decodeCursor, encodeCursor, type Page } from '../messages/query-service.ts';
import type { Contact, ContactFields, ContactInput } from './model.ts';
import { checkAttributes, checkLocale, checkName, checkTags, checkTimeZone, mergeAttributes, MAX_ATTRIBUTES, MAX_ATTRIBUTES_BYTES } from './fields.ts';
import { countryOf, requirePhone } from './phone.ts';
import { contactFromRow, listsOf } from './contact-rows.ts';
import { addMemberships, eraseContact, requireLists, upsertContact, type ContactColumns } from './contact-writes.ts';

export interface ContactFilter {
  limit: number;
  cursor?: string;
  tag?: string;
  list?: string;
}

/** The fields of a write, checked; throws every field error of the request at once. */
function checkedColumns(fields: ContactFields, errors: FieldError[]): ContactColumns {
  return {
    ...(fields.name !== undefined ? { name: checkName(fields.name, errors) } : {}),
    ...(fields.timeZone !== undefined ? { timeZone: checkTimeZone(fields.timeZone, errors) } : {}),
    ...(fields.locale !== undefined ? { locale: checkLocale(fields.locale, errors) } : {}),
    ...(fields.tags !== undefined ? { tags: checkTags(fields.tags, errors) } : {}),
    ...(fields.attributes !== undefined ? { attributes: checkAttributes(fields.attributes, errors) } : {}),
  };
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw new PormError(errors[0]!.code, errors[0]!.message, errors);
}

/** An account's contacts (`/v1/contacts`, `porm contacts`). */
export class ContactService {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** Creates the contact of this number, or updates the fields given on the existing one. */
  async upsert(accountId: string, input: ContactInput): Promise<{ contact: Contact; created: boolean }> {
    const errors: FieldError[] = [];
    const phone = requirePhone(input.phone, countryOf(input.defaultCountry));
    const columns = checkedColumns(input, errors);
    if (columns.attributes) columns.attributes = mergeAttributes({}, columns.attributes);
    throwIfAny(errors);
    const now = this.clock.now();
    const { id, created } = await this.store.write(async (tx) => {
      await this.lockContact(tx, accountId, phone);
      const lists = await requireLists(tx, accountId, input.lists ?? []);
      const written = await upsertContact(tx, accountId, phone, columns, now);
      for (const listId of lists) await addMemberships(tx, accountId, listId, [written.id], now);
      return written;
    });
    return { contact: await this.get(accountId, id), created };
  }

  /** One contact, by id (con_…) or by number (any form the default country reads). */
  async get(accountId: string, idOrPhone: string, defaultCountry?: string): Promise<Contact> {
    const byId = idOrPhone.startsWith('con_');
    const key = byId ? idOrPhone : requirePhone(idOrPhone, countryOf(defaultCountry), '/id');
    const row = await this.store.db.selectFrom('contact_profiles').selectAll().where('account_id', '=', accountId).where(byId ? 'id' : 'phone', '=', key).executeTakeFirst();
    if (!row) throw new PormError('PORM_CONTACT_NOT_FOUND');
    return contactFromRow(row, (await listsOf(this.store.db, [row.id])).get(row.id) ?? []);
  }

  /** Newest first, optionally only those with a tag or in a list. */
  async list(accountId: string, filter: ContactFilter): Promise<Page<Contact>> {
    let query = this.store.db.selectFrom('contact_profiles').selectAll().where('account_id', '=', accountId);
    if (filter.cursor) query = query.where('id', '<', decodeCursor(filter.cursor, 'con'));
    if (filter.tag !== undefined) {
      const tag = filter.tag;
      query = query.where((eb) => eb.exists(eb.selectFrom('contact_tags').select('contact_id').where('contact_tags.account_id', '=', accountId).where('contact_tags.tag', '=', tag).whereRef('contact_tags.contact_id', '=', 'contact_profiles.id')));
    }
    if (filter.list !== undefined) {
      const listId = filter.list;
      query = query.where((eb) => eb.exists(eb.selectFrom('contact_list_members').select('contact_id').where('contact_list_members.list_id', '=', listId).where('contact_list_members.account_id', '=', accountId).whereRef('contact_list_members.contact_id', '=', 'contact_profiles.id')));
    }
    const rows = await query.orderBy('id', 'desc').limit(filter.limit + 1).execute();
    const page = rows.slice(0, filter.limit);
    const lists = await listsOf(this.store.db, page.map((r) => r.id));
    const data = page.map((r) => contactFromRow(r, lists.get(r.id) ?? []));
    return { data, nextCursor: rows.length > filter.limit ? encodeCursor(data[data.length - 1]!.id) : null };
  }

  /** Changes the fields given; `attributes` are merged into the stored ones (a null value removes a key). */
  async update(accountId: string, idOrPhone: string, patch: ContactFields): Promise<Contact> {
    const errors: FieldError[] = [];
    const columns = checkedColumns(patch, errors);
    throwIfAny(errors);
    const current = await this.get(accountId, idOrPhone);
    const now = this.clock.now();
    await this.store.write(async (tx) => {
      // Read again inside the unit, under the contact's lock, and merge there: two concurrent merges
      // of different keys both land, and an erasure that committed first is not undone.
      await this.lockContact(tx, accountId, current.phone);
      const row = await tx.selectFrom('contact_profiles').select(['attributes_json']).where('id', '=', current.id).where('account_id', '=', accountId).executeTakeFirst();
      if (!row) throw new PormError('PORM_CONTACT_NOT_FOUND');
      if (columns.attributes) {
        const merged = mergeAttributes(JSON.parse(row.attributes_json) as Contact['attributes'], columns.attributes);
        if (Object.keys(merged).length > MAX_ATTRIBUTES || Buffer.byteLength(JSON.stringify(merged)) > MAX_ATTRIBUTES_BYTES) {
          throw new PormError('PORM_INVALID_ATTRIBUTES', `merged, the attributes would exceed ${MAX_ATTRIBUTES} keys or ${MAX_ATTRIBUTES_BYTES} bytes`, [{ field: '/attributes', code: 'PORM_INVALID_ATTRIBUTES', message: 'too many or too large once merged' }]);
        }
        columns.attributes = merged;
      }
      await upsertContact(tx, accountId, current.phone, columns, now);
    });
    return this.get(accountId, current.id);
  }

  /**
   * Writers of one contact take turns (PostgreSQL: an advisory lock; SQLite: already one writer),
   * so under READ COMMITTED a merge is not lost and a concurrent update cannot re-create a
   * contact an erasure has just removed.
   */
  private lockContact(tx: Db, accountId: string, phone: string): Promise<void> {
    return this.store.lockKey(tx, `contact:${accountId}:${phone}`);
  }

  /** Erases the contact's personal data; its suppressions and consent history stay. */
  async remove(accountId: string, idOrPhone: string): Promise<void> {
    const current = await this.get(accountId, idOrPhone);
    const removed = await this.store.write(async (tx) => {
      await this.lockContact(tx, accountId, current.phone);
      return eraseContact(tx, accountId, current.id, current.phone);
    });
    if (!removed) throw new PormError('PORM_CONTACT_NOT_FOUND');
  }
}
