import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { detectFfmpeg, type FfmpegDetection } from './detect-ffmpeg.ts';
import { fitVideo } from './fit-video.ts';
import { probeMedia } from './probe.ts';
import { codeOf, ffmpegSkip, lavfi, makeMedia, scratchDir, title } from './test-media.ts';

/** A Matroska rawvideo file whose header claims 16000×16000 (PixelWidth/PixelHeight patched). */
function absurdResolution(dir: string): Buffer {
  const mkv = makeMedia(dir, 'raw.mkv', [...lavfi.video('320x256', 10, 0.1), '-c:v', 'rawvideo', '-pix_fmt', 'yuv420p']);
  const patch = (from: number[], to: number[]): void => {
    const at = mkv.indexOf(Buffer.from(from));
    assert.ok(at >= 0, 'EBML element not found');
    Buffer.from(to).copy(mkv, at);
  };
  patch([0xb0, 0x82, 0x01, 0x40], [0xb0, 0x82, 0x3e, 0x80]);
  patch([0xba, 0x82, 0x01, 0x00], [0xba, 0x82, 0x3e, 0x80]);
  return mkv;
}

describe(title('probeMedia'), { skip: ffmpegSkip }, () => {
  const scratch = scratchDir();
  const tmp = scratchDir();
  let ffmpeg: FfmpegDetection;
  let mp4: Buffer;
  before(async () => {
    ffmpeg = await detectFfmpeg();
    mp4 = makeMedia(scratch.dir, 'a.mp4', [...lavfi.video('320x240', 25, 2), ...lavfi.tone(2), '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest']);
  });
  after(() => {
    scratch.remove();
    tmp.remove();
  });
  const opts = (): { ffmpeg: FfmpegDetection; tmpDir: string } => ({ ffmpeg, tmpDir: tmp.dir });

  it('describes an MP4 from bytes and from a path, and leaves no temp files', async () => {
    const probe = await probeMedia(mp4, opts());
    assert.equal(probe.container, 'mp4');
    assert.ok(Math.abs(probe.durationSec - 2) < 0.1);
    assert.deepEqual([probe.video?.codec, probe.video?.width, probe.video?.height, probe.video?.fps], ['h264', 320, 240, 25]);
    assert.deepEqual([probe.audio?.codec, probe.audio?.sampleRate], ['aac', 44100]);
    assert.deepEqual(await probeMedia(`${scratch.dir}/a.mp4`, opts()), probe);
    assert.deepEqual(readdirSync(tmp.dir), []);
  });

  it('names MOV, 3GP, WAV, MP3 and OGG containers', async () => {
    const cases: [string, string[], string][] = [
      ['a.mov', [...lavfi.video('160x120', 10, 1), '-c:v', 'mjpeg', '-f', 'mov'], 'mov'],
      ['a.3gp', [...lavfi.video('176x144', 10, 1), '-c:v', 'h263', '-f', '3gp'], '3gp'],
      ['a.wav', [...lavfi.tone(1, 8000)], 'wav'],
      ['a.mp3', [...lavfi.tone(1), '-c:a', 'libmp3lame'], 'mp3'],
      ['a.ogg', [...lavfi.tone(1), '-c:a', 'libvorbis'], 'ogg'],
    ];
    for (const [name, args, container] of cases) {
      assert.equal((await probeMedia(makeMedia(scratch.dir, name, args), opts())).container, container, name);
    }
  });

  it('reports display dimensions of a rotated phone clip', async () => {
    const rotated = makeMedia(scratch.dir, 'rot.mp4', ['-i', `${scratch.dir}/a.mp4`, '-c', 'copy', '-metadata:s:v', 'rotate=90']);
    const probe = await probeMedia(rotated, opts());
    assert.deepEqual([probe.video?.width, probe.video?.height], [240, 320]);
  });

  const hostile: [string, () => Buffer][] = [
    ['zero bytes', () => Buffer.alloc(0)],
    ['a text file', () => Buffer.from('Hello, this is not a video.\n'.repeat(50))],
    ['random bytes', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251))],
    ['an MP4 cut before its moov box', () => mp4.subarray(0, Math.floor(mp4.length / 2))],
    ['an MP4 with a smashed header', () => Buffer.concat([Buffer.alloc(64, 0xff), mp4.subarray(64)])],
    ['an HLS playlist pointing at a local file', () => Buffer.from('#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n')],
    ['an ffconcat list', () => Buffer.from("ffconcat version 1.0\nfile '/etc/passwd'\n")],
  ];
  for (const [name, make] of hostile) {
    it(`refuses ${name} as PORM_MEDIA_AV_UNREADABLE`, async () => {
      assert.equal(await codeOf(probeMedia(make(), opts())), 'PORM_MEDIA_AV_UNREADABLE');
      assert.deepEqual(readdirSync(tmp.dir), []);
    });
  }

  it('refuses an absurd resolution before decoding anything', async () => {
    const mkv = absurdResolution(scratch.dir);
    const probe = await probeMedia(mkv, opts());
    assert.deepEqual([probe.video?.width, probe.video?.height], [16000, 16000]);
    const target = { maxBytes: 300_000, maxWidth: 640, maxHeight: 480, container: 'mp4' } as const;
    assert.equal(await codeOf(fitVideo(mkv, target, opts())), 'PORM_MEDIA_AV_TOO_MANY_PIXELS');
  });

  it('refuses inputs over the configured duration and byte limits', async () => {
    const target = { maxBytes: 300_000, maxWidth: 640, maxHeight: 480, container: 'mp4' } as const;
    assert.equal(await codeOf(fitVideo(mp4, target, { ...opts(), limits: { maxDurationSec: 1 } })), 'PORM_MEDIA_AV_TOO_LONG');
    assert.equal(await codeOf(probeMedia(mp4, { ...opts(), limits: { maxInputBytes: 1000 } })), 'PORM_MEDIA_AV_INPUT_TOO_LARGE');
    assert.deepEqual(readdirSync(tmp.dir), []);
  });
});
