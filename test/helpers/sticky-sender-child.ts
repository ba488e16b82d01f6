// Another process sending through a messaging service on the same porm database: opens its own
// SqliteStore on argv[2] and, for each recipient of argv[5] (JSON, in the order given), picks the
// sender in a write unit of its own, as SendService does; prints one "to from" line per pick.
import { SqliteStore } from '../../src/store/sqlite-store.ts';
import { MessagingServicePool } from '../../src/messaging-services/sender-pool.ts';
import type { NewMessage } from '../../src/messages/model.ts';

const [path, accountId, serviceId, rounds, recipientsJson] = process.argv.slice(2) as [string, string, string, string, string];
const store = await SqliteStore.open(path);
const pool = new MessagingServicePool();
process.stdout.write('open\n');
const lines: string[] = [];
for (let round = 0; round < Number(rounds); round++) {
  for (const to of JSON.parse(recipientsJson) as string[]) {
    const message: NewMessage = {
      to, from: '', body: 'hi', subject: null, media: [], statusCallback: null, metadata: null, sendAt: null, validityPeriod: null,
      category: 'transactional', callbackDialect: 'standard', fallback: 'auto', requestedChannel: 'auto', messagingServiceId: serviceId,
    };
    const picked = await store.write((tx) => pool.resolve(tx, accountId, serviceId, message, Date.now()));
    lines.push(`${to} ${picked.from}`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
await store.close();
