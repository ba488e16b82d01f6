import { Command } from 'commander';
import { sandboxReplyCommand } from './sandbox-reply-command.ts';
import { sandboxFailCommand } from './sandbox-fail-command.ts';

/**
 * `porm sandbox`: play the sandbox's handset against a running `porm start` on the same data
 * directory. The CLI asks that process's sandbox MMSC (its control endpoint, found in the data
 * directory) to act, and the MMSC talks MM7 to porm as a carrier would.
 */
export function sandboxCommand(): Command {
  return new Command('sandbox')
    .description('play the sandbox handset: replies and delivery failures')
    .addCommand(sandboxReplyCommand())
    .addCommand(sandboxFailCommand());
}
