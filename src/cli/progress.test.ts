import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress, type ProgressSink } from './progress.ts';

function recorder(isTTY: boolean): ProgressSink & { text: string } {
  const sink = { isTTY, columns: 200, text: '', write: (t: string) => (sink.text += t) };
  return sink;
}

test('at a terminal one line is redrawn in place: a spinner, then a bar, cleared at the end', () => {
  const sink = recorder(true);
  let now = 0;
  const progress = new Progress(sink, 'fitting clip.mp4', () => now);
  progress.tick();
  const CLEAR = '\r\u001b[2K';
  assert.ok(sink.text.startsWith(CLEAR));
  assert.match(sink.text.slice(CLEAR.length), /^\S+ fitting clip\.mp4: working…/);
  now = 2000;
  progress.update({ pass: 1, doneSec: 22.5, totalSec: 45 });
  const last = sink.text.split(CLEAR).at(-1)!;
  assert.match(last, /^\[█{12}░{12}\] fitting clip\.mp4: pass 1, 22\.5 of 45\.0 s encoded \(50%\), 2\.0 s$/);
  assert.ok(!sink.text.includes('\n'), 'no new lines at a terminal');
  progress.done();
  assert.ok(sink.text.endsWith(CLEAR));
});

test('in a log: a line when a pass starts, then at most one per period; nothing without progress', () => {
  const sink = recorder(false);
  let now = 0;
  const progress = new Progress(sink, 'fitting clip.mp4', () => now, 5000);
  progress.tick();
  assert.equal(sink.text, '');
  for (const [at, done] of [[500, 1], [1000, 2], [4000, 9], [5600, 12], [6000, 13]] as const) {
    now = at;
    progress.update({ pass: 1, doneSec: done, totalSec: 45 });
  }
  now = 6500;
  progress.update({ pass: 2, doneSec: 0.5, totalSec: 45 });
  progress.done();
  assert.deepEqual(sink.text.trimEnd().split('\n'), [
    'porm: fitting clip.mp4: pass 1, 1.0 of 45.0 s encoded (2%), 0.5 s',
    'porm: fitting clip.mp4: pass 1, 12.0 of 45.0 s encoded (26%), 5.6 s',
    'porm: fitting clip.mp4: pass 2, 0.5 of 45.0 s encoded (1%), 6.5 s',
  ]);
});
