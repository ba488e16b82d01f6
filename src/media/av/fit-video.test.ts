import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { detectFfmpeg, type FfmpegDetection } from './detect-ffmpeg.ts';
import { fitVideo, type VideoTarget } from './fit-video.ts';
import type { FitOptions } from './fit-types.ts';
import { codeOf, ffmpegSkip, ffprobe, lavfi, makeMedia, scratchDir, streamOf, title } from './test-media.ts';

describe(title('fitVideo'), { skip: ffmpegSkip }, () => {
  const scratch = scratchDir();
  const tmp = scratchDir();
  const media = new Map<string, Buffer>();
  let opts: FitOptions;
  const input = (name: string): Buffer => media.get(name)!;
  before(async () => {
    const ffmpeg: FfmpegDetection = await detectFfmpeg();
    // Quality does not matter to these assertions: ultrafast keeps the file under a minute on 2 cores.
    opts = { ffmpeg, tmpDir: tmp.dir, preset: 'ultrafast' };
    const make = (name: string, args: string[]): void => void media.set(name, makeMedia(scratch.dir, name, args));
    make('hd.mp4', [...lavfi.video('1280x720', 30, 20), ...lavfi.tone(20), '-c:v', 'libx264', '-preset', 'superfast', '-profile:v', 'high',
      '-pix_fmt', 'yuv420p', '-b:v', '1500k', '-c:a', 'aac', '-b:a', '128k', '-ac', '2']);
    make('clip.mov', [...lavfi.video('640x480', 30, 6), ...lavfi.tone(6), '-c:v', 'mjpeg', '-q:v', '5', '-c:a', 'pcm_s16le', '-f', 'mov']);
    make('clip.3gp', [...lavfi.video('176x144', 15, 6), ...lavfi.tone(6, 8000), '-c:v', 'h263', '-c:a', 'aac', '-ac', '1', '-f', '3gp']);
    // A phone held upright: landscape frames plus a 90° display rotation (set on a stream copy; ffmpeg 5 drops it when encoding).
    make('landscape.mp4', ['-i', `${scratch.dir}/clip.mov`, '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac']);
    make('portrait.mp4', ['-i', `${scratch.dir}/landscape.mp4`, '-c', 'copy', '-metadata:s:v', 'rotate=90']);
    make('silent.mp4', [...lavfi.video('320x240', 25, 4), '-c:v', 'libx264', '-preset', 'ultrafast']);
    make('tone.m4a', [...lavfi.tone(3), '-c:a', 'aac']);
  });
  after(() => {
    scratch.remove();
    tmp.remove();
  });

  /** The output as ffprobe reads it, checked against what every MMS fit must be. */
  function check(data: Buffer, target: VideoTarget, audio: boolean): { width: number; height: number; duration: number } {
    assert.ok(data.length <= target.maxBytes, `${data.length} bytes > budget ${target.maxBytes}`);
    const probed = ffprobe(scratch.dir, data);
    const video = streamOf(probed, 'video');
    assert.equal(video?.codec_name, 'h264');
    assert.match(video.profile ?? '', /^(Constrained )?Baseline$/);
    assert.ok(video.width! <= target.maxWidth && video.height! <= target.maxHeight, `${video.width}×${video.height}`);
    if (audio) assert.equal(streamOf(probed, 'audio')?.codec_name, 'aac');
    else assert.equal(streamOf(probed, 'audio'), undefined);
    const brand = probed.format.tags?.major_brand ?? '';
    assert.ok(target.container === '3gp' ? brand.startsWith('3gp') : !brand.startsWith('3gp'), `brand ${brand}`);
    return { width: video.width!, height: video.height!, duration: Number(probed.format.duration) };
  }

  for (const maxBytes of [600_000, 300_000]) {
    for (const container of ['mp4', '3gp'] as const) {
      it(`fits 20 s of 720p H.264 High into ${maxBytes / 1000} KB ${container}, whole and 16:9`, async () => {
        const target = { maxBytes, maxWidth: 640, maxHeight: 480, container };
        const result = await fitVideo(input('hd.mp4'), target, opts);
        const out = check(result.data, target, true);
        assert.ok(Math.abs(out.duration - 20) < 0.5, `duration ${out.duration}`);
        assert.ok(Math.abs(out.width / out.height - 16 / 9) < 0.05);
        assert.deepEqual(result.warnings, []);
        assert.equal(result.bytes, result.data.length);
        assert.equal(result.mime, container === 'mp4' ? 'video/mp4' : 'video/3gpp');
        assert.ok(result.passes >= 1);
      });
    }
  }

  it('writes the moov box before the media data (faststart)', async () => {
    const { data } = await fitVideo(input('clip.mov'), { maxBytes: 300_000, maxWidth: 320, maxHeight: 240, container: 'mp4' }, opts);
    const moov = data.indexOf('moov');
    const mdat = data.indexOf('mdat');
    assert.ok(moov > 0 && moov < mdat, `moov at ${moov}, mdat at ${mdat}`);
  });

  it('converts a MOV (MJPEG + PCM) and a 3GP (H.263 + AAC)', async () => {
    for (const name of ['clip.mov', 'clip.3gp']) {
      const target = { maxBytes: 300_000, maxWidth: 320, maxHeight: 240, container: 'mp4' } as const;
      const result = await fitVideo(input(name), target, opts);
      const out = check(result.data, target, true);
      assert.ok(Math.abs(out.duration - 6) < 0.5, `${name}: duration ${out.duration}`);
    }
  });

  it('keeps a rotated phone clip portrait', async () => {
    const target = { maxBytes: 300_000, maxWidth: 640, maxHeight: 480, container: 'mp4' } as const;
    const out = check((await fitVideo(input('portrait.mp4'), target, opts)).data, target, true);
    assert.ok(out.height > out.width, `${out.width}×${out.height}`);
  });

  it('fits a video without sound, giving it no audio track', async () => {
    const target = { maxBytes: 100_000, maxWidth: 320, maxHeight: 240, container: 'mp4' } as const;
    check((await fitVideo(input('silent.mp4'), target, opts)).data, target, false);
  });

  it('trims, with a warning, when no sensible bitrate carries the whole clip', async () => {
    const target = { maxBytes: 60_000, maxWidth: 176, maxHeight: 144, container: '3gp' } as const;
    const result = await fitVideo(input('hd.mp4'), target, opts);
    const out = check(result.data, target, true);
    assert.ok(out.duration >= 1 && out.duration < 19, `duration ${out.duration}`);
    assert.deepEqual(result.warnings.map((w) => w.kind), ['trimmed']);
    assert.ok(Math.abs(result.durationSec - out.duration) < 0.1);
  });

  it('refuses a budget too small for one second, audio-only input, and a cut-off faststart MP4', async () => {
    const target = { maxBytes: 300_000, maxWidth: 320, maxHeight: 240, container: 'mp4' } as const;
    assert.equal(await codeOf(fitVideo(input('hd.mp4'), { ...target, maxBytes: 10_000 }, opts)), 'PORM_MEDIA_AV_BUDGET_UNREACHABLE');
    assert.equal(await codeOf(fitVideo(input('tone.m4a'), target, opts)), 'PORM_MEDIA_AV_WRONG_KIND');
    // With moov first, the header is intact and promises 20 s; the data stops at about 8.
    const faststart = (await fitVideo(input('hd.mp4'), { ...target, maxBytes: 600_000 }, opts)).data;
    const cut = faststart.subarray(0, Math.floor(faststart.length * 0.4));
    assert.equal(await codeOf(fitVideo(cut, target, opts)), 'PORM_MEDIA_AV_TRUNCATED');
    assert.deepEqual(readdirSync(tmp.dir), []);
  });

  it('stops ffmpeg at its CPU-time limit and at its wall-clock limit, leaving no temp files', async () => {
    const target = { maxBytes: 600_000, maxWidth: 640, maxHeight: 480, container: 'mp4' } as const;
    // x264 medium needs several CPU seconds for this clip; one is allowed.
    const cpu = fitVideo(input('hd.mp4'), target, { ...opts, preset: 'medium', encode: { cpuSeconds: 1 } });
    assert.equal(await codeOf(cpu), 'PORM_MEDIA_FFMPEG_TIMEOUT');
    const wall = fitVideo(input('hd.mp4'), target, { ...opts, preset: 'medium', encode: { timeoutMs: 300 } });
    assert.equal(await codeOf(wall), 'PORM_MEDIA_FFMPEG_TIMEOUT');
    assert.deepEqual(readdirSync(tmp.dir), []);
  });
});
