import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRange, signMediaToken, verifyMediaToken } from './signed-url.ts';

const key = Buffer.alloc(32, 9);
const sha = 'a'.repeat(64);

test('a signed media token verifies until it expires, and not after', () => {
  const token = signMediaToken(sha, 2_000_000_000, key);
  assert.deepEqual(verifyMediaToken(token, key, 1_999_999_999), { ok: true, sha256: sha, expiresAt: 2_000_000_000 });
  assert.deepEqual(verifyMediaToken(token, key, 2_000_000_001), { ok: false, reason: 'expired' });
});

test('tampering with the hash, the expiry or the key breaks the signature', () => {
  const token = signMediaToken(sha, 2_000_000_000, key);
  assert.equal(verifyMediaToken(token.replace(/^a/, 'b'), key, 0).ok, false);
  assert.equal(verifyMediaToken(signMediaToken(sha, 2_000_000_000, key).replace(/-[0-9a-z]+-/, `-${(3_000_000_000).toString(36)}-`), key, 0).ok, false);
  assert.equal(verifyMediaToken(token, Buffer.alloc(32, 8), 0).ok, false);
  assert.deepEqual(verifyMediaToken('../../etc/passwd', key, 0), { ok: false, reason: 'malformed' });
});

test('ranges: single byte ranges within the file, suffixes, and refusals', () => {
  assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
  assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=50-500', 100), { start: 50, end: 99 });
  for (const bad of ['bytes=100-', 'bytes=5-1', 'bytes=-0', 'bytes=0-1,5-6', 'items=0-1', 'bytes=-']) assert.equal(parseRange(bad, 100), undefined, bad);
  fc.assert(fc.property(fc.nat(1000), fc.nat(1000), fc.integer({ min: 1, max: 1000 }), (a, b, size) => {
    const r = parseRange(`bytes=${a}-${b}`, size);
    return r === undefined || (r.start >= 0 && r.end < size && r.start <= r.end);
  }));
});
