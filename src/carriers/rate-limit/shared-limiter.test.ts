import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { SharedRateLimiter, type SharedLimiterOptions } from './shared-limiter.ts';
import { RedisBucket } from './redis-bucket.ts';

// The shared limiter against the machine's real Redis: several "processes" (limiter instances,
// each with its own connection) share one pace; a clock skewed by minutes changes nothing (the
// bucket runs on Redis's clock); and an outage holds limited sends (or, when asked, falls back to
// each process's own limit) until Redis is back.

const REDIS_URL = process.env.PORM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) }, () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}
const skip = (await redisReachable()) ? false : `Redis is not reachable at ${REDIS_URL} (.ci/run starts it)`;

const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Calls acquire on every limiter as fast as the event loop allows for `ms`; counts the grants. */
async function hammer(limiters: SharedRateLimiter[], connector: string, ms: number): Promise<number[]> {
  const grants = limiters.map(() => 0);
  const end = Date.now() + ms;
  while (Date.now() < end) {
    limiters.forEach((l, i) => {
      const slot = l.acquire(connector, Date.now());
      if (slot.ok) {
        grants[i]! += 1;
        slot.release();
      }
    });
    await new Promise<void>((r) => setImmediate(r));
  }
  return grants;
}

function limiterOn(url: string, prefix: string, options: Partial<SharedLimiterOptions> = {}, wallClock?: () => number) {
  const bucket = new RedisBucket(url, prefix);
  const limiter = new SharedRateLimiter({ route: { perSecond: 50 }, open: undefined }, bucket, { onUnavailable: 'hold', ...options }, silent, wallClock);
  return { bucket, limiter };
}

test('three processes share one pace: 50/s in all, never 50/s each', { skip }, async (t) => {
  const prefix = `porm-test:${randomUUID()}:`;
  const parts = [limiterOn(REDIS_URL, prefix), limiterOn(REDIS_URL, prefix), limiterOn(REDIS_URL, prefix, {}, () => Date.now() + 5 * 60_000)];
  t.after(async () => { for (const p of parts) await p.bucket.close(); });
  const started = Date.now();
  const grants = await hammer(parts.map((p) => p.limiter), 'route', 2000);
  const elapsedS = (Date.now() - started) / 1000;
  const total = grants.reduce((a, b) => a + b, 0);
  // The bucket starts full (one second's worth) and refills at 50/s: no interleaving can exceed it.
  assert.ok(total <= Math.ceil(50 * elapsedS) + 50, `granted ${total} (${grants.join('+')}) in ${elapsedS.toFixed(2)} s at 50/s`);
  assert.ok(total >= 50, `the pace is shared, not stopped: ${total} granted`);
  assert.ok(grants.filter((g) => g > 0).length >= 2, `more than one process gets slots: ${grants.join(', ')}`);
});

test('a connector without a limit is granted at once; maxInFlight stays per process', { skip }, async (t) => {
  const bucket = new RedisBucket(REDIS_URL, `porm-test:${randomUUID()}:`);
  t.after(() => bucket.close());
  const limiter = new SharedRateLimiter({ capped: { maxInFlight: 1 } }, bucket, { onUnavailable: 'hold' }, silent);
  assert.equal(limiter.acquire('open', Date.now()).ok, true);
  const first = limiter.acquire('capped', Date.now());
  assert.equal(first.ok, true);
  assert.equal(limiter.acquire('capped', Date.now()).ok, false, 'a second submit in flight is refused');
  if (first.ok) first.release();
  assert.equal(limiter.acquire('capped', Date.now()).ok, true);
});

/** A TCP proxy to Redis that can be cut and restored on the same port: a Redis outage, played. */
async function cuttableProxy(): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const target = new URL(REDIS_URL);
  const sockets = new Set<net.Socket>();
  let server = net.createServer();
  const listen = async (port: number) => {
    server = net.createServer((client) => {
      const upstream = net.connect({ host: target.hostname, port: Number(target.port || 6379) });
      for (const s of [client, upstream]) { sockets.add(s); s.on('error', () => {}); s.on('close', () => sockets.delete(s)); }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  };
  const port = await listen(0);
  const cut = async () => {
    // Stop accepting first: a reconnect between the two steps would otherwise slip through.
    const closed = new Promise<void>((r) => server.close(() => r()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return { url: `redis://127.0.0.1:${port}`, cut, restore: async () => { await listen(port); }, close: cut };
}

test('Redis gone: hold mode sends nothing to a limited carrier until it is back, and warns once', { skip }, async (t) => {
  const proxy = await cuttableProxy();
  const warnings: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => { const m = JSON.parse(line) as { level: number; msg: string }; if (m.level >= 40) warnings.push(m.msg); } });
  const bucket = new RedisBucket(proxy.url, `porm-test:${randomUUID()}:`);
  const limiter = new SharedRateLimiter({ route: { perSecond: 50 } }, bucket, { onUnavailable: 'hold', unavailableRetryMs: 100 }, log);
  t.after(async () => { await bucket.close(); await proxy.close().catch(() => {}); });

  assert.ok((await hammer([limiter], 'route', 300))[0]! > 0, 'granted while Redis is up');
  await proxy.cut();
  await sleep(100);
  await hammer([limiter], 'route', 1200); // spends what was leased, then finds Redis gone
  const whileDown = await hammer([limiter], 'route', 500);
  assert.equal(whileDown[0], 0, 'nothing granted while the shared limit cannot be guaranteed');
  assert.equal(warnings.filter((w) => w.includes('redis unreachable')).length, 1, warnings.join(' | '));
  const refused = limiter.acquire('route', 1000);
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.ok(refused.retryAt >= 1100, 'a held send waits, it is not failed');

  await proxy.restore();
  let after = 0;
  for (let i = 0; i < 40 && after === 0; i++) after = (await hammer([limiter], 'route', 250))[0]!;
  assert.ok(after > 0, 'sends resume once Redis is back');
});

test('Redis gone: local mode goes on at each process\'s own limit', { skip }, async (t) => {
  const bucket = new RedisBucket('redis://127.0.0.1:1', `porm-test:${randomUUID()}:`);
  const limiter = new SharedRateLimiter({ route: { perSecond: 50 } }, bucket, { onUnavailable: 'local' }, silent);
  t.after(() => bucket.close());
  await hammer([limiter], 'route', 200); // the first lease fails: Redis is marked unreachable
  const [granted] = await hammer([limiter], 'route', 1000);
  assert.ok(granted! > 0, 'sending goes on');
  assert.ok(granted! <= 50 + 50 + 1, `at most the local bucket: ${granted}`);
});
