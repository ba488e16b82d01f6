import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Store } from './store.ts';

// The store registry: which Store implementation a configuration opens. A new implementation
// (PostgreSQL for distributed mode) is its folder under store/ plus one entry here, chosen by the
// scheme of `databaseUrl`; it also adds one file to test/contracts/ that runs the Store contract
// suite against it. Entries import their implementation lazily, so a process loads only the
// driver it uses.

interface StoreEntry {
  /** `databaseUrl` schemes this implementation opens; the entry without any is the embedded default. */
  readonly schemes: readonly string[];
  open(config: Config): Promise<Store>;
}

const STORES: readonly StoreEntry[] = [
  { schemes: [], open: async (config) => (await import('./sqlite-store.ts')).SqliteStore.open(join(config.dataDir, 'porm.db')) },
  {
    schemes: ['postgres', 'postgresql'],
    open: async (config) => (await import('./postgres/postgres-store.ts')).PostgresStore.open({ url: config.databaseUrl ?? '', poolSize: config.postgres.poolSize, schema: config.postgres.schema, connectionTimeoutMs: config.postgres.connectionTimeoutMs }),
  },
];

/** Opens the configured store (config.ts has already refused a databaseUrl no entry opens). */
export async function openStore(config: Config): Promise<Store> {
  const scheme = config.databaseUrl ? new URL(config.databaseUrl).protocol.replace(/:$/, '') : undefined;
  const entry = STORES.find((s) => (scheme === undefined ? s.schemes.length === 0 : s.schemes.includes(scheme)));
  if (!entry) throw new Error(`no store opens ${scheme}: URLs`);
  return entry.open(config);
}
