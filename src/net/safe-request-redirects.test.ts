import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { OutboundError } from './outbound-error.ts';
import type { OutboundHooks, OutboundPolicy, OutboundRequest, ResolvedAddress } from './policy.ts';
import { safeRequest } from './safe-request.ts';
import { startPair, startServer, testPolicy, type LoopbackServer } from './test-servers.ts';

// 127.0.0.2 and 127.0.0.3 stand in for public hosts; 127.0.0.1 stands in for everything forbidden.
// `forbidden` listens on 127.0.0.1 at the same port as `allowed`, so only the address check keeps
// a redirect or a rebound name away from it.
let allowed: LoopbackServer;
let forbidden: LoopbackServer;
let other: LoopbackServer;
const guarded = testPolicy({ allowPrivateNetworks: false, maxRedirects: 3 });

function allowTestHosts(resolve?: OutboundHooks['resolve']): OutboundHooks {
  return { isAddressAllowed: (a) => a === '127.0.0.2' || a === '127.0.0.3', ...(resolve ? { resolve } : {}) };
}

/** A resolver for rebind.test that answers the allowed address once, then the forbidden one. */
function rebindingResolver(): { resolve: NonNullable<OutboundHooks['resolve']>; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    resolve: async (host): Promise<ResolvedAddress[]> => {
      assert.equal(host, 'rebind.test');
      calls++;
      return [{ address: calls === 1 ? '127.0.0.2' : '127.0.0.1', family: 4 }];
    },
  };
}

function redirect(res: http.ServerResponse, status: number, location?: string): void {
  res.statusCode = status;
  if (location !== undefined) res.setHeader('location', location);
  res.end('redirect body that must not matter');
}

function route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  const path = req.url ?? '/';
  const p = allowed.port;
  const code = /^\/r\/(\d+)$/.exec(path);
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (path === '/echo') {
    res.end(JSON.stringify({ method: req.method, body, type: req.headers['content-type'] ?? null, auth: req.headers.authorization ?? null }));
  } else if (code) redirect(res, Number(code[1]), '/echo');
  else if (chain) redirect(res, 302, Number(chain[1]) > 0 ? `/chain/${Number(chain[1]) - 1}` : undefined);
  else if (path === '/loop') redirect(res, 302, '/loop');
  else if (path === '/rel') redirect(res, 302, '../echo');
  else if (path === '/to-loopback') redirect(res, 307, `http://127.0.0.1:${p}/echo`);
  else if (path === '/to-loopback-decimal') redirect(res, 302, `http://2130706433:${p}/echo`);
  else if (path === '/to-loopback-mapped') redirect(res, 302, `http://[::ffff:127.0.0.1]:${p}/echo`);
  else if (path === '/to-rebind') redirect(res, 302, `http://rebind.test:${p}/echo`);
  else if (path === '/to-other') redirect(res, 302, `${other.origin}/echo`);
  else if (path === '/to-same') redirect(res, 302, '/echo');
  else if (path === '/to-ftp') redirect(res, 302, 'ftp://127.0.0.2/x');
  else if (path === '/to-userinfo') redirect(res, 302, `http://u:p@127.0.0.2:${p}/echo`);
  else if (path === '/to-bad') redirect(res, 302, 'http://[::1');
  else if (path === '/no-location') redirect(res, 302);
  else redirect(res, 404);
}

async function codeOf(req: OutboundRequest, policy: OutboundPolicy, hooks?: OutboundHooks): Promise<string> {
  try {
    await safeRequest(req, policy, hooks);
  } catch (err) {
    assert.ok(err instanceof OutboundError, `expected OutboundError, got ${String(err)}`);
    return err.code;
  }
  return 'no error';
}

describe('safeRequest: redirects', () => {
  before(async () => {
    [allowed, forbidden] = await startPair('127.0.0.2', '127.0.0.1', route, (_req, res) => res.end('forbidden reached'));
    other = await startServer('127.0.0.3', route);
  });
  after(async () => {
    await allowed.close();
    await forbidden.close();
    await other.close();
  });
  const hooks = allowTestHosts();

  for (const [status, method, keepsBody] of [[301, 'GET', false], [302, 'GET', false], [303, 'GET', false], [307, 'POST', true], [308, 'POST', true]] as const) {
    it(`${status} turns POST into ${method}${keepsBody ? ' and keeps the body' : ' without body'}`, async () => {
      const res = await safeRequest(
        { url: `${allowed.origin}/r/${status}`, method: 'POST', body: '{"n":1}', headers: { 'Content-Type': 'application/json' } },
        guarded,
        hooks,
      );
      assert.equal(res.status, 200);
      assert.equal(res.finalUrl, `${allowed.origin}/echo`);
      assert.equal(res.timings.redirects, 1);
      assert.deepEqual(JSON.parse(res.body.toString()), {
        method,
        body: keepsBody ? '{"n":1}' : '',
        type: keepsBody ? 'application/json' : null,
        auth: null,
      });
    });
  }

  it('303 keeps HEAD as HEAD; relative Locations resolve against the current URL', async () => {
    assert.equal((await safeRequest({ url: `${allowed.origin}/r/303`, method: 'HEAD' }, guarded, hooks)).status, 200);
    assert.equal(allowed.requests.at(-1)?.method, 'HEAD');
    const res = await safeRequest({ url: `${allowed.origin}/rel`, method: 'GET' }, guarded, hooks);
    assert.equal(res.finalUrl, `${allowed.origin}/echo`);
  });

  it('follows up to maxRedirects and fails one past it', async () => {
    const res = await safeRequest({ url: `${allowed.origin}/chain/3`, method: 'GET' }, guarded, hooks);
    assert.equal(res.timings.redirects, 3);
    assert.equal(await codeOf({ url: `${allowed.origin}/chain/4`, method: 'GET' }, guarded, hooks), 'PORM_OUTBOUND_TOO_MANY_REDIRECTS');
    assert.equal(await codeOf({ url: `${allowed.origin}/loop`, method: 'GET' }, guarded, hooks), 'PORM_OUTBOUND_TOO_MANY_REDIRECTS');
    const none = { ...guarded, maxRedirects: 0 };
    assert.equal(await codeOf({ url: `${allowed.origin}/r/302`, method: 'GET' }, none, hooks), 'PORM_OUTBOUND_TOO_MANY_REDIRECTS');
  });

  it('returns the 3xx itself when redirects are not followed, or when it has no Location', async () => {
    const res = await safeRequest({ url: `${allowed.origin}/r/302`, method: 'GET', followRedirects: false }, guarded, hooks);
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, '/echo');
    assert.equal(res.body.toString(), 'redirect body that must not matter');
    assert.equal((await safeRequest({ url: `${allowed.origin}/no-location`, method: 'GET' }, guarded, hooks)).status, 302);
  });

  it('blocks a redirect from an allowed host to loopback, in any spelling, without connecting', async () => {
    for (const path of ['/to-loopback', '/to-loopback-decimal', '/to-loopback-mapped']) {
      assert.equal(await codeOf({ url: `${allowed.origin}${path}`, method: 'POST', body: 'x' }, guarded, hooks), 'PORM_URL_BLOCKED', path);
    }
    assert.equal(forbidden.connections(), 0);
  });

  it('the same redirect does reach loopback when private networks are allowed (control)', async () => {
    const res = await safeRequest({ url: `${allowed.origin}/to-loopback`, method: 'GET' }, { ...guarded, allowPrivateNetworks: true });
    assert.equal(res.body.toString(), 'forbidden reached');
    assert.equal(forbidden.connections(), 1);
  });

  it('defeats DNS rebinding: one lookup per hop, and the socket goes to the checked address', async () => {
    const dns = rebindingResolver();
    const before = forbidden.connections();
    const res = await safeRequest({ url: `http://rebind.test:${allowed.port}/echo`, method: 'GET' }, guarded, allowTestHosts(dns.resolve));
    assert.equal(res.status, 200);
    assert.equal(res.remoteAddress, '127.0.0.2');
    assert.equal(dns.calls(), 1);
    assert.equal(allowed.requests.at(-1)?.host, `rebind.test:${allowed.port}`);
    assert.equal(forbidden.connections(), before);
  });

  it('re-checks the name on a redirect hop, where the rebound answer is refused', async () => {
    const dns = rebindingResolver();
    const before = forbidden.connections();
    const code = await codeOf({ url: `http://rebind.test:${allowed.port}/to-rebind`, method: 'GET' }, guarded, allowTestHosts(dns.resolve));
    assert.equal(code, 'PORM_URL_BLOCKED');
    assert.equal(dns.calls(), 2);
    assert.equal(forbidden.connections(), before);
  });

  it('drops credentials on a cross-origin redirect and keeps them on a same-origin one', async () => {
    const headers = { Authorization: 'Bearer secret', Cookie: 'sid=1' };
    const cross = await safeRequest({ url: `${allowed.origin}/to-other`, method: 'GET', headers }, guarded, hooks);
    assert.equal(JSON.parse(cross.body.toString()).auth, null);
    assert.equal(other.requests.at(-1)?.headers.cookie, undefined);
    const same = await safeRequest({ url: `${allowed.origin}/to-same`, method: 'GET', headers }, guarded, hooks);
    assert.equal(JSON.parse(same.body.toString()).auth, 'Bearer secret');
  });

  it('applies URL validation to Location', async () => {
    assert.equal(await codeOf({ url: `${allowed.origin}/to-ftp`, method: 'GET' }, guarded, hooks), 'PORM_URL_BLOCKED');
    assert.equal(await codeOf({ url: `${allowed.origin}/to-userinfo`, method: 'GET' }, guarded, hooks), 'PORM_URL_INVALID');
    assert.equal(await codeOf({ url: `${allowed.origin}/to-bad`, method: 'GET' }, guarded, hooks), 'PORM_URL_INVALID');
  });
});
