import { Command } from 'commander';
import { accountFor, withReaders } from './context.ts';
import { printJson, printLine, printTable } from './output.ts';
import { ROLES } from '../dashboard/roles.ts';
import { DashboardUsers } from '../dashboard/users.ts';
import type { Readers } from './readers.ts';

/** Dashboard users over the CLI's store, and the address links point at (config publicUrl). */
function dashboardOf(services: Readers): { users: DashboardUsers; base: string } {
  return { users: new DashboardUsers(services.store, () => services.clock.now()), base: services.config.publicUrl };
}

// `porm users`: dashboard users. Links are printed for the admin to pass on; porm sends no e-mail.

export function usersCommand(): Command {
  const users = new Command('users').description('dashboard users: invite, reset a password, list');
  users.command('invite')
    .description('make a one-time invitation link (valid 7 days) for a new dashboard user')
    .argument('<email>', 'their e-mail address (their sign-in name)')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'member')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (email: string, flags: { role: string; account?: string; json?: boolean }, command: Command) => {
      await withReaders(command, async (services) => {
        const token = await dashboardOf(services).users.invite(await accountFor(services, flags.account), email, flags.role);
        const link = `${dashboardOf(services).base}/dashboard/link/${token}`;
        if (flags.json) return printJson({ email: email.trim().toLowerCase(), role: flags.role, link });
        printLine(`invitation for ${email.trim().toLowerCase()} (${flags.role}), valid 7 days, usable once:`);
        printLine(link);
      });
    });
  users.command('reset')
    .description('make a one-time link (valid 1 hour) to choose a new password; it signs the user out everywhere')
    .argument('<email>', 'the user\'s e-mail address')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (email: string, flags: { account?: string; json?: boolean }, command: Command) => {
      await withReaders(command, async (services) => {
        const token = await dashboardOf(services).users.resetLink(await accountFor(services, flags.account), email);
        const link = `${dashboardOf(services).base}/dashboard/link/${token}`;
        if (flags.json) return printJson({ email: email.trim().toLowerCase(), link });
        printLine(`password reset for ${email.trim().toLowerCase()}, valid 1 hour, usable once:`);
        printLine(link);
      });
    });
  users.command('list')
    .description('list the account\'s dashboard users')
    .option('--account <id>', 'account (default: the first account)')
    .option('--json', 'print JSON')
    .action(async (flags: { account?: string; json?: boolean }, command: Command) => {
      await withReaders(command, async (services) => {
        const list = await dashboardOf(services).users.list(await accountFor(services, flags.account));
        if (flags.json) return printJson(list.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, created_at: new Date(u.createdAt).toISOString() })));
        printTable(list.map((u) => ({ email: u.email, name: u.name, role: u.role })), ['email', 'name', 'role']);
      });
    });
  return users;
}
