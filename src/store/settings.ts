import type { Store } from './store.ts';

/**
 * A server-wide setting, created on first use. Insert-if-absent then read makes concurrent
 * first starts (several processes on one database) agree on one value.
 */
export async function loadOrCreateSetting(store: Store, key: string, create: () => string): Promise<string> {
  const value = create();
  await store.write((tx) => tx.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute());
  const row = await store.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
