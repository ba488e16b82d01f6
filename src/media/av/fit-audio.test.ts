import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { detectFfmpeg, type FfmpegDetection } from './detect-ffmpeg.ts';
import { fitAudio } from './fit-audio.ts';
import { soxCanEncodeAmr } from './amr-with-sox.ts';
import type { FitOptions } from './fit-types.ts';
import { codeOf, ffmpegSkip, ffprobe, lavfi, makeMedia, scratchDir, streamOf, title } from './test-media.ts';

describe(title('fitAudio'), { skip: ffmpegSkip }, () => {
  const scratch = scratchDir();
  const tmp = scratchDir();
  const media = new Map<string, Buffer>();
  let ffmpeg: FfmpegDetection;
  let opts: FitOptions;
  before(async () => {
    ffmpeg = await detectFfmpeg();
    opts = { ffmpeg, tmpDir: tmp.dir };
    const make = (name: string, args: string[]): void => void media.set(name, makeMedia(scratch.dir, name, args));
    make('voice.wav', [...lavfi.tone(10), '-ac', '2']);
    make('song.mp3', [...lavfi.tone(30), '-c:a', 'libmp3lame', '-b:a', '128k']);
    make('note.ogg', [...lavfi.tone(8), '-c:a', 'libvorbis']);
    make('clip.mp4', [...lavfi.video('320x240', 15, 5), ...lavfi.tone(5), '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac']);
    make('silent.mp4', [...lavfi.video('160x120', 10, 2), '-c:v', 'libx264', '-preset', 'ultrafast']);
  });
  after(() => {
    scratch.remove();
    tmp.remove();
  });

  const cases: [string, number, number][] = [['voice.wav', 100_000, 10], ['song.mp3', 300_000, 30], ['note.ogg', 50_000, 8], ['clip.mp4', 50_000, 5]];
  for (const [name, maxBytes, seconds] of cases) {
    it(`fits ${name} into ${maxBytes / 1000} KB of AAC in M4A, whole`, async () => {
      const result = await fitAudio(media.get(name)!, { maxBytes, format: 'aac' }, opts);
      assert.ok(result.bytes <= maxBytes && result.bytes === result.data.length);
      assert.equal(result.mime, 'audio/mp4');
      const probed = ffprobe(scratch.dir, result.data);
      assert.equal(streamOf(probed, 'audio')?.codec_name, 'aac');
      assert.equal(streamOf(probed, 'video'), undefined);
      assert.equal(probed.format.tags?.major_brand?.trim(), 'M4A');
      assert.ok(Math.abs(Number(probed.format.duration) - seconds) < 0.3, `duration ${probed.format.duration}`);
      assert.deepEqual(result.warnings, []);
    });
  }

  it('trims, with a warning, when even the lowest rate cannot carry it', async () => {
    const result = await fitAudio(media.get('song.mp3')!, { maxBytes: 20_000, format: 'aac' }, opts);
    assert.ok(result.bytes <= 20_000);
    assert.ok(result.durationSec >= 1 && result.durationSec < 29, `duration ${result.durationSec}`);
    assert.deepEqual(result.warnings.map((w) => w.kind), ['trimmed']);
  });

  it('refuses a file without audio and a file that is not media', async () => {
    assert.equal(await codeOf(fitAudio(media.get('silent.mp4')!, { maxBytes: 50_000, format: 'aac' }, opts)), 'PORM_MEDIA_AV_WRONG_KIND');
    assert.equal(await codeOf(fitAudio(Buffer.from('%PDF-1.4\n'), { maxBytes: 50_000, format: 'aac' }, opts)), 'PORM_MEDIA_AV_UNREADABLE');
    assert.deepEqual(readdirSync(tmp.dir), []);
  });

  it('AMR-NB: 8 kHz mono within budget (ffmpeg or SoX), or PORM_MEDIA_FFMPEG_UNAVAILABLE when neither can encode it', async (t) => {
    const target = { maxBytes: 20_000, format: 'amr' } as const;
    if (!ffmpeg.available || (!ffmpeg.can.amrNb && !(await soxCanEncodeAmr()))) {
      assert.equal(await codeOf(fitAudio(media.get('voice.wav')!, target, opts)), 'PORM_MEDIA_FFMPEG_UNAVAILABLE');
      t.diagnostic('no AMR-NB encoder (ffmpeg without libopencore_amrnb, no sox): checked the refusal only');
      return;
    }
    const result = await fitAudio(media.get('voice.wav')!, target, opts);
    assert.ok(result.bytes <= 20_000);
    assert.equal(result.mime, 'audio/amr');
    const audio = streamOf(ffprobe(scratch.dir, result.data), 'audio');
    assert.deepEqual([audio?.codec_name, audio?.sample_rate, audio?.channels], ['amr_nb', '8000', 1]);
  });
});
