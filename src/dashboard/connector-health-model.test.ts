import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { combinedState, liveHealth, STALE_MS, type InstanceReport } from './connector-health-model.ts';

const NOW = 1_800_000_000_000;
const report = (over: Partial<InstanceReport>): InstanceReport => ({
  connector: 'smsc', instance: 'w1', bindsUp: 2, bindsConfigured: 2, submitsLastMinute: 0, lastOkAt: null, errors: [], updatedAt: NOW - 1_000, ...over,
});

describe('connector health model', () => {
  it('sums binds and submits over live instances only; a silent instance is stale, its errors still listed', () => {
    const live = liveHealth([
      report({ instance: 'w1', bindsUp: 2, submitsLastMinute: 30, lastOkAt: NOW - 5_000 }),
      report({ instance: 'w2', bindsUp: 1, submitsLastMinute: 12, lastOkAt: NOW - 2_000, errors: [{ code: 'PORM_SMPP_BIND_LOST', message: 'lost', at: NOW - 3_000 }] }),
      report({ instance: 'w3', bindsUp: 2, submitsLastMinute: 99, updatedAt: NOW - STALE_MS - 1, errors: [{ code: 'PORM_SMPP_CONNECT_FAILED', message: 'refused', at: NOW - 90_000 }] }),
      report({ connector: 'mm7', instance: 'w1', bindsUp: null, bindsConfigured: null, submitsLastMinute: 4 }),
    ], NOW).get('smsc')!;
    assert.deepEqual(live.binds, { up: 3, configured: 4 });
    assert.equal(live.instances, 2);
    assert.equal(live.staleInstances, 1);
    assert.equal(live.submitsPerMinute, 42);
    assert.equal(live.lastOkAt, NOW - 2_000);
    assert.deepEqual(live.errors.map((e) => e.code), ['PORM_SMPP_BIND_LOST', 'PORM_SMPP_CONNECT_FAILED'], 'newest first');
  });

  it('keeps only the newest errors, across instances', () => {
    const errors = (instance: string, ats: number[]) => ats.map((at) => ({ code: `E${instance}${at}`, message: 'x', at }));
    const live = liveHealth([report({ instance: 'a', errors: errors('a', [5, 3, 1]) }), report({ instance: 'b', errors: errors('b', [6, 4, 2]) })], NOW, 3).get('smsc')!;
    assert.deepEqual(live.errors.map((e) => e.at), [6, 5, 4]);
  });

  it('a connector without binds reports n/a binds (null), not 0 of 0', () => {
    const live = liveHealth([report({ connector: 'mm7', bindsUp: null, bindsConfigured: null })], NOW).get('mm7')!;
    assert.equal(live.binds, null);
  });

  it('combines the live report with the messages\' state, the worst first', () => {
    const at = (over: Partial<InstanceReport>) => liveHealth([report(over)], NOW).get('smsc')!;
    assert.equal(combinedState('ok', undefined), 'ok', 'never reported: the messages decide');
    assert.equal(combinedState('idle', at({})), 'idle');
    assert.equal(combinedState('ok', at({})), 'ok');
    assert.equal(combinedState('ok', at({ bindsUp: 0 })), 'down');
    assert.equal(combinedState('failing', at({ bindsUp: 0 })), 'down');
    assert.equal(combinedState('ok', at({ bindsUp: 1 })), 'degraded');
    assert.equal(combinedState('failing', at({ bindsUp: 2 })), 'failing');
    assert.equal(combinedState('degraded', at({})), 'degraded');
    assert.equal(combinedState('ok', at({ updatedAt: NOW - STALE_MS - 1 })), 'stale', 'no live instance');
    assert.equal(combinedState('failing', at({ updatedAt: NOW - STALE_MS - 1, bindsUp: 0 })), 'failing', 'a stale row\'s binds say nothing');
    const mm7 = (over: Partial<InstanceReport>) => at({ bindsUp: null, bindsConfigured: null, ...over });
    assert.equal(combinedState('ok', mm7({ lastOkAt: NOW - 1_000, errors: [{ code: 'PORM_X', message: 'x', at: NOW - 2_000 }] })), 'ok', 'accepted since the error');
    assert.equal(combinedState('ok', mm7({ lastOkAt: NOW - 3_000, errors: [{ code: 'PORM_X', message: 'x', at: NOW - 2_000 }] })), 'degraded', 'an error since the last accepted submit');
  });
});
