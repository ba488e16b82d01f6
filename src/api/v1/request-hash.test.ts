import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson, requestHash } from './request-hash.ts';

test('key order does not change the hash; values do', () => {
  assert.equal(requestHash({ a: 1, b: { c: [1, 2], d: 'x' } }), requestHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
  assert.notEqual(requestHash({ a: 1 }), requestHash({ a: 2 }));
  assert.notEqual(requestHash({ a: [1, 2] }), requestHash({ a: [2, 1] }));
});

test('canonical JSON parses back to an equal value', () => {
  fc.assert(fc.property(fc.jsonValue(), (value) => {
    assert.deepEqual(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)));
  }));
});
