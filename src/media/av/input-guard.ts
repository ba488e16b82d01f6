import { AvError } from './av-error.ts';
import type { MediaProbe } from './probe-parse.ts';

/**
 * Demuxers ffmpeg and ffprobe may use on untrusted input. Without this list ffmpeg would also
 * open playlists (HLS, concat, ffconcat) and image sequences, which read other files or URLs
 * named inside the upload: the classic ffmpeg SSRF and local-file leak.
 */
export const INPUT_FORMATS = [
  'mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2', 'matroska', 'webm', 'avi', 'flv', 'asf', 'mpeg', 'mpegts',
  'mp3', 'aac', 'wav', 'w64', 'aiff', 'caf', 'ogg', 'flac', 'amr', 'amrnb', 'amrwb',
].join(',');

/** Input options that go before every `-i` of untrusted data (ffprobe and ffmpeg alike). */
export function untrustedInputArgs(path: string): string[] {
  return ['-protocol_whitelist', 'file', '-format_whitelist', INPUT_FORMATS, '-i', `file:${path}`];
}

export interface InputLimits {
  /** Bytes of the input file. */
  readonly maxInputBytes: number;
  readonly maxDurationSec: number;
  readonly maxWidth: number;
  readonly maxHeight: number;
  /** width × height of one frame. */
  readonly maxPixels: number;
}

// 4K in either orientation, ten minutes, 100 MB: more than any phone clip an MMS is made from,
// small enough that one conversion cannot hold a worker for long.
export const DEFAULT_INPUT_LIMITS: InputLimits = {
  maxInputBytes: 100 * 1024 * 1024,
  maxDurationSec: 600,
  maxWidth: 4096,
  maxHeight: 4096,
  maxPixels: 4096 * 2304,
};

export function inputLimits(overrides: Partial<InputLimits> | undefined): InputLimits {
  return { ...DEFAULT_INPUT_LIMITS, ...overrides };
}

export function checkInputBytes(bytes: number, limits: InputLimits): void {
  if (bytes === 0) throw new AvError('PORM_MEDIA_AV_UNREADABLE', 'the file is empty');
  if (bytes > limits.maxInputBytes) {
    throw new AvError('PORM_MEDIA_AV_INPUT_TOO_LARGE', `the file has ${bytes} bytes; at most ${limits.maxInputBytes} are converted`);
  }
}

/** Refuses, before any decoding, inputs whose header promises more work than the limits allow. */
export function checkProbeLimits(probe: MediaProbe, limits: InputLimits): void {
  if (probe.durationSec > limits.maxDurationSec) {
    throw new AvError('PORM_MEDIA_AV_TOO_LONG', `the file plays for ${probe.durationSec.toFixed(1)} s; at most ${limits.maxDurationSec} s are converted`);
  }
  const video = probe.video;
  if (!video) return;
  if (video.width > limits.maxWidth || video.height > limits.maxHeight || video.width * video.height > limits.maxPixels) {
    throw new AvError(
      'PORM_MEDIA_AV_TOO_MANY_PIXELS',
      `the video is ${video.width}×${video.height}; at most ${limits.maxWidth}×${limits.maxHeight} and ${limits.maxPixels} pixels are converted`,
    );
  }
}
