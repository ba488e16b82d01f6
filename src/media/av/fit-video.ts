import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AvError } from './av-error.ts';
import { defaultFfmpeg, requireFfmpeg } from './detect-ffmpeg.ts';
import { encodeWithinBudget } from './fit-loop.ts';
import type { AvWarning, FitOptions, FitResult } from './fit-types.ts';
import { checkInputBytes, checkProbeLimits, inputLimits } from './input-guard.ts';
import { withPrivateDir } from './private-dir.ts';
import { probeFile } from './probe.ts';
import { DEFAULT_ENCODE_LIMITS } from './run-ffmpeg.ts';
import { planVideo, type VideoPlan } from './video-plan.ts';
import { replanVideo } from './video-replan.ts';

export interface VideoTarget {
  readonly maxBytes: number;
  readonly maxWidth: number;
  readonly maxHeight: number;
  readonly container: 'mp4' | '3gp';
}

const MIME = { mp4: 'video/mp4', '3gp': 'video/3gpp' } as const;

/**
 * Re-encodes a video as H.264 Constrained Baseline + AAC-LC (what every MMS handset plays) within
 * the target's byte budget and frame box, keeping the aspect ratio. If even the lowest sensible
 * bitrate cannot carry the whole clip, the clip is trimmed and a warning says so.
 */
export async function fitVideo(input: Buffer, target: VideoTarget, options: FitOptions = {}): Promise<FitResult> {
  const detection = options.ffmpeg ?? (await defaultFfmpeg());
  const ffmpeg = requireFfmpeg(detection, ['h264']);
  const limits = inputLimits(options.limits);
  checkInputBytes(input.length, limits);
  const encode = { ...DEFAULT_ENCODE_LIMITS, ...options.encode };
  return withPrivateDir(options.tmpDir, async (dir) => {
    const inputPath = join(dir, 'input');
    await writeFile(inputPath, input, { mode: 0o600 });
    const probe = await probeFile(ffmpeg, inputPath, encode.timeoutMs);
    if (!probe.video) throw new AvError('PORM_MEDIA_AV_WRONG_KIND', 'the file has no video stream');
    checkProbeLimits(probe, limits);
    if (probe.audio) requireFfmpeg(detection, ['h264', 'aac']);
    const video = probe.video;
    const audio = probe.audio;
    const first = planVideo({
      durationSec: probe.durationSec, width: video.width, height: video.height, fps: video.fps,
      hasAudio: audio !== undefined, maxBytes: target.maxBytes, maxWidth: target.maxWidth, maxHeight: target.maxHeight,
    });
    const args = (plan: VideoPlan): string[] => [
      '-t', plan.durationSec.toFixed(3), '-map', `0:${video.index}`,
      '-vf', `scale=${plan.width}:${plan.height}:flags=bicubic,setsar=1,fps=${plan.fps.toFixed(3)},format=yuv420p`,
      '-c:v', 'libx264', '-preset', options.preset ?? 'veryfast', '-profile:v', 'baseline', '-level:v', plan.level, '-pix_fmt', 'yuv420p',
      // A VBV cap keeps x264 from spending the budget on the first seconds and starving the rest.
      '-b:v', `${plan.videoKbps}k`, '-maxrate', `${Math.round(plan.videoKbps * 1.5)}k`, '-bufsize', `${plan.videoKbps * 2}k`,
      ...(audio && plan.audio
        ? ['-map', `0:${audio.index}`, '-c:a', 'aac', '-b:a', `${plan.audio.kbps}k`, '-ar', String(plan.audio.sampleRate), '-ac', String(plan.audio.channels)]
        : ['-an']),
      // No sender metadata (phone clips carry GPS positions), chapters, subtitles or data tracks.
      '-map_metadata', '-1', '-map_chapters', '-1', '-sn', '-dn',
      '-movflags', '+faststart', '-f', target.container,
    ];
    const ctx = { ffmpeg, dir, inputPath, maxBytes: target.maxBytes, extension: target.container, limits: encode, maxPasses: options.maxPasses ?? 4, onProgress: options.onProgress };
    const done = await encodeWithinBudget(ctx, first, args, (plan, fullBytes, pass) => replanVideo(plan, fullBytes, target.maxBytes, pass));
    const warnings: AvWarning[] = [];
    if (done.plan.trimmed) {
      warnings.push({
        kind: 'trimmed',
        message: `trimmed from ${probe.durationSec.toFixed(1)} s to ${done.plan.durationSec.toFixed(1)} s: the whole clip does not fit ${target.maxBytes} bytes at a watchable bitrate`,
      });
    }
    return {
      data: done.data, mime: MIME[target.container], bytes: done.data.length, durationSec: done.output.durationSec,
      width: done.output.video?.width, height: done.output.video?.height, warnings, passes: done.passes,
    };
  });
}
