import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Carrier } from './carrier.ts';
import { scrubCarrierText } from './recent-errors.ts';
import { SubmitTracker } from './submit-tracker.ts';

const inner: Carrier = {
  name: 'c', type: 'mm7', channels: ['mms'], async start() {}, async close() {},
  async submit() { return { outcome: 'accepted', carrierMessageId: 'x', duplicate: false }; },
};

describe('submit tracker', () => {
  it('counts the last minute of submits and keeps the last errors, newest first, with no phone numbers', () => {
    let now = 1_000_000;
    const t = new SubmitTracker(inner, () => now);
    t.record({ outcome: 'accepted', carrierMessageId: 'a', duplicate: false }, now - 70_000);
    t.record({ outcome: 'accepted', carrierMessageId: 'b', duplicate: false }, now - 30_000);
    t.record({ outcome: 'permanent', errorCode: 'PORM_CARRIER_REJECTED', message: 'recipient 14155550123 unknown', carrierCode: '4004' }, now - 20_000);
    t.record({ outcome: 'transient', message: 'HTTP 503 from mmsc' }, now - 10_000);
    t.record({ outcome: 'throttled', retryAfterMs: 10, message: 'slow down' }, now - 5_000);
    const h = t.health();
    assert.equal(h.submitsLastMinute, 4, 'the one 70 s ago is out of the window');
    assert.equal(h.lastOkAt, now - 30_000);
    assert.deepEqual(h.errors, [
      { code: 'PORM_CARRIER_UNAVAILABLE', message: 'HTTP 503 from mmsc', at: now - 10_000 },
      { code: '4004', message: 'recipient [number] unknown', at: now - 20_000 },
    ]);
    now += 60_000;
    assert.equal(t.health().submitsLastMinute, 0);
  });

  it('masks numbers however written, keeps short figures (ports, statuses), and cuts long text', () => {
    assert.equal(scrubCarrierText('to +1 (415) 555-0100 and 4155550101 via 127.0.0.1:2775 status 0x0000000B'), 'to [number] and [number] via 127.0.0.1:2775 status 0x0000000B');
    assert.equal(scrubCarrierText('x'.repeat(500)).length, 200);
  });
});
