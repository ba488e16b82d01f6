import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders, type WebhookMessage } from './signature.ts';

// Independent oracle, straight from the spec text: HMAC-SHA256 over "id.timestamp.body", keyed with
// the base64-decoded part of the secret after "whsec_", base64-encoded, prefixed "v1,".
function oracle(msg: WebhookMessage, secret: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${msg.id}.${msg.timestamp}.${msg.body}`).digest('base64')}`;
}

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
// The worked example the Standard Webhooks spec and its libraries publish.
const SPEC_EXAMPLE: WebhookMessage = { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}' };
const SPEC_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe('signWebhook: known answers', () => {
  it('matches the spec example', () => {
    assert.equal(oracle(SPEC_EXAMPLE, SECRET), SPEC_SIGNATURE, 'oracle sanity');
    assert.equal(signWebhook(SPEC_EXAMPLE, SECRET), SPEC_SIGNATURE);
  });

  const VECTORS: readonly [string, WebhookMessage, string][] = [
    ['empty body', { id: 'msg_1', timestamp: 0, body: '' }, SECRET],
    ['non-ASCII body (UTF-8 bytes are signed)', { id: 'msg_ü', timestamp: 1700000000, body: '{"text":"héllo 👋 мир"}' }, SECRET],
    ['body with dots and newlines', { id: 'a.b', timestamp: 1, body: 'x.y\n.z' }, SECRET],
    ['64-byte secret', { id: 'msg_2', timestamp: 1712345678, body: '{}' }, `whsec_${Buffer.alloc(64, 7).toString('base64')}`],
  ];
  for (const [name, msg, secret] of VECTORS) {
    it(name, () => assert.equal(signWebhook(msg, secret), oracle(msg, secret)));
  }

  it('accepts a secret without the whsec_ prefix, as the reference libraries do', () => {
    assert.equal(signWebhook(SPEC_EXAMPLE, SECRET.slice('whsec_'.length)), SPEC_SIGNATURE);
  });

  it('refuses malformed secrets and timestamps instead of signing with a wrong key', () => {
    for (const bad of ['', 'whsec_', 'whsec_not base64!', 'whsec_abc', 'whsec_YWJj=']) {
      assert.throws(() => signWebhook(SPEC_EXAMPLE, bad), RangeError, bad);
    }
    for (const timestamp of [1.5, -1, Number.NaN, 2 ** 60]) {
      assert.throws(() => signWebhook({ ...SPEC_EXAMPLE, timestamp }, SECRET), RangeError);
    }
  });

  it('builds all three headers', () => {
    assert.deepEqual(webhookHeaders(SPEC_EXAMPLE, SECRET), {
      'webhook-id': SPEC_EXAMPLE.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': SPEC_SIGNATURE,
    });
  });
});

describe('interop with the standardwebhooks reference package', () => {
  it('its Webhook.verify accepts our signature', () => {
    const msg = { id: 'msg_interop', timestamp: nowSeconds(), body: '{"event":"message.delivered","n":1}' };
    assert.deepEqual(new Webhook(SECRET).verify(msg.body, { ...webhookHeaders(msg, SECRET) }), { event: 'message.delivered', n: 1 });
  });

  it('we accept its sign output', () => {
    const ts = nowSeconds();
    const sig = new Webhook(SECRET).sign('msg_ref', new Date(ts * 1000), '{"a":true}');
    const headers = { 'webhook-id': 'msg_ref', 'webhook-timestamp': String(ts), 'webhook-signature': sig };
    assert.deepEqual(verifyWebhook(headers, '{"a":true}', SECRET), { ok: true, id: 'msg_ref', timestamp: ts });
  });

  it('agrees with it on arbitrary ids, bodies, secrets and timestamps', () => {
    const message = fc.record({
      id: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes(' ')),
      timestamp: fc.integer({ min: 0, max: 4_000_000_000 }),
      body: fc.string({ maxLength: 200, unit: 'grapheme' }),
    });
    const secret = fc.uint8Array({ minLength: 24, maxLength: 64 }).map((b) => `whsec_${Buffer.from(b).toString('base64')}`);
    fc.assert(
      fc.property(message, secret, (msg, sec) => {
        const theirs = new Webhook(sec).sign(msg.id, new Date(msg.timestamp * 1000), msg.body);
        assert.equal(signWebhook(msg, sec), theirs);
        const headers = { 'webhook-id': msg.id, 'webhook-timestamp': String(msg.timestamp), 'webhook-signature': theirs };
        assert.equal(verifyWebhook(headers, msg.body, sec, { now: msg.timestamp }).ok, true);
      }),
      { numRuns: 200 },
    );
  });

  it('generated secrets work with it and carry 32 random bytes', () => {
    const a = generateWebhookSecret();
    assert.match(a, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(a.slice(6), 'base64').length, 32);
    assert.notEqual(a, generateWebhookSecret());
    const msg = { id: 'msg_gen', timestamp: nowSeconds(), body: '{}' };
    assert.deepEqual(new Webhook(a).verify(msg.body, { ...webhookHeaders(msg, a) }), {});
  });
});

describe('verifyWebhook', () => {
  const NOW = 1_700_000_000;
  const msg: WebhookMessage = { id: 'msg_v', timestamp: NOW, body: '{"status":"delivered"}' };
  const headers = webhookHeaders(msg, SECRET);
  const check = (h: Record<string, string | string[] | undefined>, body = msg.body, secret = SECRET, now = NOW) =>
    verifyWebhook(h, body, secret, { now, toleranceSeconds: 300 });

  it('accepts a valid message and returns its id and timestamp', () => {
    assert.deepEqual(check({ ...headers }), { ok: true, id: 'msg_v', timestamp: NOW });
  });

  it('fails on a tampered body, id or timestamp, or another secret', () => {
    assert.deepEqual(check({ ...headers }, '{"status":"failed"}'), { ok: false, reason: 'no_matching_signature' });
    assert.deepEqual(check({ ...headers }, `${msg.body} `), { ok: false, reason: 'no_matching_signature' });
    assert.deepEqual(check({ ...headers, 'webhook-id': 'msg_w' }), { ok: false, reason: 'no_matching_signature' });
    assert.deepEqual(check({ ...headers, 'webhook-timestamp': String(NOW + 1) }), { ok: false, reason: 'no_matching_signature' });
    assert.deepEqual(check({ ...headers }, msg.body, generateWebhookSecret()), { ok: false, reason: 'no_matching_signature' });
  });

  it('enforces the timestamp tolerance both ways, inclusive at the edge', () => {
    assert.equal(check({ ...headers }, msg.body, SECRET, NOW + 300).ok, true);
    assert.equal(check({ ...headers }, msg.body, SECRET, NOW - 300).ok, true);
    assert.deepEqual(check({ ...headers }, msg.body, SECRET, NOW + 301), { ok: false, reason: 'timestamp_too_old' });
    assert.deepEqual(check({ ...headers }, msg.body, SECRET, NOW - 301), { ok: false, reason: 'timestamp_too_new' });
    assert.equal(verifyWebhook({ ...headers }, msg.body, SECRET, { now: NOW + 3600, toleranceSeconds: 7200 }).ok, true);
  });

  it('uses the system clock by default', () => {
    assert.deepEqual(verifyWebhook({ ...headers }, msg.body, SECRET), { ok: false, reason: 'timestamp_too_old' });
    const fresh = { ...msg, timestamp: nowSeconds() };
    assert.equal(verifyWebhook({ ...webhookHeaders(fresh, SECRET) }, fresh.body, SECRET).ok, true);
  });

  it('accepts any of several space-separated signatures and ignores other versions', () => {
    const good = headers['webhook-signature'];
    const other = signWebhook(msg, generateWebhookSecret());
    const v1a = `v1a,${good.slice(3)}`;
    assert.equal(check({ ...headers, 'webhook-signature': `${other} ${good}` }).ok, true);
    assert.equal(check({ ...headers, 'webhook-signature': `${v1a} ${good} ${other}` }).ok, true);
    assert.equal(check({ ...headers, 'webhook-signature': `${other} ${v1a}` }).ok, false);
    assert.equal(check({ ...headers, 'webhook-signature': [other, good] }).ok, true);
  });

  it('reads headers case-insensitively, as node:http delivers them or as sent', () => {
    const upper = { 'Webhook-Id': headers['webhook-id'], 'WEBHOOK-TIMESTAMP': headers['webhook-timestamp'], 'Webhook-Signature': headers['webhook-signature'] };
    assert.equal(check(upper).ok, true);
  });

  it('rejects missing, duplicated or malformed headers without throwing', () => {
    assert.deepEqual(check({ 'webhook-id': 'msg_v', 'webhook-timestamp': String(NOW) }), { ok: false, reason: 'missing_headers' });
    assert.deepEqual(check({ ...headers, 'webhook-id': '' }), { ok: false, reason: 'missing_headers' });
    assert.deepEqual(check({ ...headers, 'webhook-id': ['msg_v', 'msg_x'] }), { ok: false, reason: 'missing_headers' });
    for (const stamp of ['', 'abc', '1700000000.5', '-1700000000', ' 1700000000', '1e9']) {
      assert.deepEqual(check({ ...headers, 'webhook-timestamp': stamp }), { ok: false, reason: 'invalid_timestamp' }, stamp);
    }
    for (const sig of ['', 'v1', 'v1,', 'v1,short', `${headers['webhook-signature']}x`, headers['webhook-signature'].slice(3)]) {
      assert.deepEqual(check({ ...headers, 'webhook-signature': sig }), { ok: false, reason: 'no_matching_signature' }, sig);
    }
  });
});
