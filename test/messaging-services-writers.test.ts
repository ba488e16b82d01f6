import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import { systemClock } from '../src/clock.ts';
import { AccountService } from '../src/accounts/accounts.ts';
import { NumberService } from '../src/numbers/number-service.ts';
import { MessagingServices } from '../src/messaging-services/messaging-service-service.ts';

// The sticky sender with several writers: three processes on one database file pick senders
// for the same recipients at once (test/helpers/sticky-sender-child.ts). The pool's choice is
// random, so only the stored row, decided by its primary key, makes them agree.

const POOL = ['+14155550180', '+14155550181', '+14155550182', '+14155550183'];
const RECIPIENTS = Array.from({ length: 8 }, (_, i) => `+1415555019${i}`);

test('three processes sending to the same recipients through one pool agree on every sticky sender', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'porm-sticky-procs-'));
  const path = join(dir, 'porm.db');
  const store = await SqliteStore.open(path);
  try {
    const accountId = (await new AccountService(store, systemClock).create('pool')).account.id;
    const numbers = new NumberService(store, systemClock, () => true);
    for (const n of POOL) await numbers.create(accountId, { number: n });
    const service = await new MessagingServices(store, systemClock).create(accountId, { name: 'Pool', numbers: POOL });
    const children = [0, 1, 2].map((i) => {
      // Each process walks the recipients in another order, so first picks collide.
      const order = i === 1 ? [...RECIPIENTS].reverse() : i === 2 ? [...RECIPIENTS.slice(4), ...RECIPIENTS.slice(0, 4)] : RECIPIENTS;
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/sticky-sender-child.ts', path, accountId, service.id, '3', JSON.stringify(order)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      return { child, exited: new Promise<number | null>((resolve) => child.on('exit', resolve)), output: () => out };
    });
    await Promise.all(children.map((c) => once(c.child.stdout, 'data')));
    assert.deepEqual(await Promise.all(children.map((c) => c.exited)), [0, 0, 0]);
    const picks = children.flatMap((c) => c.output().split('\n').filter((l) => /^\+\d+ \+\d+$/.test(l)).map((l) => l.split(' ') as [string, string]));
    assert.equal(picks.length, 3 * 3 * RECIPIENTS.length);
    const stored = await store.db.selectFrom('messaging_service_senders as s').innerJoin('numbers as n', 'n.id', 's.number_id')
      .select(['s.to_number', 'n.number']).where('s.service_id', '=', service.id).execute();
    assert.equal(stored.length, RECIPIENTS.length);
    const stickyOf = new Map(stored.map((r) => [r.to_number, r.number]));
    for (const [to, from] of picks) assert.equal(from, stickyOf.get(to), `${to}: every process used the stored sender`);
    assert.ok(stored.every((r) => POOL.includes(r.number)));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
