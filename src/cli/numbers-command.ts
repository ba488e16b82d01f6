import { Command } from 'commander';
import { PormError } from '../errors.ts';
import type { Capability, NumberPatch } from '../numbers/model.ts';
import { numberResource } from '../numbers/number-rows.ts';
import { accountFor, explain, withServices } from './context.ts';
import { printJson, printLine, printTable } from './output.ts';
import { presentInboundMessage } from '../api/v1/presenters/inbound-message.ts';

// `porm numbers`: the account's sender numbers, through the same service as /v1/numbers.
// `porm inbound list --unattributed`: MOs to numbers nobody owns, for the operator only.

function capabilities(value: string): Capability[] {
  // Validated by the service (codes and all); here only split.
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '') as Capability[];
}

/** Errors leave as text, or as JSON on stdout with --json (scripts read the code). */
function failWith(err: unknown, json: boolean | undefined): never {
  if (json && err instanceof PormError) {
    printJson({ error: { code: err.code, message: err.message, errors: err.fields } });
    process.exit(1);
  }
  explain(err);
}

interface Common { account?: string; json?: boolean }

export function numbersCommand(): Command {
  const numbers = new Command('numbers').description('sender numbers owned by an account (E.164, short codes, alphanumeric sender ids)');
  numbers.command('add')
    .description('register a number to the account; a number has one owner')
    .argument('<number>', '+14155550100, 12345 or ACME')
    .option('--capabilities <list>', 'sms,mms (default both; sms for alphanumeric sender ids)')
    .option('--route <carrier>', 'carrier from the configuration (default: the routing table decides)')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (number: string, flags: Common & { capabilities?: string; route?: string }, command: Command) => {
      await withServices(command, async (services) => {
        const accountId = await accountFor(services, flags.account);
        try {
          const created = await services.numbers.create(accountId, {
            number, ...(flags.capabilities !== undefined ? { capabilities: capabilities(flags.capabilities) } : {}), ...(flags.route !== undefined ? { route: flags.route } : {}),
          });
          if (flags.json) return printJson(numberResource(created));
          printLine(`added ${created.number} (${created.id}) to ${accountId}`);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  numbers.command('list', { isDefault: true })
    .description('the account\'s numbers, newest first')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (flags: Common & { limit: number }, command: Command) => {
      await withServices(command, async (services) => {
        const page = await services.numbers.list(await accountFor(services, flags.account), Math.min(Math.max(flags.limit || 1, 1), 200));
        if (flags.json) return printJson(page.data.map(numberResource));
        printTable(page.data.map((n) => ({
          id: n.id, number: n.number, kind: n.kind, capabilities: n.capabilities.join(','), route: n.route ?? '(routing table)', source: n.source,
        })), ['id', 'number', 'kind', 'capabilities', 'route', 'source']);
      });
    });
  numbers.command('update')
    .description('change a number\'s capabilities or route')
    .argument('<number>', 'num_… or the number itself')
    .option('--capabilities <list>', 'sms,mms')
    .option('--route <carrier>', 'carrier from the configuration')
    .option('--default-route', 'let the routing table decide again')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (number: string, flags: Common & { capabilities?: string; route?: string; defaultRoute?: boolean }, command: Command) => {
      await withServices(command, async (services) => {
        const accountId = await accountFor(services, flags.account);
        const patch: NumberPatch = {
          ...(flags.capabilities !== undefined ? { capabilities: capabilities(flags.capabilities) } : {}),
          ...(flags.defaultRoute ? { route: null } : flags.route !== undefined ? { route: flags.route } : {}),
        };
        try {
          const updated = await services.numbers.update(accountId, number, patch);
          if (flags.json) return printJson(numberResource(updated));
          printLine(`updated ${updated.number} (${updated.id}): ${updated.capabilities.join(',')}, route ${updated.route ?? '(routing table)'}`);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  numbers.command('remove')
    .description('give a number up: MOs to it are unattributed afterwards, another account may claim it')
    .argument('<number>', 'num_… or the number itself')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (number: string, flags: Common, command: Command) => {
      await withServices(command, async (services) => {
        try {
          await services.numbers.remove(await accountFor(services, flags.account), number);
          if (flags.json) return printJson({ removed: number });
          printLine(`removed ${number}`);
        } catch (err) {
          failWith(err, flags.json);
        }
      });
    });
  return numbers;
}

export function inboundCommand(): Command {
  const inbound = new Command('inbound').description('inbound messages (MOs)');
  inbound.command('list', { isDefault: true })
    .description('newest inbound messages first: an account\'s, or with --unattributed those to numbers nobody owns (operator only)')
    .option('--unattributed', 'messages to numbers no account owned when they arrived')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (flags: Common & { unattributed?: boolean; limit: number }, command: Command) => {
      await withServices(command, async (services) => {
        const limit = Math.min(Math.max(flags.limit || 1, 1), 200);
        const page = flags.unattributed ? await services.inbound.listUnattributed(limit) : await services.inbound.list(await accountFor(services, flags.account), limit);
        if (flags.json) return printJson(page.data.map(presentInboundMessage));
        printTable(page.data.map((m) => ({
          id: m.id, received: new Date(m.receivedAt).toISOString(), carrier: m.carrier, from: m.from, to: m.to, body: m.body.length > 30 ? `${m.body.slice(0, 29)}…` : m.body,
        })), ['id', 'received', 'carrier', 'from', 'to', 'body']);
      });
    });
  return inbound;
}
