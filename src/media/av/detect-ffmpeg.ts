import { AvError } from './av-error.ts';
import { runProcess } from './run-process.ts';

/** Encoders porm's conversions use, by ffmpeg encoder name. */
export const AV_ENCODERS = { h264: 'libx264', aac: 'aac', amrNb: 'libopencore_amrnb' } as const;
export type AvCapability = keyof typeof AV_ENCODERS;

export interface FfmpegInfo {
  readonly available: true;
  /** As given, or the bare name: spawn looks a bare name up on PATH. */
  readonly ffmpegPath: string;
  readonly ffprobePath: string;
  /** e.g. "5.1.9-0+deb12u1" */
  readonly ffmpegVersion: string;
  readonly ffprobeVersion: string;
  readonly encoders: ReadonlySet<string>;
  readonly can: Readonly<Record<AvCapability, boolean>>;
  /** One line per kind of conversion this ffmpeg cannot do; empty when it can do all. */
  readonly cannot: readonly string[];
}

export interface FfmpegUnavailable {
  readonly available: false;
  readonly reason: string;
  readonly cannot: readonly string[];
}

export type FfmpegDetection = FfmpegInfo | FfmpegUnavailable;

export interface DetectOptions {
  readonly ffmpegPath?: string;
  readonly ffprobePath?: string;
  readonly timeoutMs?: number;
}

const WHAT_NEEDS: Readonly<Record<AvCapability, string>> = {
  h264: 'video cannot be converted to H.264 (MP4/3GP): no libx264 encoder',
  aac: 'audio cannot be converted to AAC (video soundtracks, M4A): no aac encoder',
  amrNb: 'audio cannot be converted to AMR-NB: no libopencore_amrnb encoder (Debian\'s ffmpeg is built without it)',
};

const NOTHING = 'no audio or video can be probed or converted; images are unaffected';

/**
 * Finds ffmpeg and ffprobe, reads their versions and ffmpeg's encoder list. Never throws: porm
 * starts without ffmpeg and says, through `cannot`, which media it will then refuse to convert.
 */
export async function detectFfmpeg(options: DetectOptions = {}): Promise<FfmpegDetection> {
  const ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
  const ffprobePath = options.ffprobePath ?? 'ffprobe';
  const limits = { timeoutMs: options.timeoutMs ?? 10_000, maxStdoutBytes: 1_048_576 };
  try {
    const ffmpegVersion = versionOf(await run(ffmpegPath, ['-hide_banner', '-version'], limits), 'ffmpeg');
    const ffprobeVersion = versionOf(await run(ffprobePath, ['-hide_banner', '-version'], limits), 'ffprobe');
    const encoders = parseEncoders(await run(ffmpegPath, ['-hide_banner', '-encoders'], limits));
    const can = {
      h264: encoders.has(AV_ENCODERS.h264),
      aac: encoders.has(AV_ENCODERS.aac),
      amrNb: encoders.has(AV_ENCODERS.amrNb),
    };
    const cannot = (Object.keys(can) as AvCapability[]).filter((c) => !can[c]).map((c) => WHAT_NEEDS[c]);
    return { available: true, ffmpegPath, ffprobePath, ffmpegVersion, ffprobeVersion, encoders, can, cannot };
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message : String(err), cannot: [NOTHING] };
  }
}

let defaultDetection: Promise<FfmpegDetection> | undefined;

/** detectFfmpeg() on PATH, run once per process: for callers not handed a detection at startup. */
export function defaultFfmpeg(): Promise<FfmpegDetection> {
  defaultDetection ??= detectFfmpeg();
  return defaultDetection;
}

/** The detection if it can do all of `needs`; otherwise PORM_MEDIA_FFMPEG_UNAVAILABLE saying what is missing. */
export function requireFfmpeg(detection: FfmpegDetection, needs: readonly AvCapability[]): FfmpegInfo {
  if (!detection.available) {
    throw new AvError('PORM_MEDIA_FFMPEG_UNAVAILABLE', `ffmpeg is not available (${detection.reason}): ${NOTHING}`);
  }
  const missing = needs.filter((c) => !detection.can[c]);
  if (missing.length > 0) {
    throw new AvError('PORM_MEDIA_FFMPEG_UNAVAILABLE', missing.map((c) => WHAT_NEEDS[c]).join('; '));
  }
  return detection;
}

async function run(command: string, args: readonly string[], limits: { timeoutMs: number; maxStdoutBytes: number }): Promise<string> {
  let result;
  try {
    result = await runProcess(command, args, limits);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${command} not found` : `${command} cannot be started (${code ?? String(err)})`, { cause: err });
  }
  if (result.timedOut) throw new Error(`${command} ${args.join(' ')} did not answer within ${limits.timeoutMs} ms`);
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.exitCode ?? result.signal}: ${result.stderrTail.slice(-300)}`);
  return result.stdout.toString('utf8');
}

function versionOf(output: string, program: string): string {
  const match = new RegExp(`^${program} version (\\S+)`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`${program} -version printed no version line; is it really ${program}?`);
  return match[1];
}

/** Parses `ffmpeg -encoders`: after the legend, lines like " V....D libx264  libx264 H.264 ...". */
export function parseEncoders(output: string): Set<string> {
  const names = new Set<string>();
  const body = output.split(/^\s*-{3,}\s*$/m)[1] ?? '';
  for (const line of body.split('\n')) {
    const match = /^\s*[VAS][F.][S.][X.][B.][D.]\s+(\S+)/.exec(line);
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}
