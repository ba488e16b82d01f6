// A second process writing to a porm database: opens its own SqliteStore on the file given as
// argv[2] and commits argv[3] increments of the `contract-counter` setting, one unit each.
import { sql } from 'kysely';
import { SqliteStore } from '../../src/store/sqlite-store.ts';

const [path, count] = [process.argv[2]!, Number(process.argv[3])];
const store = await SqliteStore.open(path);
process.stdout.write('open\n');
for (let i = 0; i < count; i++) {
  await store.write((tx) => sql`UPDATE settings SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'contract-counter'`.execute(tx));
}
await store.close();
