import { Command } from 'commander';
import { PormError } from '../errors.ts';
import type { Contact } from '../contacts/model.ts';
import { contactResource, listResource } from '../contacts/contact-rows.ts';
import { accountFor, explain, withServices } from './context.ts';
import { printJson, printLine, printTable } from './output.ts';
import { contactsImportCommand } from './contacts-import-command.ts';
import type { TimelineItem } from '../contacts/timeline/contact-timeline.ts';

// `porm contacts` and `porm lists`: the same services as /v1/contacts and /v1/lists.

interface Common { account?: string; json?: boolean }

function failWith(err: unknown, json: boolean | undefined): never {
  if (json && err instanceof PormError) {
    printJson({ error: { code: err.code, message: err.message, errors: err.fields } });
    process.exit(1);
  }
  explain(err);
}

function row(c: Contact): Record<string, string> {
  return { id: c.id, phone: c.phone, name: c.name ?? '', time_zone: c.timeZone ?? '', tags: c.tags.join(','), lists: String(c.lists.length) };
}

/** One line of what an item is about, for the table (the JSON has every field). */
function timelineDetail(item: TimelineItem): string {
  switch (item.type) {
    case 'message_sent': return `${item.data.status} ${JSON.stringify(item.data.body.slice(0, 40))}`;
    case 'message_received': return JSON.stringify(item.data.body.slice(0, 40));
    case 'link_clicked': return `${item.data.message_id}${item.data.bot ? ' (preview)' : ''}`;
    case 'consent': return `${item.data.event} via ${item.data.source}`;
    case 'conversion': return `${item.data.value} ${item.data.currency}${item.data.order_id ? ` order ${item.data.order_id}` : ''}`;
  }
}

export function contactsCommand(): Command {
  const contacts = new Command('contacts').description('contacts: add, list, show, timeline, remove, import a CSV');
  contacts.command('add')
    .description('create the contact of a number, or update the one that exists')
    .argument('<phone>', '+14155550100, or a national number of --default-country')
    .option('--name <name>').option('--time-zone <zone>', 'IANA zone, e.g. America/New_York').option('--locale <tag>', 'e.g. en-US')
    .option('--tag <tag>', 'a tag (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--attr <key=value>', 'a custom attribute, as text (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--list <lst_…>', 'add to a list (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--default-country <CC>', 'default US')
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (phone: string, flags: Common & { name?: string; timeZone?: string; locale?: string; tag?: string[]; attr?: string[]; list?: string[]; defaultCountry?: string }, command: Command) => {
      await withServices(command, async (services) => {
        const accountId = await accountFor(services, flags.account);
        const attributes = flags.attr ? Object.fromEntries(flags.attr.map((kv) => [kv.slice(0, Math.max(0, kv.indexOf('='))) || kv, kv.includes('=') ? kv.slice(kv.indexOf('=') + 1) : ''])) : undefined;
        try {
          const { contact, created } = await services.contacts.contacts.upsert(accountId, {
            phone, ...(flags.name !== undefined ? { name: flags.name } : {}), ...(flags.timeZone !== undefined ? { timeZone: flags.timeZone } : {}),
            ...(flags.locale !== undefined ? { locale: flags.locale } : {}), ...(flags.tag ? { tags: flags.tag } : {}), ...(attributes ? { attributes } : {}),
            ...(flags.list ? { lists: flags.list } : {}), ...(flags.defaultCountry ? { defaultCountry: flags.defaultCountry } : {}),
          });
          if (flags.json) return printJson(contactResource(contact));
          printLine(`${created ? 'added' : 'updated'} ${contact.phone} (${contact.id})`);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  contacts.command('list', { isDefault: true })
    .description('contacts, newest first')
    .option('--tag <tag>', 'only those with this tag').option('--list <lst_…>', 'only members of this list')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (flags: Common & { tag?: string; list?: string; limit: number }, command: Command) => {
      await withServices(command, async (services) => {
        const page = await services.contacts.contacts.list(await accountFor(services, flags.account), {
          limit: Math.min(Math.max(flags.limit || 1, 1), 200), ...(flags.tag !== undefined ? { tag: flags.tag } : {}), ...(flags.list !== undefined ? { list: flags.list } : {}),
        });
        if (flags.json) return printJson(page.data.map(contactResource));
        printTable(page.data.map(row), ['id', 'phone', 'name', 'time_zone', 'tags', 'lists']);
      });
    });
  contacts.command('show')
    .description('one contact, by id or number').argument('<contact>', 'con_… or the number')
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (ref: string, flags: Common, command: Command) => {
      await withServices(command, async (services) => {
        try {
          const c = await services.contacts.contacts.get(await accountFor(services, flags.account), ref);
          if (flags.json) return printJson(contactResource(c));
          printTable([row(c)], ['id', 'phone', 'name', 'time_zone', 'tags', 'lists']);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  contacts.command('timeline')
    .description('what happened with a contact: messages both ways, link taps, consent, conversions; newest first').argument('<contact>', 'con_… or the number')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (ref: string, flags: Common & { limit: number }, command: Command) => {
      await withServices(command, async (services) => {
        try {
          const accountId = await accountFor(services, flags.account);
          const c = await services.contacts.contacts.get(accountId, ref);
          const page = await services.contacts.timeline.list(accountId, c.phone, Math.min(Math.max(flags.limit || 1, 1), 200));
          if (flags.json) return printJson(page.data.map((i) => ({ ...i, at: new Date(i.at).toISOString() })));
          printTable(page.data.map((i) => ({ at: new Date(i.at).toISOString(), type: i.type, id: i.id, detail: timelineDetail(i) })), ['at', 'type', 'id', 'detail']);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  contacts.command('remove')
    .description('erase a contact (its suppressions and consent history stay)').argument('<contact>', 'con_… or the number')
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (ref: string, flags: Common, command: Command) => {
      await withServices(command, async (services) => {
        try {
          await services.contacts.contacts.remove(await accountFor(services, flags.account), ref);
          if (flags.json) return printJson({ removed: ref });
          printLine(`removed ${ref}`);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  contacts.addCommand(contactsImportCommand());
  return contacts;
}

export function listsCommand(): Command {
  const lists = new Command('lists').description('contact lists');
  lists.command('create').description('create a list').argument('<name>')
    .option('--description <text>').option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (name: string, flags: Common & { description?: string }, command: Command) => {
      await withServices(command, async (services) => {
        try {
          const created = await services.contacts.lists.create(await accountFor(services, flags.account), { name, ...(flags.description !== undefined ? { description: flags.description } : {}) });
          if (flags.json) return printJson(listResource(created));
          printLine(`created list ${created.name} (${created.id})`);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  lists.command('list', { isDefault: true }).description('lists, newest first')
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (flags: Common, command: Command) => {
      await withServices(command, async (services) => {
        const page = await services.contacts.lists.list(await accountFor(services, flags.account), 200);
        if (flags.json) return printJson(page.data.map(listResource));
        printTable(page.data.map((l) => ({ id: l.id, name: l.name, members: String(l.memberCount) })), ['id', 'name', 'members']);
      });
    });
  return lists;
}
