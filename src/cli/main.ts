import { Command } from 'commander';
import { ConfigError } from '../config.ts';
import { startCommand } from './start-command.ts';
import { sendCommand } from './send-command.ts';
import { messagesCommand } from './messages-command.ts';
import { keysCommand } from './keys-command.ts';
import { accountsCommand } from './accounts-command.ts';
import { migrateCommand } from './migrate-command.ts';
import { pduCommand } from './pdu-command.ts';
import { sandboxMmscCommand } from './sandbox-mmsc-command.ts';
import { mediaCommand } from './media-command.ts';
import { inboundCommand, numbersCommand } from './numbers-command.ts';

export function buildProgram(): Command {
  const program = new Command('porm')
    .description('porm: self-hosted MMS and rich messaging')
    .option('--data <dir>', 'data directory (default ./data, or PORM_DATA_DIR)')
    .option('--config <file>', 'JSON config file (or PORM_CONFIG)')
    .showHelpAfterError();
  program.addCommand(startCommand());
  program.addCommand(sendCommand());
  program.addCommand(messagesCommand());
  program.addCommand(keysCommand());
  program.addCommand(accountsCommand());
  program.addCommand(migrateCommand());
  program.addCommand(pduCommand());
  program.addCommand(sandboxMmscCommand());
  program.addCommand(mediaCommand());
  program.addCommand(numbersCommand());
  program.addCommand(inboundCommand());
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`porm: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
