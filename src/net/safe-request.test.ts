import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { OutboundError } from './outbound-error.ts';
import type { OutboundHooks, OutboundPolicy, OutboundRequest } from './policy.ts';
import { safeRequest } from './safe-request.ts';
import { startServer, testPolicy, type LoopbackServer } from './test-servers.ts';

async function codeOf(req: OutboundRequest, policy: OutboundPolicy, hooks?: OutboundHooks): Promise<string> {
  try {
    await safeRequest(req, policy, hooks);
  } catch (err) {
    assert.ok(err instanceof OutboundError, `expected OutboundError, got ${String(err)}`);
    return err.code;
  }
  return 'no error';
}

const open = testPolicy({ allowPrivateNetworks: true });
const guarded = testPolicy({ allowPrivateNetworks: false });

describe('safeRequest: basics', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startServer('127.0.0.1', (req, res, body) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.end(JSON.stringify({ method: req.method, ua: req.headers['user-agent'], custom: req.headers['x-porm'], body }));
    });
  });
  after(() => server.close());

  it('GETs from loopback when private networks are allowed', async () => {
    const res = await safeRequest({ url: `${server.origin}/hello?x=1`, method: 'GET', headers: { 'X-Porm': 'yes' } }, open);
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body.toString()), { method: 'GET', ua: 'porm-test/1', custom: 'yes', body: '' });
    assert.equal(res.finalUrl, `${server.origin}/hello?x=1`);
    assert.equal(res.remoteAddress, '127.0.0.1');
    assert.deepEqual(res.headers['set-cookie'], ['a=1', 'b=2']);
    assert.equal(res.timings.redirects, 0);
    assert.ok(res.timings.totalMs >= res.timings.firstByteMs);
    assert.equal(server.requests.at(-1)?.url, '/hello?x=1');
  });

  it('POSTs a string or Buffer body', async () => {
    const res = await safeRequest({ url: server.origin, method: 'POST', body: '{"a":1}' }, open);
    assert.equal(JSON.parse(res.body.toString()).body, '{"a":1}');
    const res2 = await safeRequest({ url: server.origin, method: 'POST', body: Buffer.from('héllo') }, open);
    assert.equal(JSON.parse(res2.body.toString()).body, 'héllo');
  });

  it('throws a TypeError, not a network error, for a header value a caller got wrong', async () => {
    await assert.rejects(safeRequest({ url: server.origin, method: 'GET', headers: { 'x-bad': 'a\r\nInjected: 1' } }, open), TypeError);
  });

  it('HEAD returns no body', async () => {
    const res = await safeRequest({ url: server.origin, method: 'HEAD' }, open);
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 0);
  });

  it('lets an allowlist hook admit one loopback address and not another', async () => {
    const onlyThis = { isAddressAllowed: (a: string) => a === '127.0.0.1' };
    assert.equal((await safeRequest({ url: server.origin, method: 'GET' }, guarded, onlyThis)).status, 200);
    const before = server.connections();
    const other = { isAddressAllowed: (a: string) => a === '127.0.0.2' };
    assert.equal(await codeOf({ url: server.origin, method: 'GET' }, guarded, other), 'PORM_URL_BLOCKED');
    assert.equal(server.connections(), before);
  });
});

describe('safeRequest: loopback in every spelling is refused before connecting', () => {
  let v4: LoopbackServer;
  let v6: LoopbackServer | undefined;
  let urls: string[];
  const reached = (): number => v4.connections() + (v6?.connections() ?? 0);
  const toLoopback: OutboundHooks = { resolve: async () => [{ address: '127.0.0.1', family: 4 }] };
  before(async () => {
    v4 = await startServer('127.0.0.1', (_req, res) => res.end('reached'));
    // Machines without IPv6 loopback still run everything else.
    v6 = await startServer('::1', (_req, res) => res.end('reached')).catch(() => undefined);
    const p = v4.port;
    urls = [
      `http://127.0.0.1:${p}/`, `http://2130706433:${p}/`, `http://0177.0.0.1:${p}/`, `http://0x7f.1:${p}/`,
      `http://0x7f000001:${p}/`, `http://127.1:${p}/`, `http://[::ffff:127.0.0.1]:${p}/`,
      `http://[0:0:0:0:0:ffff:7f00:1]:${p}/`, `http://0.0.0.0:${p}/`, `http://0:${p}/`, `http://localhost:${p}/`,
      `https://127.0.0.1:${p}/`,
      ...(v6 === undefined ? [] : [`http://[::1]:${v6.port}/`, `http://[0:0:0:0:0:0:0:1]:${v6.port}/`]),
    ];
  });
  after(async () => {
    await v4.close();
    await v6?.close();
  });

  it('the same URLs do reach the counting servers when private networks are allowed (control)', async () => {
    for (const url of urls.filter((u) => u.startsWith('http:'))) {
      const before = reached();
      const res = await safeRequest({ url, method: 'GET' }, open);
      assert.equal(res.body.toString(), 'reached', url);
      assert.equal(reached(), before + 1, url);
    }
  });

  it('refuses them all with PORM_URL_BLOCKED and opens no connection', async () => {
    const before = reached();
    for (const url of urls) {
      assert.equal(await codeOf({ url, method: 'GET' }, guarded), 'PORM_URL_BLOCKED', url);
      assert.equal(await codeOf({ url, method: 'POST', body: 'x' }, guarded), 'PORM_URL_BLOCKED', url);
    }
    assert.equal(await codeOf({ url: `http://loopback.test:${v4.port}/`, method: 'GET' }, guarded, toLoopback), 'PORM_URL_BLOCKED');
    assert.equal(reached(), before);
  });
});

// Ranges we cannot host a server on. A test must never send packets off the machine, so every
// socket connect in this block is intercepted: it records the attempt and refuses to connect.
describe('safeRequest: every non-public range is refused before any socket connects', () => {
  const attempts: unknown[] = [];
  const original = net.Socket.prototype.connect;
  before(() => {
    net.Socket.prototype.connect = function guard(this: net.Socket, ...args: unknown[]): net.Socket {
      attempts.push(args[0]);
      throw new Error('test guard: no outbound connections from this test');
    } as typeof original;
  });
  after(() => {
    net.Socket.prototype.connect = original;
  });

  const LITERALS = [
    '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '169.254.0.1',
    '100.64.0.1', '100.127.255.255', '0.0.0.0', '0.1.2.3', '224.0.0.1', '239.255.255.250', '255.255.255.255',
    '240.0.0.1', '192.0.2.1', '198.51.100.1', '203.0.113.1', '198.18.0.1', '192.0.0.1',
    '[::1]', '[::]', '[fc00::1]', '[fd12:3456::1]', '[fe80::1]', '[ff02::1]', '[fec0::1]', '[2001:db8::1]', '[2001::1]',
    '[::ffff:10.0.0.1]', '[::ffff:169.254.169.254]', '[::ffff:192.168.0.1]', '[::127.0.0.1]', '[::10.0.0.1]',
    '[64:ff9b::10.0.0.1]', '[64:ff9b::169.254.169.254]', '[64:ff9b:1::1]', '[2002:a00:1::1]', '[2002:a9fe:a9fe::]',
    // Numeric host tricks for private and metadata targets
    '167772161', '0x0a.0.0.1', '012.0.0.1', '3232235777', '0xA9FEA9FE', '0251.0376.0251.0376', '2852039166', '10.1',
  ];
  for (const host of LITERALS) {
    it(`refuses http://${host}/`, async () => {
      assert.equal(await codeOf({ url: `http://${host}/`, method: 'GET' }, guarded), 'PORM_URL_BLOCKED');
      assert.equal(await codeOf({ url: `https://${host}:8443/x`, method: 'POST', body: 'x' }, guarded), 'PORM_URL_BLOCKED');
    });
  }

  const RESOLVED = ['10.0.0.1', '172.20.1.1', '192.168.0.10', '169.254.169.254', '100.100.100.200', 'fd00:ec2::254', 'fe80::a9fe:a9fe', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '::1', '::127.0.0.1'];
  for (const address of RESOLVED) {
    it(`refuses a host name that resolves to ${address}`, async () => {
      const hooks: OutboundHooks = { resolve: async () => [{ address, family: address.includes(':') ? 6 : 4 }] };
      assert.equal(await codeOf({ url: 'http://metadata.test/latest', method: 'GET' }, guarded, hooks), 'PORM_URL_BLOCKED');
    });
  }

  it('refuses a name whose answers mix a public and a private address', async () => {
    const hooks: OutboundHooks = { resolve: async () => [{ address: '8.8.8.8', family: 4 }, { address: '10.0.0.1', family: 4 }] };
    assert.equal(await codeOf({ url: 'http://mixed.test/', method: 'GET' }, guarded, hooks), 'PORM_URL_BLOCKED');
  });

  it('refuses a resolver answer that is not an IP address', async () => {
    const hooks: OutboundHooks = { resolve: async () => [{ address: '0x7f.1', family: 4 }] };
    assert.equal(await codeOf({ url: 'http://odd.test/', method: 'GET' }, guarded, hooks), 'PORM_URL_BLOCKED');
  });

  it('made no connection attempt for any of them', () => assert.deepEqual(attempts, []));

  it('the guard does see connections that are attempted (control)', async () => {
    // 192.0.2.1 is TEST-NET-1 (never routed), in case the guard itself ever stopped working.
    await assert.rejects(safeRequest({ url: 'http://192.0.2.1/', method: 'GET' }, open));
    assert.equal(attempts.length, 1);
    attempts.length = 0;
  });
});

describe('safeRequest: error classification', () => {
  it('marks blocked targets permanent and failed connections transient', async () => {
    const blocked = await safeRequest({ url: 'http://127.0.0.1:9/', method: 'GET' }, guarded).catch((e: unknown) => e);
    assert.ok(blocked instanceof OutboundError);
    assert.equal(blocked.permanent, true);
    assert.equal(blocked.status, 422);

    const closed = await startServer('127.0.0.1', (_req, res) => res.end());
    await closed.close();
    const refused = await safeRequest({ url: closed.origin, method: 'GET' }, open).catch((e: unknown) => e);
    assert.ok(refused instanceof OutboundError);
    assert.equal(refused.code, 'PORM_OUTBOUND_CONNECTION_FAILED');
    assert.equal(refused.permanent, false);
  });

  it('reports a name that does not resolve as a transient connection failure', async () => {
    const hooks: OutboundHooks = {
      resolve: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' });
      },
    };
    assert.equal(await codeOf({ url: 'http://nowhere.test/', method: 'GET' }, guarded, hooks), 'PORM_OUTBOUND_CONNECTION_FAILED');
    assert.equal(await codeOf({ url: 'http://empty.test/', method: 'GET' }, guarded, { resolve: async () => [] }), 'PORM_OUTBOUND_CONNECTION_FAILED');
  });

  it('rejects malformed URLs before doing anything', async () => {
    for (const url of ['', 'http://', 'http://[::1', 'http://u:p@example.com/', 'http://256.256.256.256/']) {
      assert.equal(await codeOf({ url, method: 'GET' }, open), 'PORM_URL_INVALID', url);
    }
    assert.equal(await codeOf({ url: 'file:///etc/passwd', method: 'GET' }, open), 'PORM_URL_BLOCKED');
  });
});
