import { Command } from 'commander';
import { withReaders } from './context.ts';
import { printJson, printLine, printTable } from './output.ts';
import { twilioCredentialsCommand } from '../twilio/credentials/credentials-command.ts';

export function accountsCommand(): Command {
  const accounts = new Command('accounts').description('manage accounts (each has its own messages, media, keys and webhooks)');
  accounts.command('create')
    .argument('<name>', 'account name')
    .description('create an account and its first API key (printed once)')
    .option('--json', 'print JSON')
    .action(async (name: string, flags: { json?: boolean }, command: Command) => {
      await withReaders(command, async (services) => {
        const { account, apiKey } = await services.accounts.create(name);
        if (flags.json) return printJson({ id: account.id, name: account.name, key: apiKey.key });
        printLine(`created account ${account.id} (${account.name}); its API key, shown only now:`);
        printLine(apiKey.key);
      });
    });
  accounts.command('list')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      await withReaders(command, async (services) => {
        const list = await services.accounts.list();
        if (flags.json) return printJson(list.map((a) => ({ id: a.id, name: a.name, created_at: new Date(a.createdAt).toISOString() })));
        printTable(list.map((a) => ({ id: a.id, name: a.name, created: new Date(a.createdAt).toISOString() })), ['id', 'name', 'created']);
      });
    });
  accounts.addCommand(twilioCredentialsCommand());
  return accounts;
}
