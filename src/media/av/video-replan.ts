import { AvError } from './av-error.ts';
import { MIN_DURATION_SEC, MIN_VIDEO_KBPS, type VideoPlan } from './video-plan.ts';

/** The budget share a retry aims at: lower each pass, so a stubborn encoder still converges. */
export function retryTarget(maxBytes: number, pass: number): number {
  return maxBytes * (0.95 - 0.05 * (pass - 1));
}

/**
 * A cheaper plan after a pass whose whole-duration output would take `fullBytes`: lower the
 * video rate by the excess, or, if that would drop below the minimum, keep the minimum and trim.
 */
export function replanVideo(plan: VideoPlan, fullBytes: number, maxBytes: number, pass: number): VideoPlan {
  const target = retryTarget(maxBytes, pass);
  const excessKbps = ((fullBytes - target) * 8) / plan.durationSec / 1000;
  const videoKbps = Math.floor(plan.videoKbps - excessKbps);
  if (videoKbps >= MIN_VIDEO_KBPS) return { ...plan, videoKbps };
  const audioKbps = plan.audio?.kbps ?? 0;
  const bytesPerSecAtMinimum = (fullBytes / plan.durationSec) * ((MIN_VIDEO_KBPS + audioKbps) / (plan.videoKbps + audioKbps));
  const durationSec = Math.min(plan.durationSec, Math.floor((target / bytesPerSecAtMinimum) * 10) / 10);
  if (durationSec < MIN_DURATION_SEC) {
    throw new AvError('PORM_MEDIA_AV_BUDGET_UNREACHABLE', `${maxBytes} bytes do not hold ${MIN_DURATION_SEC} s of this video`);
  }
  return { ...plan, videoKbps: MIN_VIDEO_KBPS, durationSec, trimmed: true };
}
