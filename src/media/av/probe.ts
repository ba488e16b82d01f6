import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AvError } from './av-error.ts';
import { defaultFfmpeg, requireFfmpeg, type FfmpegDetection, type FfmpegInfo } from './detect-ffmpeg.ts';
import { checkInputBytes, inputLimits, untrustedInputArgs, type InputLimits } from './input-guard.ts';
import { withPrivateDir } from './private-dir.ts';
import { parseProbe, type MediaProbe } from './probe-parse.ts';
import { lastLine, runProcess } from './run-process.ts';

export interface ProbeOptions {
  /** From detectFfmpeg() at startup; detected on PATH on first use when absent. */
  readonly ffmpeg?: FfmpegDetection;
  readonly timeoutMs?: number;
  readonly limits?: Partial<InputLimits>;
  /** Parent of the private temp directory; the OS temp dir when absent. */
  readonly tmpDir?: string;
}

// Only the fields porm reads: a file with thousands of streams or tags still prints little.
const ENTRIES = [
  'format=format_name,duration',
  'format_tags=major_brand',
  'stream=index,codec_type,codec_name,profile,width,height,avg_frame_rate,r_frame_rate,bit_rate,sample_rate,channels,duration',
  'stream_disposition=attached_pic',
  'stream_tags=rotate',
  'stream_side_data=rotation',
].join(':');

const MAX_PROBE_OUTPUT = 512 * 1024;

/** Describes an audio/video file (a path, or bytes that go through a private temp file). */
export async function probeMedia(input: Buffer | string, options: ProbeOptions = {}): Promise<MediaProbe> {
  const ffmpeg = requireFfmpeg(options.ffmpeg ?? (await defaultFfmpeg()), []);
  const limits = inputLimits(options.limits);
  if (typeof input === 'string') {
    checkInputBytes((await stat(input)).size, limits);
    return probeFile(ffmpeg, input, options.timeoutMs);
  }
  checkInputBytes(input.length, limits);
  return withPrivateDir(options.tmpDir, async (dir) => {
    const path = join(dir, 'input');
    await writeFile(path, input, { mode: 0o600 });
    return probeFile(ffmpeg, path, options.timeoutMs);
  });
}

/** ffprobe on a file porm controls the path of. */
export async function probeFile(ffmpeg: FfmpegInfo, path: string, timeoutMs = 20_000): Promise<MediaProbe> {
  const args = ['-v', 'error', '-hide_banner', '-of', 'json', '-show_entries', ENTRIES, ...untrustedInputArgs(path)];
  const result = await runProcess(ffmpeg.ffprobePath, args, { timeoutMs, maxStdoutBytes: MAX_PROBE_OUTPUT });
  if (result.timedOut) throw new AvError('PORM_MEDIA_FFMPEG_TIMEOUT', `ffprobe did not finish within ${timeoutMs} ms`);
  if (result.stdoutOverflow) throw new AvError('PORM_MEDIA_AV_UNREADABLE', 'ffprobe described the file at absurd length');
  if (result.exitCode !== 0) {
    throw new AvError('PORM_MEDIA_AV_UNREADABLE', `ffprobe cannot read the file: ${lastLine(result.stderrTail) || `exit ${result.exitCode ?? result.signal}`}`);
  }
  return parseProbe(result.stdout.toString('utf8'));
}
