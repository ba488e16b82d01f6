import type { Config } from '../config.ts';
import { systemClock } from '../clock.ts';
import type { Services } from '../services.ts';
import { openStore } from '../store/open-store.ts';
import { AccountService } from '../accounts/accounts.ts';
import { ApiKeyService } from '../accounts/api-keys.ts';
import { MessageQueries } from '../messages/query-service.ts';

/** The part of Services that commands reading and administering the database use. */
export type Readers = Pick<Services, 'config' | 'clock' | 'store' | 'accounts' | 'keys' | 'messages'>;

/**
 * Opens only the store and the services over it, wired as in openServices (src/main.ts), without
 * the send path, media, rich pages or metrics: those load sharp, prom-client and more, which
 * `porm messages list` has no use for and would pay for in start-up time.
 */
export async function openReaders(config: Config): Promise<Readers> {
  const clock = systemClock;
  // The same database file openServices opens (migrations applied on open, as there).
  const store = await openStore(config);
  return {
    config, clock, store,
    accounts: new AccountService(store, clock),
    keys: new ApiKeyService(store, clock),
    messages: new MessageQueries(store),
  };
}
