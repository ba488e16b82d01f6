import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lru } from './lru.ts';

test('an LRU evicts the entry used longest ago, and a hit counts as a use', () => {
  const lru = new Lru<string, number>(2);
  lru.set('a', 1);
  lru.set('b', 2);
  assert.equal(lru.get('a'), 1);
  lru.set('c', 3);
  assert.equal(lru.get('b'), undefined);
  assert.equal(lru.get('a'), 1);
  assert.equal(lru.get('c'), 3);
  lru.set('c', 4);
  assert.equal(lru.size, 2);
  assert.equal(lru.get('c'), 4);
  assert.throws(() => new Lru(0), RangeError);
});
