import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../logger.ts';
import { smppSchema } from './smpp-type.ts';
import { BindPool } from './bind-pool.ts';

test('waits for a change that end by their timer leave nothing behind', async () => {
  // No bind is started: every wait ends by its timer, as a submit's wait for a full window does under load.
  const config = smppSchema.parse({ type: 'smpp', host: '127.0.0.1', port: 9, systemId: 'porm' });
  const pool = new BindPool(config, createLogger({ logLevel: 'silent' }), async () => 0);
  await Promise.all(Array.from({ length: 1_000 }, () => pool.change(1)));
  assert.equal(pool.changeWaiters, 0);
  await pool.change(1);
  assert.equal(pool.changeWaiters, 0);
});
