import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connectorHealth, dayList, daySeries, failureSeries, totals } from './overview-model.ts';
import { DAY, type DayRow } from './overview-stats.ts';

const D0 = Date.UTC(2026, 11, 1);
const row = (day: number, status: string, n: number, errorCode: string | null = null): DayRow => ({ day: D0 + day * DAY, status, errorCode, n });

describe('overview model', () => {
  it('counts sent, delivered and failed (undelivered is both sent and failed) from a day on, with the rate', () => {
    const rows = [row(0, 'delivered', 100), row(1, 'delivered', 8), row(1, 'undelivered', 1, 'PORM_UNDELIVERED'), row(1, 'failed', 1, 'PORM_CARRIER_REJECTED'), row(1, 'queued', 5)];
    assert.deepEqual(totals(rows, D0 + DAY, { clicks: 3, optOuts: 1 }), { accepted: 15, sent: 9, delivered: 8, failed: 2, clicks: 3, optOuts: 1, rate: 0.8 });
    assert.equal(totals([row(0, 'queued', 4)], D0, { clicks: 0, optOuts: 0 }).rate, null, 'no rate before anything ended');
    const series = daySeries(rows, dayList(D0, 3));
    assert.deepEqual(series.delivered, [100, 8, 0]);
    assert.deepEqual(series.failed, [0, 2, 0]);
  });

  it('keeps the commonest error codes and folds the rest into "other", outside the days ignored', () => {
    const rows = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((code, i) => row(i % 2, 'failed', 10 - i, `PORM_${code}`));
    rows.push(row(9, 'failed', 99, 'PORM_LATE'));
    const s = failureSeries(rows, dayList(D0, 2), 5);
    assert.deepEqual(s.codes.map((c) => c.code), ['PORM_A', 'PORM_B', 'PORM_C', 'PORM_D', 'PORM_E', 'other']);
    assert.deepEqual(s.codes[5]!.counts, [4, 5], 'F (5) on day 1 and G (4) on day 0');
    assert.deepEqual(failureSeries([row(0, 'delivered', 3)], dayList(D0, 1)).codes, []);
  });

  it('grades each connector by its share of failures, and idles those without messages', () => {
    const health = connectorHealth([{ name: 'a', type: 'smpp' }, { name: 'b', type: 'mm7' }, { name: 'c', type: 'sandbox' }],
      [{ carrier: 'a', status: 'delivered', n: 95, recent: 30 }, { carrier: 'a', status: 'failed', n: 5, recent: 0 }, { carrier: 'b', status: 'failed', n: 6, recent: 0 }, { carrier: 'b', status: 'delivered', n: 4, recent: 0 }],
      [{ carrier: 'b', errorCode: 'PORM_X', at: 5, messageId: 'm1' }, { carrier: 'b', errorCode: 'PORM_X', at: 9, messageId: 'm2' }], new Map());
    assert.deepEqual(health.map((h) => h.state), ['ok', 'failing', 'idle']);
    assert.equal(health[0]!.perMinute, 2);
    assert.equal(health[0]!.live, undefined, 'no process reported it');
    assert.deepEqual(health[1]!.errors, [{ code: 'PORM_X', count: 2, lastAt: 9 }]);
  });
});
