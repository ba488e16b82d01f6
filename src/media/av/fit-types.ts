import type { FfmpegDetection } from './detect-ffmpeg.ts';
import type { InputLimits } from './input-guard.ts';
import type { EncodeLimits } from './run-ffmpeg.ts';
import type { AvProgress } from './ffmpeg-progress.ts';

export type X264Preset = 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium';

export interface FitOptions {
  /** From detectFfmpeg() at startup; detected on PATH on first use when absent. */
  readonly ffmpeg?: FfmpegDetection;
  /** What inputs are refused before any decoding. */
  readonly limits?: Partial<InputLimits>;
  /** Time and thread bounds of each ffmpeg run. */
  readonly encode?: Partial<EncodeLimits>;
  /** x264 speed/quality trade-off; veryfast by default. */
  readonly preset?: X264Preset;
  /** Encodes tried before giving up with PORM_MEDIA_AV_BUDGET_UNREACHABLE; 4 by default. */
  readonly maxPasses?: number;
  /** Parent of the private temp directory; the OS temp dir when absent. */
  readonly tmpDir?: string;
  /** Called as each encode advances (about twice a second), e.g. for the CLI's progress bar. */
  readonly onProgress?: (progress: AvProgress) => void;
}

export interface AvWarning {
  /** trimmed: the output plays shorter than the input, because nothing else fit the budget. */
  readonly kind: 'trimmed';
  readonly message: string;
}

export interface FitResult {
  readonly data: Buffer;
  readonly mime: string;
  readonly bytes: number;
  /** Of the output, as ffprobe reads it. */
  readonly durationSec: number;
  readonly width?: number;
  readonly height?: number;
  readonly warnings: readonly AvWarning[];
  /** Encodes it took: 1, or more when the first came out over budget. */
  readonly passes: number;
}
