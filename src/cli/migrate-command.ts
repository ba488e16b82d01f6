import { Command } from 'commander';
import { withReaders } from './context.ts';
import { printLine } from './output.ts';
import { pendingMigrations } from '../store/migrate.ts';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('bring the database schema up to date (porm start also does this)')
    .action(async (_flags: unknown, command: Command) => {
      // Opening the store applies pending migrations; report what is left (nothing, normally).
      await withReaders(command, async (services) => {
        const pending = await pendingMigrations(services.store.db);
        printLine(pending.length === 0 ? 'database schema is up to date' : `pending: ${pending.join(', ')}`);
      });
    });
}
