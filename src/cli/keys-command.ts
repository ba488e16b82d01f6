import { Command } from 'commander';
import { accountFor, withReaders } from './context.ts';
import { fail, printJson, printLine, printTable } from './output.ts';

export function keysCommand(): Command {
  const keys = new Command('keys').description('manage API keys');
  keys.command('create')
    .description('create an API key (the key is printed once)')
    .option('--name <name>', 'a label for the key', 'cli')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (flags: { name: string; account?: string; json?: boolean }, command: Command) => {
      await withReaders(command, async (services) => {
        const created = await services.keys.create(await accountFor(services, flags.account), flags.name);
        if (flags.json) return printJson({ id: created.id, account_id: created.accountId, name: created.name, key: created.key });
        printLine(`created ${created.id} for ${created.accountId}; the key is shown only now:`);
        printLine(created.key);
      });
    });
  keys.command('list')
    .description('list API keys (prefixes only; keys are stored hashed)')
    .option('--account <id>', 'only this account')
    .option('--json', 'print JSON')
    .action(async (flags: { account?: string; json?: boolean }, command: Command) => {
      await withReaders(command, async (services) => {
        const list = await services.keys.list(flags.account);
        const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
        if (flags.json) return printJson(list.map((k) => ({ id: k.id, account_id: k.accountId, name: k.name, prefix: k.prefix, created_at: iso(k.createdAt), revoked_at: iso(k.revokedAt) })));
        printTable(list.map((k) => ({ id: k.id, account: k.accountId, name: k.name, prefix: `${k.prefix}…`, revoked: k.revokedAt ? new Date(k.revokedAt).toISOString() : '' })), ['id', 'account', 'name', 'prefix', 'revoked']);
      });
    });
  keys.command('revoke')
    .description('revoke an API key; requests with it fail with PORM_AUTH_REVOKED')
    .argument('<id>', 'key id (key_…)')
    .action(async (id: string, _flags: unknown, command: Command) => {
      await withReaders(command, async (services) => {
        if (!(await services.keys.revoke(id))) fail(`no key ${id}`, 'PORM_CLI_KEY_NOT_FOUND');
        printLine(`revoked ${id}`);
      });
    });
  return keys;
}
