import { Command } from 'commander';
import { presentMessage } from '../api/v1/presenters/message.ts';
import { isMessageStatus } from '../messages/status.ts';
import { accountFor, explain, withReaders } from './context.ts';
import { fail, printJson, printLine, printTable } from './output.ts';
import { messageLines } from './message-text.ts';

export function messagesCommand(): Command {
  const messages = new Command('messages').description('list and inspect messages');
  messages.command('list', { isDefault: true })
    .description('newest messages first')
    .option('--status <status>', 'only messages in this status')
    .option('--to <e164>', 'only messages to this number')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 20)
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (flags: { status?: string; to?: string; limit: number; account?: string; json?: boolean }, command: Command) => {
      if (flags.status && !isMessageStatus(flags.status)) fail(`unknown status ${flags.status}`, 'PORM_CLI_USAGE');
      await withReaders(command, async (services) => {
        const accountId = await accountFor(services, flags.account);
        const page = await services.messages.list(accountId, {
          ...(flags.status && isMessageStatus(flags.status) ? { status: flags.status } : {}), ...(flags.to ? { to: flags.to } : {}),
        }, Math.min(Math.max(flags.limit, 1), 1000));
        if (flags.json) return printJson(page.data.map((m) => presentMessage(m, { baseUrl: services.config.publicUrl })));
        printTable(page.data.map((m) => ({
          id: m.id, status: m.status, to: m.to, from: m.from, created: new Date(m.createdAt).toISOString(),
          error: m.errorCode ?? '', body: m.body.length > 30 ? `${m.body.slice(0, 29)}…` : m.body,
        })), ['id', 'status', 'to', 'from', 'created', 'error', 'body']);
      });
    });
  messages.command('get')
    .description('one message with its timeline')
    .argument('<id>', 'message id (msg_…)')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { account?: string; json?: boolean }, command: Command) => {
      await withReaders(command, async (services) => {
        try {
          const message = await services.messages.get(await accountFor(services, flags.account), id);
          const resource = presentMessage(message, { baseUrl: services.config.publicUrl }, message.events);
          if (flags.json) return printJson(resource);
          for (const line of messageLines(resource)) printLine(line);
        } catch (err) {
          explain(err);
        }
      });
    });
  return messages;
}
