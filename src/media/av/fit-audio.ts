import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AvError } from './av-error.ts';
import { planAudio, replanAudio, type AudioFormat, type AudioPlan } from './audio-plan.ts';
import { defaultFfmpeg, requireFfmpeg } from './detect-ffmpeg.ts';
import { encodeWithinBudget } from './fit-loop.ts';
import type { AvWarning, FitOptions, FitResult } from './fit-types.ts';
import { checkInputBytes, checkProbeLimits, inputLimits } from './input-guard.ts';
import { withPrivateDir } from './private-dir.ts';
import { fitAmrWithSox, soxCanEncodeAmr } from './amr-with-sox.ts';
import { probeFile } from './probe.ts';
import { DEFAULT_ENCODE_LIMITS } from './run-ffmpeg.ts';

export interface AudioTarget {
  readonly maxBytes: number;
  /** aac: AAC-LC in an M4A file (audio/mp4). amr: AMR-NB, 8 kHz mono, .amr file (audio/amr). */
  readonly format: AudioFormat;
}

const OUTPUT = {
  aac: { mime: 'audio/mp4', extension: 'm4a', muxer: 'ipod', encoder: 'aac', capability: 'aac' },
  amr: { mime: 'audio/amr', extension: 'amr', muxer: 'amr', encoder: 'libopencore_amrnb', capability: 'amrNb' },
} as const;

/**
 * Re-encodes the audio of a file (an audio file, or the soundtrack of a video) within a byte
 * budget: the highest rate that carries it whole, else the lowest rate and a trim, with a warning.
 */
export async function fitAudio(input: Buffer, target: AudioTarget, options: FitOptions = {}): Promise<FitResult> {
  const out = OUTPUT[target.format];
  const detection = options.ffmpeg ?? (await defaultFfmpeg());
  const limits = inputLimits(options.limits);
  const encode = { ...DEFAULT_ENCODE_LIMITS, ...options.encode };
  if (target.format === 'amr' && detection.available && !detection.can.amrNb && (await soxCanEncodeAmr())) {
    return fitAmrWithSox(input, target.maxBytes, detection, limits, encode, options.tmpDir);
  }
  const ffmpeg = requireFfmpeg(detection, [out.capability]);
  checkInputBytes(input.length, limits);
  return withPrivateDir(options.tmpDir, async (dir) => {
    const inputPath = join(dir, 'input');
    await writeFile(inputPath, input, { mode: 0o600 });
    const probe = await probeFile(ffmpeg, inputPath, encode.timeoutMs);
    const audio = probe.audio;
    if (!audio) throw new AvError('PORM_MEDIA_AV_WRONG_KIND', 'the file has no audio stream');
    // Only the audio is decoded, so the video's dimensions do not matter here; its duration does.
    checkProbeLimits({ ...probe, video: undefined }, limits);
    const first = planAudio(target.format, probe.durationSec, target.maxBytes);
    const args = (plan: AudioPlan): string[] => [
      '-t', plan.durationSec.toFixed(3), '-map', `0:${audio.index}`, '-vn',
      '-c:a', out.encoder, '-b:a', `${plan.settings.kbps}k`, '-ar', String(plan.settings.sampleRate), '-ac', String(plan.settings.channels),
      '-map_metadata', '-1', '-map_chapters', '-1',
      ...(target.format === 'aac' ? ['-movflags', '+faststart'] : []),
      '-f', out.muxer,
    ];
    const ctx = { ffmpeg, dir, inputPath, maxBytes: target.maxBytes, extension: out.extension, limits: encode, maxPasses: options.maxPasses ?? 4, onProgress: options.onProgress };
    const done = await encodeWithinBudget(ctx, first, args, (plan, fullBytes) => replanAudio(plan, fullBytes, target.maxBytes));
    const warnings: AvWarning[] = done.plan.trimmed
      ? [{ kind: 'trimmed', message: `trimmed from ${probe.durationSec.toFixed(1)} s to ${done.plan.durationSec.toFixed(1)} s: the whole recording does not fit ${target.maxBytes} bytes` }]
      : [];
    return { data: done.data, mime: out.mime, bytes: done.data.length, durationSec: done.output.durationSec, warnings, passes: done.passes };
  });
}
