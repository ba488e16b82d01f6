import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidatesFor, neededCapability } from './choose-sender.ts';
import type { PoolNumber } from './model.ts';

const n = (number: string, capabilities: PoolNumber['capabilities']): PoolNumber => ({ id: `num_${number}`, number, capabilities, addedAt: 0 });
const sms = n('+14155550100', ['sms']);
const mms = n('+14155550101', ['mms']);
const both = n('+14155550102', ['sms', 'mms']);

test('what a message needs: MMS for media or an MMS asked for, SMS otherwise', () => {
  assert.equal(neededCapability({ media: [], requestedChannel: 'auto' }), 'sms');
  assert.equal(neededCapability({ media: [{}], requestedChannel: 'auto' }), 'mms');
  assert.equal(neededCapability({ media: [], requestedChannel: 'mms' }), 'mms');
  assert.equal(neededCapability({ media: [], requestedChannel: 'sms' }), 'sms');
});

test('candidates: the capable numbers; when there are none, every number stands in', () => {
  assert.deepEqual(candidatesFor([sms, mms, both], 'mms'), { numbers: [mms, both], standIn: false });
  assert.deepEqual(candidatesFor([sms, mms, both], 'sms'), { numbers: [sms, both], standIn: false });
  assert.deepEqual(candidatesFor([sms], 'mms'), { numbers: [sms], standIn: true });
  assert.deepEqual(candidatesFor([mms], 'sms'), { numbers: [mms], standIn: true });
  assert.deepEqual(candidatesFor([], 'sms'), { numbers: [], standIn: true });
});
