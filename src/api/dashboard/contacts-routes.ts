import type { FastifyReply } from 'fastify';
import type { DashboardKit, Form, Problem, Signed } from './kit.ts';
import { formOf, problem } from './kit.ts';
import type { ContactFields, ContactList } from '../../contacts/model.ts';
import { attributesOf, attributesPatch, tagsOf } from '../../dashboard/contact-form.ts';
import { contactFormPage, contactPage, contactsPage, formValuesOf, type ContactFormValues } from '../../dashboard/pages/contacts.ts';
import { listPage, listsPage } from '../../dashboard/pages/contacts-lists.ts';

// /dashboard/contacts and /dashboard/lists: the same ContactService, ListService, timeline and
// consent ledger as /v1 (no rule of their own: the services check every field and the page shows
// their code next to it). Writes are the member role's; looking is everyone's.

type Query = Record<string, string | undefined>;
const text = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v);

/** The form's fields as ContactService takes them (empty text clears a field on an edit). */
function contactFields(form: Form): ContactFields {
  return {
    name: text(form.name) ?? null, timeZone: text(form.time_zone) ?? null, locale: text(form.locale) ?? null,
    tags: tagsOf(form.tags), attributes: attributesOf(form.attributes),
  };
}

/** A new contact's fields: only those filled in, so adding a number that has a contact changes no more than was typed. */
function createFields(form: Form): ContactFields {
  const all = contactFields(form);
  return {
    ...(all.name !== null ? { name: all.name } : {}), ...(all.timeZone !== null ? { timeZone: all.timeZone } : {}), ...(all.locale !== null ? { locale: all.locale } : {}),
    ...(all.tags && all.tags.length > 0 ? { tags: all.tags } : {}), ...(all.attributes && Object.keys(all.attributes).length > 0 ? { attributes: all.attributes } : {}),
  };
}

function formValues(form: Form): ContactFormValues {
  const { phone, default_country, name, time_zone, locale, tags, attributes, lists } = form;
  return Object.fromEntries(Object.entries({ phone, default_country, name, time_zone, locale, tags, attributes, lists }).filter(([, v]) => v !== undefined)) as ContactFormValues;
}

export function contactsRoutes({ page, services }: DashboardKit): void {
  const { contacts, lists, timeline } = services.contacts;
  const { consents } = services.compliance;
  /** The lists a filter or form offers: the newest 200 (more are reached by id). */
  /** A contact that cannot be shown (not found, another account's): the contacts page with the refusal. */
  const refused = (reply: FastifyReply, frame: Pick<Signed, 'user' | 'csrf'>, err: unknown): string => {
    const p = problem(err);
    reply.code(p.status);
    return contactsPage({ title: 'Contacts', ...frame }, { contacts: [], nextCursor: null, filter: {}, lists: [] }, p);
  };
  const allLists = async (accountId: string): Promise<ContactList[]> => (await lists.list(accountId, 200)).data;

  page('/dashboard/contacts', 'read-only', async (request, { user, csrf }, reply) => {
    const q = request.query as Query;
    const filter = { ...(text(q.q) ? { q: q.q!.trim() } : {}), ...(text(q.tag) ? { tag: q.tag!.trim() } : {}), ...(text(q.list) ? { list: q.list!.trim() } : {}) };
    const frame = { title: 'Contacts', user, csrf };
    const known = await allLists(user.accountId);
    try {
      if (filter.q !== undefined) {
        // A search is by number (any form the default country reads) or id: one contact.
        const found = await contacts.get(user.accountId, filter.q.slice(0, 64));
        await reply.redirect(`/dashboard/contacts/${found.id}`, 303);
        return undefined;
      }
      const listed = await contacts.list(user.accountId, { limit: 50, ...(typeof q.cursor === 'string' ? { cursor: q.cursor } : {}), ...filter });
      return contactsPage(frame, { contacts: listed.data, nextCursor: listed.nextCursor, filter, lists: known });
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      // The service names a number it cannot read /id; on this page that is the search field.
      return contactsPage(frame, { contacts: [], nextCursor: null, filter, lists: known }, p.field === '/id' ? { ...p, field: '/q' } : p);
    }
  });

  page('/dashboard/contacts/new', 'member', async (_request, { user, csrf }) =>
    contactFormPage({ title: '', user, csrf }, await allLists(user.accountId), {}));
  page('/dashboard/contacts/new', 'member', async (request, { user, csrf }, reply) => {
    const form = formOf(request);
    try {
      const { contact } = await contacts.upsert(user.accountId, {
        phone: form.phone ?? '', ...(text(form.default_country) ? { defaultCountry: form.default_country!.trim() } : {}),
        ...createFields(form), ...(text(form.lists) ? { lists: [form.lists!] } : {}),
      });
      await reply.redirect(`/dashboard/contacts/${contact.id}`, 303);
      return undefined;
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return contactFormPage({ title: '', user, csrf }, await allLists(user.accountId), formValues(form), undefined, p);
    }
  }, 'POST');

  page('/dashboard/contacts/:id', 'read-only', async (request, { user, csrf }, reply) => {
    const { id } = request.params as { id: string };
    const cursor = (request.query as Query).cursor;
    try {
      const contact = await contacts.get(user.accountId, id);
      const [items, history, suppressed, known] = await Promise.all([
        timeline.list(user.accountId, contact.phone, 50, cursor), consents.history(user.accountId, contact.phone),
        consents.suppressions(user.accountId, { to: contact.phone, limit: 20 }), allLists(user.accountId),
      ]);
      return contactPage({ title: '', user, csrf }, { contact, lists: known, consents: history.slice(-20), suppressions: suppressed.data, timeline: items.data, timelineNext: items.nextCursor });
    } catch (err) {
      return refused(reply, { user, csrf }, err);
    }
  });

  page('/dashboard/contacts/:id/edit', 'member', async (request, { user, csrf }, reply) => {
    const { id } = request.params as { id: string };
    try {
      const contact = await contacts.get(user.accountId, id);
      return contactFormPage({ title: '', user, csrf }, [], formValuesOf(contact), contact);
    } catch (err) {
      return refused(reply, { user, csrf }, err);
    }
  });
  page('/dashboard/contacts/:id/edit', 'member', async (request, { user, csrf }, reply) => {
    const { id } = request.params as { id: string };
    const form = formOf(request);
    let current;
    try {
      current = await contacts.get(user.accountId, id);
    } catch (err) {
      return refused(reply, { user, csrf }, err);
    }
    try {
      const fields = contactFields(form);
      await contacts.update(user.accountId, current.id, { ...fields, attributes: attributesPatch(current.attributes, fields.attributes ?? {}) });
      await reply.redirect(`/dashboard/contacts/${current.id}`, 303);
      return undefined;
    } catch (err) {
      const p: Problem = problem(err);
      reply.code(p.status);
      return contactFormPage({ title: '', user, csrf }, [], formValues(form), current, p);
    }
  }, 'POST');

  page('/dashboard/contacts/:id/remove', 'member', async (request, { user, csrf }, reply) => {
    const { id } = request.params as { id: string };
    try {
      await contacts.remove(user.accountId, id);
      await reply.redirect('/dashboard/contacts', 303);
      return undefined;
    } catch (err) {
      return refused(reply, { user, csrf }, err);
    }
  }, 'POST');

  page('/dashboard/lists', 'read-only', async (request, { user, csrf }, reply) => {
    const cursor = (request.query as Query).cursor;
    try {
      const listed = await lists.list(user.accountId, 50, cursor);
      return listsPage({ title: '', user, csrf }, listed.data, listed.nextCursor);
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return listsPage({ title: '', user, csrf }, [], null, {}, p);
    }
  });
  page('/dashboard/lists', 'member', async (request, { user, csrf }, reply) => {
    const form = formOf(request);
    try {
      const created = await lists.create(user.accountId, { name: form.name ?? '', description: text(form.description) ?? null });
      await reply.redirect(`/dashboard/lists/${created.id}`, 303);
      return undefined;
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      const listed = await lists.list(user.accountId, 50);
      return listsPage({ title: '', user, csrf }, listed.data, listed.nextCursor, { name: form.name ?? '', description: form.description ?? '' }, p);
    }
  }, 'POST');

  page('/dashboard/lists/:id', 'read-only', async (request, { user, csrf }, reply) => {
    const { id } = request.params as { id: string };
    try {
      const added = (request.query as Query).added;
      return listPage({ title: '', user, csrf }, await lists.get(user.accountId, id), {}, undefined, added !== undefined && /^[0-9]{1,4}$/.test(added) ? Number(added) : undefined);
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return listsPage({ title: '', user, csrf }, [], null, {}, p);
    }
  });
  page('/dashboard/lists/:id/members', 'member', async (request, { user, csrf }, reply) => {
    const { id } = request.params as { id: string };
    const form = formOf(request);
    let list;
    try {
      list = await lists.get(user.accountId, id);
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return listsPage({ title: '', user, csrf }, [], null, {}, p);
    }
    try {
      const refs = (form.contacts ?? '').split(/[\n,]/).map((r) => r.trim()).filter((r) => r !== '');
      const { added } = await lists.addMembers(user.accountId, list.id, refs, text(form.default_country)?.trim());
      await reply.redirect(`/dashboard/lists/${list.id}?added=${added}`, 303);
      return undefined;
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return listPage({ title: '', user, csrf }, list, { contacts: form.contacts ?? '', default_country: form.default_country ?? '' }, p);
    }
  }, 'POST');
}
