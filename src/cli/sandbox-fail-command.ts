import { Command } from 'commander';
import { presentMessage } from '../api/v1/presenters/message.ts';
import { DELIVERY_FAILURES } from '../handset/failures.ts';
import { accountFor, explain, withServices } from './context.ts';
import { printJson, printLine } from './output.ts';
import { cliHandsetPlayer } from './sandbox-player.ts';

interface FailFlags {
  status: string; description?: string; account?: string; json?: boolean;
}

/** `porm sandbox fail`: the sandbox reports a sent message as not delivered. */
export function sandboxFailCommand(): Command {
  return new Command('fail')
    .description('make the sandbox MMSC (or, for an SMS, the sandbox SMSC) report a delivery failure for a sent message (needs `porm start` running)')
    .argument('<message-id>', 'a message with status sent, sent through a sandbox carrier')
    .option('--status <status>', `${Object.keys(DELIVERY_FAILURES).join(', ')}`, 'undelivered')
    .option('--description <text>', 'the StatusText of the report')
    .option('--account <id>', 'account of the message (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (messageId: string, flags: FailFlags, command: Command) => {
      await withServices(command, async (services) => {
        try {
          const accountId = await accountFor(services, flags.account);
          const message = await cliHandsetPlayer(services).failDelivery(accountId, {
            message_id: messageId, status: flags.status, ...(flags.description !== undefined ? { description: flags.description } : {}),
          });
          if (flags.json) printJson(presentMessage(message, { baseUrl: services.publicUrl.value }, message.events));
          else printLine(`${message.id} is ${message.status}${message.errorCode ? ` (${message.errorCode}: ${message.errorMessage})` : ''}`);
        } catch (err) {
          explain(err);
        }
      });
    });
}
