import { Command } from 'commander';
import { PormError } from '../errors.ts';
import type { Segment } from '../contacts/segments/segment-service.ts';
import { contactResource } from '../contacts/contact-rows.ts';
import { accountFor, explain, withServices } from './context.ts';
import { jsonArgument } from './json-argument.ts';
import { printJson, printLine, printTable } from './output.ts';

// `porm segments`: the same services as /v1/segments. A rule is given as JSON text, or read from a
// file with @path (rules with a few conditions are long for a shell line).

interface Common { account?: string; json?: boolean }

function failWith(err: unknown, json: boolean | undefined): never {
  if (json && err instanceof PormError) {
    printJson({ error: { code: err.code, message: err.message, errors: err.fields } });
    process.exit(1);
  }
  explain(err);
}

/** The rule argument: JSON, or @file holding JSON. */
const ruleFrom = (text: string): unknown => jsonArgument(text, 'the rule');

const resource = (s: Segment) => ({ id: s.id, object: 'segment', name: s.name, rule: s.rule, created_at: new Date(s.createdAt).toISOString(), updated_at: new Date(s.updatedAt).toISOString() });

export function segmentsCommand(): Command {
  const segments = new Command('segments').description('segments: preview a rule, create, list, show, remove');
  segments.command('preview')
    .description('how many contacts a rule matches now, and the newest ten').argument('<rule>', 'the rule as JSON, or @file.json')
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (rule: string, flags: Common, command: Command) => {
      await withServices(command, async (services) => {
        try {
          const { count, sample } = await services.contacts.segments.preview(await accountFor(services, flags.account), ruleFrom(rule));
          if (flags.json) return printJson({ count, sample: sample.map(contactResource) });
          printLine(`${count} contact${count === 1 ? '' : 's'}`);
          printTable(sample.map((c) => ({ phone: c.phone, name: c.name ?? '' })), ['phone', 'name']);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  segments.command('create')
    .description('store a rule by name').argument('<name>').argument('<rule>', 'the rule as JSON, or @file.json')
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (name: string, rule: string, flags: Common, command: Command) => {
      await withServices(command, async (services) => {
        try {
          const segment = await services.contacts.segments.create(await accountFor(services, flags.account), { name, rule: ruleFrom(rule) });
          if (flags.json) return printJson(resource(segment));
          printLine(`created ${segment.name} (${segment.id})`);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  segments.command('list', { isDefault: true })
    .description('segments, newest first').option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (flags: Common & { limit: number }, command: Command) => {
      await withServices(command, async (services) => {
        const page = await services.contacts.segments.list(await accountFor(services, flags.account), Math.min(Math.max(flags.limit || 1, 1), 200));
        if (flags.json) return printJson(page.data.map(resource));
        printTable(page.data.map((s) => ({ id: s.id, name: s.name, rule: JSON.stringify(s.rule) })), ['id', 'name', 'rule']);
      });
    });
  segments.command('show')
    .description('one segment, with how many contacts it matches now').argument('<segment>', 'seg_…')
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (id: string, flags: Common, command: Command) => {
      await withServices(command, async (services) => {
        try {
          const accountId = await accountFor(services, flags.account);
          const segment = await services.contacts.segments.get(accountId, id);
          const { count } = await services.contacts.segments.preview(accountId, segment.rule);
          if (flags.json) return printJson({ ...resource(segment), count });
          printTable([{ id: segment.id, name: segment.name, count: String(count), rule: JSON.stringify(segment.rule) }], ['id', 'name', 'count', 'rule']);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  segments.command('remove')
    .description('delete a segment (its contacts stay)').argument('<segment>', 'seg_…')
    .option('--account <id>', 'account (default: the first account)').option('--json', 'print JSON')
    .action(async (id: string, flags: Common, command: Command) => {
      await withServices(command, async (services) => {
        try {
          await services.contacts.segments.remove(await accountFor(services, flags.account), id);
          if (flags.json) return printJson({ removed: id });
          printLine(`removed ${id}`);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  return segments;
}
