import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { detectFfmpeg } from './detect-ffmpeg.ts';
import { progressListener, type AvProgress } from './ffmpeg-progress.ts';
import { fitVideo } from './fit-video.ts';
import { ffmpegSkip, lavfi, makeMedia, scratchDir, title } from './test-media.ts';

describe('progressListener', () => {
  it('reports out_time_us of each block, across chunk boundaries, ignoring N/A and other keys', () => {
    const times: number[] = [];
    const listen = progressListener((sec) => times.push(sec));
    listen(Buffer.from('frame=10\nout_time_us=N/A\nout_time_ms=500000\nout_time_us=5'));
    listen(Buffer.from('00000\nprogress=continue\nout_time_us=1250000\r\nprogress=end\n'));
    assert.deepEqual(times, [0.5, 1.25]);
  });

  it('drops an endless line instead of keeping it', () => {
    const times: number[] = [];
    const listen = progressListener((sec) => times.push(sec));
    listen(Buffer.alloc(10_000, 0x41));
    listen(Buffer.from('\nout_time_us=2000000\n'));
    assert.deepEqual(times, [2]);
  });
});

describe(title('fitVideo onProgress'), { skip: ffmpegSkip }, () => {
  const scratch = scratchDir();
  after(() => scratch.remove());
  it('reports the encode advancing to the clip\'s end, pass by pass', async () => {
    const clip = makeMedia(scratch.dir, 'clip.mp4', [...lavfi.video('320x240', 25, 4), '-c:v', 'libx264', '-preset', 'ultrafast']);
    const seen: AvProgress[] = [];
    const result = await fitVideo(clip, { maxBytes: 300_000, maxWidth: 640, maxHeight: 480, container: 'mp4' }, {
      ffmpeg: await detectFfmpeg(), preset: 'ultrafast', tmpDir: scratch.dir, onProgress: (p) => seen.push(p),
    });
    assert.ok(seen.length > 0, 'at least the final progress block');
    assert.ok(seen.every((p) => p.pass >= 1 && p.pass <= result.passes && p.doneSec <= p.totalSec && p.maxPasses === 4));
    const last = seen.at(-1)!;
    assert.ok(last.doneSec > last.totalSec * 0.9, `${last.doneSec} of ${last.totalSec} s`);
  });
});
