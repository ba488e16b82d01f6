import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { OutboundError } from './outbound-error.ts';
import type { OutboundHooks } from './policy.ts';
import { safeRequest } from './safe-request.ts';
import { startServer, testPolicy, type LoopbackServer } from './test-servers.ts';

// The fixture certificate is valid for porm.test only (see fixtures/README.md). Connecting to the
// pinned IP 127.0.0.1 must still send SNI "porm.test" and verify the certificate against that name.
const cert = readFileSync(new URL('./fixtures/porm-test.cert.pem', import.meta.url));
const key = readFileSync(new URL('./fixtures/porm-test.key.pem', import.meta.url));
const policy = testPolicy({ allowPrivateNetworks: false });
const toLoopback = (extra: Partial<OutboundHooks> = {}): OutboundHooks => ({
  resolve: async () => [{ address: '127.0.0.1', family: 4 }],
  isAddressAllowed: (a) => a === '127.0.0.1',
  ca: cert,
  ...extra,
});

function causeCode(err: unknown): unknown {
  assert.ok(err instanceof OutboundError, `expected OutboundError, got ${String(err)}`);
  assert.equal(err.code, 'PORM_OUTBOUND_CONNECTION_FAILED');
  return (err.cause as { code?: unknown } | undefined)?.code;
}

describe('safeRequest: TLS to a pinned address', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startServer('127.0.0.1', (req, res) => res.end(`host=${req.headers.host}`), { key, cert });
  });
  after(() => server.close());

  it('sends SNI and the Host header for the name, and verifies the certificate against it', async () => {
    const res = await safeRequest({ url: `https://porm.test:${server.port}/`, method: 'GET' }, policy, toLoopback());
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), `host=porm.test:${server.port}`);
    assert.equal(res.remoteAddress, '127.0.0.1');
    assert.equal(server.servernames.at(-1), 'porm.test');
  });

  it('ignores a caller Host header: the URL alone decides the TLS name', async () => {
    const req = { url: `https://other.test:${server.port}/`, method: 'GET', headers: { Host: 'porm.test' } } as const;
    const err = await safeRequest(req, policy, toLoopback()).catch((e: unknown) => e);
    assert.equal(causeCode(err), 'ERR_TLS_CERT_ALTNAME_INVALID');
    const res = await safeRequest({ ...req, url: `https://porm.test:${server.port}/`, headers: { Host: 'evil.test' } }, policy, toLoopback());
    assert.equal(res.body.toString(), `host=porm.test:${server.port}`);
  });

  it('refuses a certificate that does not name the requested host', async () => {
    const err = await safeRequest({ url: `https://other.test:${server.port}/`, method: 'GET' }, policy, toLoopback()).catch((e: unknown) => e);
    assert.equal(causeCode(err), 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.equal(server.servernames.at(-1), 'other.test');
  });

  it('refuses the same certificate when it is not trusted', async () => {
    const untrusted = toLoopback();
    delete untrusted.ca;
    const err = await safeRequest({ url: `https://porm.test:${server.port}/`, method: 'GET' }, policy, untrusted).catch((e: unknown) => e);
    assert.equal(causeCode(err), 'DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('checks an IP-literal https URL against the IP, which this certificate does not name', async () => {
    const err = await safeRequest({ url: `https://127.0.0.1:${server.port}/`, method: 'GET' }, policy, toLoopback()).catch((e: unknown) => e);
    assert.equal(causeCode(err), 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.equal(server.servernames.length, 5, 'no SNI is sent for an IP address');
  });
});
