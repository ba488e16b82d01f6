import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFfmpeg, parseEncoders, requireFfmpeg } from './detect-ffmpeg.ts';
import { fitAudio } from './fit-audio.ts';
import { fitVideo } from './fit-video.ts';
import { probeMedia } from './probe.ts';
import { codeOf, ffmpegSkip, title } from './test-media.ts';

describe('detectFfmpeg without ffmpeg', () => {
  it('reports unavailable with a reason instead of throwing', async () => {
    const detection = await detectFfmpeg({ ffmpegPath: '/nonexistent/ffmpeg', ffprobePath: '/nonexistent/ffprobe' });
    assert.equal(detection.available, false);
    assert.ok(!detection.available && detection.reason.includes('/nonexistent/ffmpeg not found'));
    assert.ok(detection.cannot.length > 0);
  });

  it('every conversion then fails with PORM_MEDIA_FFMPEG_UNAVAILABLE', async () => {
    const ffmpeg = await detectFfmpeg({ ffmpegPath: '/nonexistent/ffmpeg' });
    const bytes = Buffer.from('anything');
    assert.equal(await codeOf(probeMedia(bytes, { ffmpeg })), 'PORM_MEDIA_FFMPEG_UNAVAILABLE');
    assert.equal(await codeOf(fitVideo(bytes, { maxBytes: 1e5, maxWidth: 320, maxHeight: 240, container: 'mp4' }, { ffmpeg })), 'PORM_MEDIA_FFMPEG_UNAVAILABLE');
    assert.equal(await codeOf(fitAudio(bytes, { maxBytes: 1e5, format: 'aac' }, { ffmpeg })), 'PORM_MEDIA_FFMPEG_UNAVAILABLE');
  });

  it('a program that is not ffmpeg is not taken for one', async () => {
    const detection = await detectFfmpeg({ ffmpegPath: process.execPath, ffprobePath: process.execPath });
    assert.equal(detection.available, false);
  });
});

describe('parseEncoders', () => {
  it('reads names after the legend only', () => {
    const text = 'Encoders:\n V..... = Video\n A..... = Audio\n ------\n V....D libx264              libx264 H.264\n A..... aac                  AAC\n';
    assert.deepEqual([...parseEncoders(text)], ['libx264', 'aac']);
  });
});

describe(title('detectFfmpeg on this machine'), { skip: ffmpegSkip }, () => {
  it('finds versions and the encoders porm needs, and says what it cannot do', async (t) => {
    const detection = await detectFfmpeg();
    assert.ok(detection.available);
    assert.match(detection.ffmpegVersion, /^\S+$/);
    assert.ok(detection.can.h264 && detection.can.aac, 'Debian ffmpeg has libx264 and aac');
    assert.equal(detection.cannot.length, Object.values(detection.can).filter((c) => !c).length);
    assert.equal(requireFfmpeg(detection, ['h264', 'aac']), detection);
    t.diagnostic(`ffmpeg ${detection.ffmpegVersion}; cannot: ${detection.cannot.join('; ') || 'nothing'}`);
    if (!detection.can.amrNb) {
      assert.throws(() => requireFfmpeg(detection, ['amrNb']), (e: unknown) => (e as { code?: string }).code === 'PORM_MEDIA_FFMPEG_UNAVAILABLE');
    }
  });
});
