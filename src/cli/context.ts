import type { Command } from 'commander';
import { loadConfig, type Config, type ConfigFlags } from '../config.ts';
import type { Services } from '../services.ts';
import type { Readers } from './readers.ts';
import { fail } from './output.ts';

// Errors are reported in one place, output.ts (text or --json, always with the code).
export { explain } from './output.ts';

/** Global flags every subcommand understands. */
export interface GlobalFlags {
  data?: string;
  config?: string;
  databaseUrl?: string;
}

export function configFrom(command: Command, extra: ConfigFlags = {}): Config {
  const flags = command.optsWithGlobals<GlobalFlags>();
  return loadConfig({ ...(flags.config ? { config: flags.config } : {}), ...(flags.data ? { data: flags.data } : {}), ...(flags.databaseUrl ? { databaseUrl: flags.databaseUrl } : {}), ...extra });
}

/** Opens the data directory's services for one CLI command and closes them afterwards. */
export async function withServices<T>(command: Command, run: (services: Services) => Promise<T>): Promise<T> {
  // Imported here, not above: the composition root loads everything (Fastify, sharp, …).
  const { openServices } = await import('../main.ts');
  const services = await openServices(configFrom(command));
  try {
    return await run(services);
  } finally {
    await services.store.close();
  }
}

/** Like withServices, with only the store and its queries: for commands that need nothing else, so they start fast. */
export async function withReaders<T>(command: Command, run: (readers: Readers) => Promise<T>): Promise<T> {
  const { openReaders } = await import('./readers.ts');
  const readers = await openReaders(configFrom(command));
  try {
    return await run(readers);
  } finally {
    await readers.store.close();
  }
}

/** The account a CLI command acts for: --account, or the first account of the data directory. */
export async function accountFor(services: Pick<Services, 'accounts'>, requested: string | undefined): Promise<string> {
  if (requested) {
    const account = await services.accounts.get(requested);
    if (!account) fail(`no account ${requested}`, 'PORM_CLI_ACCOUNT_NOT_FOUND');
    return account.id;
  }
  const first = await services.accounts.first();
  if (!first) fail('no account yet: run `porm start` once, or `porm accounts create NAME`', 'PORM_CLI_ACCOUNT_NOT_FOUND');
  return first.id;
}
