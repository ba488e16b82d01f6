import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Coalescer, type Timers } from './coalesce.ts';

/** Timers on a hand-moved clock: `advance` runs what falls due, in order. */
function fakeTimers(): Timers & { advance(ms: number): void; pendingCount(): number } {
  let now = 1000;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++seq;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (handle) => {
      due.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
    pendingCount: () => due.size,
  };
}

test('the first signal after a quiet spell is sent at once', () => {
  const timers = fakeTimers();
  const sent: number[] = [];
  const c = new Coalescer(() => sent.push(timers.now()), 20, timers);
  c.fire();
  assert.deepEqual(sent, [1000]);
  assert.equal(c.pending, false);
  timers.advance(50);
  c.fire();
  assert.deepEqual(sent, [1000, 1050], 'a window later, at once again');
});

test('a burst of signals within a window becomes one more send at the end of the window, never none', () => {
  const timers = fakeTimers();
  const sent: number[] = [];
  const c = new Coalescer(() => sent.push(timers.now()), 20, timers);
  c.fire();
  for (let i = 0; i < 1000; i++) {
    timers.advance(0.01);
    c.fire();
  }
  assert.deepEqual(sent, [1000], 'the burst waits for the window');
  assert.equal(c.pending, true);
  assert.equal(timers.pendingCount(), 1, 'one timer for the whole burst');
  timers.advance(20);
  assert.deepEqual(sent, [1000, 1020], 'the last signal of the burst is sent when the window ends');
  timers.advance(100);
  assert.equal(sent.length, 2, 'nothing more without new signals');
});

test('a steady stream of signals sends at most one per window', () => {
  const timers = fakeTimers();
  let sent = 0;
  const c = new Coalescer(() => sent++, 20, timers);
  // 10,000 signals over one second (one every 0.1 ms): 1000 / 20 windows, plus the leading send.
  for (let i = 0; i < 10_000; i++) {
    c.fire();
    timers.advance(0.1);
  }
  timers.advance(20);
  assert.ok(sent >= 50 && sent <= 51, `${sent} sends`);
});

test('flush sends a waiting signal now; with nothing waiting it sends nothing', () => {
  const timers = fakeTimers();
  let sent = 0;
  const c = new Coalescer(() => sent++, 20, timers);
  c.flush();
  assert.equal(sent, 0);
  c.fire();
  c.fire();
  assert.equal(sent, 1);
  c.flush();
  assert.equal(sent, 2);
  assert.equal(c.pending, false);
  timers.advance(100);
  assert.equal(sent, 2, 'the flushed timer does not fire as well');
});

test('a window of 0 sends every signal; a negative or NaN window is refused', () => {
  const timers = fakeTimers();
  let sent = 0;
  const c = new Coalescer(() => sent++, 0, timers);
  c.fire();
  c.fire();
  assert.equal(sent, 2);
  assert.throws(() => new Coalescer(() => undefined, -1, timers), RangeError);
  assert.throws(() => new Coalescer(() => undefined, Number.NaN, timers), RangeError);
});
