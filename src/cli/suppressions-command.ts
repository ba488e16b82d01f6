import { Command } from 'commander';
import { suppressionResource } from '../api/v1/presenters/compliance.ts';
import { positiveInt, withCompliance } from './compliance-context.ts';
import { printJson, printLine, printTable } from './output.ts';

// `porm suppressions`: the account's suppression lists (numbers porm sends nothing to), through
// the same ConsentService as /v1/suppressions. Without --program an entry covers every program of
// the account; a suppression added here is not lifted by the recipient's START.

interface Common { account?: string; json?: boolean; program?: string }

export function suppressionsCommand(): Command {
  const suppressions = new Command('suppressions').description('suppression lists: numbers porm sends nothing to (list, add, remove)');
  suppressions.command('list', { isDefault: true })
    .description('suppressed numbers, by number')
    .option('--to <e164>', 'only this number')
    .option('--program <id>', 'only this program\'s list (prg_…)')
    .option('--limit <n>', 'how many (at most 1000)', positiveInt, 50)
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (flags: Common & { to?: string; limit: number }, command: Command) => {
      await withCompliance(command, flags.account, async ({ accountId, consents }) => {
        const page = await consents.suppressions(accountId, {
          limit: Math.min(flags.limit, 1000), ...(flags.to !== undefined ? { to: flags.to } : {}), ...(flags.program !== undefined ? { programId: flags.program } : {}),
        });
        if (flags.json) return printJson(page.data.map(suppressionResource));
        printTable(page.data.map((s) => ({
          to: s.recipient, program: s.programId ?? '(all programs)', source: s.source, since: new Date(s.createdAt).toISOString(), reason: s.reason,
        })), ['to', 'program', 'source', 'since', 'reason']);
        if (page.nextCursor) printLine(`(more: raise --limit)`);
      });
    });
  suppressions.command('add')
    .description('suppress a number (for one program with --program, else for every program of the account)')
    .argument('<number>', 'E.164, e.g. +14155550177')
    .requiredOption('--reason <text>', 'why, for the audit (1 to 500 characters)')
    .option('--program <id>', 'only this program (prg_…)')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (number: string, flags: Common & { reason: string }, command: Command) => {
      await withCompliance(command, flags.account, async ({ accountId, consents }) => {
        const added = await consents.addSuppression(accountId, { to: number, reason: flags.reason, ...(flags.program !== undefined ? { programId: flags.program } : {}) });
        if (flags.json) return printJson(suppressionResource(added));
        printLine(`suppressed ${added.recipient} for ${added.programId ?? 'every program of the account'}`);
      });
    });
  suppressions.command('remove')
    .description('lift a suppression (the account-wide one, or --program\'s)')
    .argument('<number>', 'E.164')
    .option('--program <id>', 'the program\'s list (prg_…)')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (number: string, flags: Common, command: Command) => {
      await withCompliance(command, flags.account, async ({ accountId, consents }) => {
        await consents.removeSuppression(accountId, number, flags.program);
        if (flags.json) return printJson({ removed: number, program_id: flags.program ?? null });
        printLine(`lifted the suppression of ${number}`);
      });
    });
  return suppressions;
}
