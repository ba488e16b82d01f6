// porm with redis.url: a rate-limited carrier's pace comes from the shared bucket in Redis, end
// to end through /v1/messages. Two porm processes' worth of limiters share the key the config
// names, so this run's bucket is seeded empty first: every send then waits on the shared pace.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { waitForStatus, withHarness, type Harness } from './helpers/harness.ts';

const REDIS_URL = process.env.PORM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const reachable = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(REDIS_URL);
  const socket = net.connect({ host: hostname, port: Number(port || 6379) }, () => { socket.destroy(); resolve(true); });
  socket.on('error', () => resolve(false));
});
const prefix = `porm-test:${randomUUID()}:`;

function config(): Record<string, string> {
  const file = join(mkdtempSync(join(tmpdir(), 'porm-redis-')), 'porm.json');
  writeFileSync(file, JSON.stringify({ carriers: { sandbox: { type: 'sandbox', rateLimit: { perSecond: 5 } } }, redis: { url: REDIS_URL, keyPrefix: prefix } }));
  return { PORM_CONFIG: file };
}

describe('shared rate limit through porm', { skip: reachable ? false : `Redis is not reachable at ${REDIS_URL}` }, () => {
  let h: Harness;
  withHarness((harness) => { h = harness; }, reachable ? config() : {});
  let redis: Redis;
  before(async () => {
    redis = new Redis(REDIS_URL);
    // Another process just spent the whole bucket: porm must wait for the refill.
    await redis.hset(`${prefix}rate:sandbox`, 'tokens', '0', 'at', String(Date.now() + 1_000_000));
  });

  it('holds sends while the shared bucket is empty, then sends them all at the shared pace', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await h.api('POST', '/v1/messages', { to: `+1415555014${i}`, from: '+14155550199', body: `paced ${i}`, channel: 'mms' });
      assert.equal(res.status, 201, res.text);
      ids.push(String(res.body.id));
    }
    await new Promise((r) => setTimeout(r, 600));
    for (const id of ids) {
      const m = await h.api('GET', `/v1/messages/${id}`);
      assert.ok(['accepted', 'queued'].includes(String(m.body.status)), `nothing is submitted while the shared bucket is empty: ${String(m.body.status)}`);
    }
    // Let the bucket's clock run again (as Redis time passes for real): the refill reaches porm.
    await redis.hset(`${prefix}rate:sandbox`, 'tokens', '0', 'at', '0');
    for (const id of ids) await waitForStatus(h, id, 'delivered', 30_000);
    const tokens = Number(await redis.hget(`${prefix}rate:sandbox`, 'tokens'));
    assert.ok(Number.isFinite(tokens), 'porm keeps its pace in the bucket the config names');
    await redis.quit();
  });
});
