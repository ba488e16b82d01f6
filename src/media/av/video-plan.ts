import { AvError } from './av-error.ts';
import { aacTierForKbps, type AacSettings } from './aac-tiers.ts';

export interface VideoPlanInput {
  readonly durationSec: number;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly hasAudio: boolean;
  readonly maxBytes: number;
  readonly maxWidth: number;
  readonly maxHeight: number;
}

export interface VideoPlan {
  /** Seconds to encode: the input's, or less when trimmed. */
  readonly durationSec: number;
  readonly trimmed: boolean;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly videoKbps: number;
  /** H.264 level that covers width × height × fps. */
  readonly level: string;
  readonly audio?: AacSettings;
}

/** Below this H.264 Baseline shows mush at any size; porm trims rather than go lower. */
export const MIN_VIDEO_KBPS = 40;
/** Shorter than this is no longer the sender's video: refuse instead. */
export const MIN_DURATION_SEC = 1;
// x264's ABR lands within a few per cent of the asked rate; plan for 90 % of the bytes left after
// the container so the first pass usually fits and a second is the exception.
const RATE_SLACK = 0.9;
// MP4/3GP cost: headers (ftyp, moov, trak boxes) plus about 12 bytes of index per sample.
const BASE_OVERHEAD = 8192;
const PER_SAMPLE = 12;
// Bits per pixel per frame below which Baseline at this size looks worse than a smaller picture.
const BPP_LOW_FPS = 0.05;
const BPP_SHRINK = 0.03;
const MIN_SHORT_SIDE = 144;

export function mp4Overhead(durationSec: number, fps: number, audioSampleRate: number | undefined): number {
  const audioPackets = audioSampleRate ? Math.ceil((durationSec * audioSampleRate) / 1024) : 0;
  return BASE_OVERHEAD + PER_SAMPLE * (Math.ceil(durationSec * fps) + audioPackets);
}

/** Largest even width × height inside the box with the source's aspect ratio; never upscales. */
export function fitBox(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  const even = (n: number): number => Math.max(2, Math.floor(n / 2) * 2);
  return { width: even(width * scale), height: even(height * scale) };
}

const LEVELS: readonly (readonly [string, number, number])[] = [
  ['3.0', 1620, 40500], ['3.1', 3600, 108000], ['3.2', 5120, 216000], ['4.0', 8192, 245760], ['4.2', 8704, 522240], ['5.1', 36864, 983040],
];

export function h264Level(width: number, height: number, fps: number): string {
  const mbs = Math.ceil(width / 16) * Math.ceil(height / 16);
  return LEVELS.find(([, maxFs, maxMbps]) => mbs <= maxFs && mbs * fps <= maxMbps)?.[0] ?? '5.1';
}

/** Bits per second the budget leaves for audio + video over `durationSec`. */
function payloadBps(maxBytes: number, durationSec: number, fps: number, sampleRate: number | undefined): number {
  return (Math.max(0, maxBytes - mp4Overhead(durationSec, fps, sampleRate)) * 8 * RATE_SLACK) / durationSec;
}

/** Longest duration whose payload at `kbps` (plus container) fits in maxBytes. */
export function durationThatFits(maxBytes: number, kbps: number, fps: number, sampleRate: number | undefined): number {
  const perSecondOverhead = PER_SAMPLE * (fps + (sampleRate ?? 0) / 1024);
  const seconds = ((maxBytes - BASE_OVERHEAD) * 8 * RATE_SLACK) / (kbps * 1000 + 8 * RATE_SLACK * perSecondOverhead);
  return Math.floor(seconds * 10) / 10;
}

/** Chooses size, frame rate, bitrates and (if nothing else fits) a shorter duration for one video. */
export function planVideo(input: VideoPlanInput): VideoPlan {
  let fps = Math.min(input.fps > 0 ? input.fps : 30, 30);
  const box = fitBox(input.width, input.height, input.maxWidth, input.maxHeight);
  let durationSec = input.durationSec;
  let trimmed = false;
  let audio = input.hasAudio ? aacTierForKbps(payloadBps(input.maxBytes, durationSec, fps, 44100) / 1000) : undefined;
  let videoKbps = payloadBps(input.maxBytes, durationSec, fps, audio?.sampleRate) / 1000 - (audio?.kbps ?? 0);
  if (videoKbps < MIN_VIDEO_KBPS) {
    fps = Math.min(fps, 15);
    audio = input.hasAudio ? aacTierForKbps(0) : undefined;
    durationSec = Math.min(durationSec, durationThatFits(input.maxBytes, MIN_VIDEO_KBPS + (audio?.kbps ?? 0), fps, audio?.sampleRate));
    if (durationSec < MIN_DURATION_SEC) {
      throw new AvError('PORM_MEDIA_AV_BUDGET_UNREACHABLE', `${input.maxBytes} bytes do not hold ${MIN_DURATION_SEC} s of video at ${MIN_VIDEO_KBPS} kbps`);
    }
    trimmed = durationSec < input.durationSec;
    videoKbps = Math.max(MIN_VIDEO_KBPS, payloadBps(input.maxBytes, durationSec, fps, audio?.sampleRate) / 1000 - (audio?.kbps ?? 0));
  }
  const bpp = (kbps: number, w: number, h: number, f: number): number => (kbps * 1000) / (w * h * f);
  if (fps > 15 && bpp(videoKbps, box.width, box.height, fps) < BPP_LOW_FPS) fps = 15;
  let { width, height } = box;
  const have = bpp(videoKbps, width, height, fps);
  if (have < BPP_SHRINK) {
    const floor = Math.min(1, MIN_SHORT_SIDE / Math.min(width, height));
    const scale = Math.max(floor, Math.sqrt(have / BPP_SHRINK));
    ({ width, height } = fitBox(input.width, input.height, width * scale, height * scale));
  }
  return { durationSec, trimmed, width, height, fps, videoKbps: Math.floor(videoKbps), level: h264Level(width, height, fps), audio };
}
