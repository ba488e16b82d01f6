export interface AacSettings {
  readonly kbps: number;
  readonly sampleRate: number;
  readonly channels: number;
}

// ffmpeg's native AAC-LC encoder (the only AAC encoder in Debian's build): each rate paired with
// the sample rate and channel count that still sound clean at it. Highest first.
export const AAC_TIERS: readonly AacSettings[] = [
  { kbps: 128, sampleRate: 44100, channels: 2 },
  { kbps: 96, sampleRate: 44100, channels: 2 },
  { kbps: 64, sampleRate: 44100, channels: 1 },
  { kbps: 48, sampleRate: 32000, channels: 1 },
  { kbps: 32, sampleRate: 22050, channels: 1 },
  { kbps: 24, sampleRate: 16000, channels: 1 },
  { kbps: 16, sampleRate: 8000, channels: 1 },
];

export const LOWEST_AAC = AAC_TIERS.at(-1)!;

/**
 * The soundtrack for a video whose whole payload may use `totalKbps`: speech-grade mono while
 * the picture needs the bits, better sound only once the picture is well served.
 */
export function aacTierForKbps(totalKbps: number): AacSettings {
  const pick = (kbps: number): AacSettings => AAC_TIERS.find((t) => t.kbps === kbps)!;
  if (totalKbps >= 600) return pick(96);
  if (totalKbps >= 400) return pick(64);
  if (totalKbps >= 250) return pick(48);
  if (totalKbps >= 120) return pick(32);
  if (totalKbps >= 70) return pick(24);
  return LOWEST_AAC;
}
