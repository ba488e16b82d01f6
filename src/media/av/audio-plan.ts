import { AvError } from './av-error.ts';
import { AAC_TIERS, LOWEST_AAC, type AacSettings } from './aac-tiers.ts';

export type AudioFormat = 'aac' | 'amr';

export interface AudioPlan {
  readonly format: AudioFormat;
  readonly durationSec: number;
  readonly trimmed: boolean;
  /** For aac: rate, sample rate, channels. For amr: kbps is the AMR-NB mode, always 8 kHz mono. */
  readonly settings: AacSettings;
}

// AMR-NB modes (kbps) and the bytes of one 20 ms frame in the .amr file format, TOC byte included
// (RFC 4867 §5): sizes are exact, so AMR needs no rate slack.
export const AMR_MODES: readonly (readonly [kbps: number, frameBytes: number])[] = [
  [12.2, 32], [10.2, 27], [7.95, 21], [7.4, 20], [6.7, 18], [5.9, 16], [5.15, 14], [4.75, 13],
];
const AMR_HEADER = 6; // "#!AMR\n"
const M4A_OVERHEAD = 4096;
const PER_PACKET = 12;
const AAC_SLACK = 0.95;
const MIN_DURATION_SEC = 1;

const amrSettings = (kbps: number): AacSettings => ({ kbps, sampleRate: 8000, channels: 1 });

export function amrBytes(durationSec: number, frameBytes: number): number {
  return AMR_HEADER + Math.ceil(durationSec * 50) * frameBytes;
}

export function m4aBytes(durationSec: number, tier: AacSettings): number {
  const payload = (durationSec * tier.kbps * 1000) / 8 / AAC_SLACK;
  return M4A_OVERHEAD + PER_PACKET * Math.ceil((durationSec * tier.sampleRate) / 1024) + payload;
}

function refuse(maxBytes: number): never {
  throw new AvError('PORM_MEDIA_AV_BUDGET_UNREACHABLE', `${maxBytes} bytes do not hold ${MIN_DURATION_SEC} s of audio`);
}

/** The best quality that carries the whole duration; the lowest one, trimmed, when none does. */
export function planAudio(format: AudioFormat, durationSec: number, maxBytes: number): AudioPlan {
  if (format === 'amr') {
    const fit = AMR_MODES.find(([, frame]) => amrBytes(durationSec, frame) <= maxBytes);
    if (fit) return { format, durationSec, trimmed: false, settings: amrSettings(fit[0]) };
    const [kbps, frame] = AMR_MODES.at(-1)!;
    const seconds = Math.floor((maxBytes - AMR_HEADER) / frame) / 50;
    if (seconds < MIN_DURATION_SEC) refuse(maxBytes);
    return { format, durationSec: seconds, trimmed: true, settings: amrSettings(kbps) };
  }
  const tier = AAC_TIERS.find((t) => m4aBytes(durationSec, t) <= maxBytes);
  if (tier) return { format, durationSec, trimmed: false, settings: tier };
  const perSecond = m4aBytes(1, LOWEST_AAC) - M4A_OVERHEAD;
  const seconds = Math.floor(((maxBytes - M4A_OVERHEAD) / perSecond) * 10) / 10;
  if (seconds < MIN_DURATION_SEC) refuse(maxBytes);
  return { format, durationSec: Math.min(seconds, durationSec), trimmed: true, settings: LOWEST_AAC };
}

/** After an over-budget pass: the next lower rate, or (at the lowest) a proportionally shorter clip. */
export function replanAudio(plan: AudioPlan, fullBytes: number, maxBytes: number): AudioPlan {
  const rates = plan.format === 'amr' ? AMR_MODES.map(([k]) => k) : AAC_TIERS.map((t) => t.kbps);
  const next = rates[rates.indexOf(plan.settings.kbps) + 1];
  if (next !== undefined) {
    const settings = plan.format === 'amr' ? amrSettings(next) : AAC_TIERS.find((t) => t.kbps === next)!;
    return { ...plan, settings };
  }
  const durationSec = Math.floor(plan.durationSec * ((maxBytes * 0.95) / fullBytes) * 10) / 10;
  if (durationSec < MIN_DURATION_SEC) refuse(maxBytes);
  return { ...plan, durationSec, trimmed: true };
}
