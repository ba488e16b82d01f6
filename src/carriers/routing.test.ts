import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RoutingTable, type RouteRequest } from './routing.ts';
import type { Carrier, Channel } from './carrier.ts';
import type { RouteConfig } from './route-schema.ts';

// Scripted connectors: routing only reads their name and channels.
function connector(name: string, channels: readonly Channel[]): Carrier {
  return {
    name, type: 'scripted', channels,
    async start() {},
    async submit() { return { outcome: 'transient', message: 'scripted' }; },
    async close() {},
  };
}

const CARRIERS = new Map<string, Carrier>([
  ['mms-a', connector('mms-a', ['mms'])],
  ['mms-b', connector('mms-b', ['mms'])],
  ['sms-a', connector('sms-a', ['sms'])],
  ['both', connector('both', ['sms', 'mms'])],
]);

function names(routes: RouteConfig[], request: Partial<RouteRequest>): string[] {
  const table = new RoutingTable(routes, CARRIERS);
  return table.candidates({ accountId: 'acc_1', channel: 'mms', from: '+14155550100', to: '+12125550199', ...request }).map((c) => c.name);
}

describe('RoutingTable.candidates', () => {
  test('the longest sender prefix wins, whatever the order; "*" loses to any prefix', () => {
    const routes: RouteConfig[] = [{ from: '*', carriers: ['mms-a'] }, { from: '+1415', carriers: ['mms-b'] }, { from: '+1', carriers: ['both'] }];
    assert.deepEqual(names(routes, {}), ['mms-b']);
    assert.deepEqual(names(routes, { from: '+12025550100' }), ['both']);
    assert.deepEqual(names(routes, { from: '+447700900000' }), ['mms-a']);
    assert.deepEqual(names(routes, { from: '12345' }), ['mms-a'], 'a short code matches only "*"');
  });

  test('the order of carriers in a route is the failover order', () => {
    assert.deepEqual(names([{ from: '*', carriers: ['mms-b', 'both', 'mms-a'] }], {}), ['mms-b', 'both', 'mms-a']);
  });

  test('carriers that do not serve the channel are left out; a route left with none falls through', () => {
    const routes: RouteConfig[] = [{ from: '+1415', carriers: ['mms-a', 'both'] }, { from: '*', carriers: ['sms-a'] }];
    assert.deepEqual(names(routes, { channel: 'mms' }), ['mms-a', 'both']);
    assert.deepEqual(names(routes, { channel: 'sms' }), ['both']);
    const mmsOnly: RouteConfig[] = [{ from: '+1415', carriers: ['mms-a'] }, { from: '*', carriers: ['sms-a'] }];
    assert.deepEqual(names(mmsOnly, { channel: 'sms' }), ['sms-a']);
  });

  test('a channel route serves only its channel and beats a route without one', () => {
    const routes: RouteConfig[] = [{ from: '*', carriers: ['both'] }, { channel: 'sms', from: '*', carriers: ['sms-a'] }];
    assert.deepEqual(names(routes, { channel: 'sms' }), ['sms-a']);
    assert.deepEqual(names(routes, { channel: 'mms' }), ['both']);
  });

  test('an account route serves only that account and beats every route without one', () => {
    const routes: RouteConfig[] = [{ from: '+1415', to: '+1212', carriers: ['mms-a'] }, { account: 'acc_2', from: '*', carriers: ['mms-b'] }];
    assert.deepEqual(names(routes, { accountId: 'acc_2' }), ['mms-b']);
    assert.deepEqual(names(routes, { accountId: 'acc_1' }), ['mms-a']);
  });

  test('a recipient prefix narrows a route; the sender prefix ranks above it', () => {
    const routes: RouteConfig[] = [
      { from: '*', carriers: ['mms-a'] },
      { from: '*', to: '+44', carriers: ['mms-b'] },
      { from: '+1415', carriers: ['both'] },
    ];
    assert.deepEqual(names(routes, { from: '+12025550100', to: '+447700900000' }), ['mms-b']);
    assert.deepEqual(names(routes, { from: '+12025550100', to: '+12125550199' }), ['mms-a']);
    assert.deepEqual(names(routes, { from: '+14155550100', to: '+447700900000' }), ['both'], 'sender prefix beats recipient prefix');
  });

  test('equally specific routes keep their config order', () => {
    const routes: RouteConfig[] = [{ from: '+1', carriers: ['mms-b'] }, { from: '+1', carriers: ['mms-a'] }];
    assert.deepEqual(names(routes, {}), ['mms-b']);
  });

  test('no matching route gives []', () => {
    assert.deepEqual(names([{ from: '+44', carriers: ['mms-a'] }], {}), []);
    assert.deepEqual(names([{ from: '*', carriers: ['mms-a'] }], { channel: 'sms' }), []);
  });

  test('a preferred connector comes first, then the route\'s others, without repeats', () => {
    const routes: RouteConfig[] = [{ from: '*', carriers: ['mms-a', 'both'] }];
    assert.deepEqual(names(routes, { preferred: 'both' }), ['both', 'mms-a']);
    assert.deepEqual(names(routes, { preferred: 'mms-b' }), ['mms-b', 'mms-a', 'both']);
    assert.deepEqual(names([{ from: '+44', carriers: ['mms-a'] }], { preferred: 'mms-b' }), ['mms-b'], 'even where no route matches');
  });

  test('a preferred connector kept by routes for other accounts only is ignored', () => {
    const routes: RouteConfig[] = [{ account: 'acc_A', from: '*', carriers: ['mms-b'] }, { from: '*', carriers: ['mms-a'] }];
    assert.deepEqual(names(routes, { accountId: 'acc_B', preferred: 'mms-b' }), ['mms-a']);
    assert.deepEqual(names(routes, { accountId: 'acc_A', preferred: 'mms-b' }), ['mms-b']);
  });

  test('a preferred connector that does not serve the channel, or does not exist, is ignored', () => {
    const routes: RouteConfig[] = [{ from: '*', carriers: ['mms-a'] }];
    assert.deepEqual(names(routes, { preferred: 'sms-a' }), ['mms-a']);
    assert.deepEqual(names(routes, { preferred: 'gone' }), ['mms-a']);
  });

  test('a route naming a carrier this process has not built is an error at construction', () => {
    assert.throws(() => new RoutingTable([{ from: '*', carriers: ['nope'] }], CARRIERS), /nope/);
  });
});
