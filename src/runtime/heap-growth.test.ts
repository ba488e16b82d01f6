import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEAP_GROWTH_FLAG, heapGrowthFlag } from './heap-growth.ts';

test('porm sets its heap growth when node was started without a choice of its own', () => {
  assert.equal(heapGrowthFlag([], undefined), HEAP_GROWTH_FLAG);
  assert.equal(heapGrowthFlag(['--enable-source-maps'], '--dns-result-order=ipv4first'), HEAP_GROWTH_FLAG);
});

test('a growth or heap size chosen in node’s arguments or NODE_OPTIONS is kept', () => {
  assert.equal(heapGrowthFlag(['--heap-growing-percent=50'], undefined), null);
  assert.equal(heapGrowthFlag([], '--max-old-space-size=2048'), null);
  assert.equal(heapGrowthFlag([], ' --enable-source-maps  --max_old_space_size=512'), null);
  assert.equal(heapGrowthFlag(['--max-heap-size=300'], undefined), null);
});

test('a flag that merely starts the same way is not taken for a choice', () => {
  assert.equal(heapGrowthFlag(['--max-old-space-sizes=1'], undefined), HEAP_GROWTH_FLAG);
});
