import { AvError } from './av-error.ts';
import type { FfmpegInfo } from './detect-ffmpeg.ts';
import { untrustedInputArgs } from './input-guard.ts';
import { lastLine, runProcess } from './run-process.ts';
import { progressListener } from './ffmpeg-progress.ts';

export interface EncodeLimits {
  /** Wall clock for one ffmpeg run; killed when reached. */
  readonly timeoutMs: number;
  /** CPU seconds for one ffmpeg run (ffmpeg's -timelimit, an RLIMIT_CPU): a decoding bomb stops here even on an idle machine. */
  readonly cpuSeconds: number;
  /** Decoder, filter and encoder threads: one conversion must not take every core from the API. */
  readonly threads: number;
}

export const DEFAULT_ENCODE_LIMITS: EncodeLimits = { timeoutMs: 120_000, cpuSeconds: 120, threads: 2 };

/**
 * One ffmpeg run from an untrusted input file to an output file, both in porm's private directory.
 * The output's size is capped by the caller's `-fs` in outputArgs; stdout is not used, so it is
 * bounded at nothing.
 */
export async function runFfmpeg(
  ffmpeg: FfmpegInfo, inputPath: string, outputArgs: readonly string[], outputPath: string, limits: EncodeLimits,
  onTime?: (sec: number) => void,
): Promise<void> {
  const threads = String(limits.threads);
  const args = [
    '-nostdin', '-hide_banner', '-nostats', '-loglevel', 'error', '-y', ...(onTime ? ['-progress', 'pipe:1'] : []),
    '-timelimit', String(limits.cpuSeconds), '-filter_threads', threads,
    '-threads', threads, ...untrustedInputArgs(inputPath),
    ...outputArgs, '-threads', threads, `file:${outputPath}`,
  ];
  const result = await runProcess(ffmpeg.ffmpegPath, args, { timeoutMs: limits.timeoutMs, maxStdoutBytes: 65_536, ...(onTime ? { onStdout: progressListener(onTime) } : {}) });
  if (result.timedOut) throw new AvError('PORM_MEDIA_FFMPEG_TIMEOUT', `ffmpeg did not finish within ${limits.timeoutMs} ms`);
  // ffmpeg turns SIGXCPU (the soft CPU limit) into exit code 255; the hard limit a second later is SIGKILL.
  if (result.exitCode === 255 || result.signal === 'SIGKILL' || result.signal === 'SIGXCPU') {
    throw new AvError('PORM_MEDIA_FFMPEG_TIMEOUT', `ffmpeg used up its ${limits.cpuSeconds} s of CPU time`);
  }
  if (result.exitCode !== 0) {
    throw new AvError('PORM_MEDIA_FFMPEG_FAILED', `ffmpeg exited with ${result.exitCode ?? result.signal}: ${lastLine(result.stderrTail)}`);
  }
}
