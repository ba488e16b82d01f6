import sharp from 'sharp';
import { classifyDecodeError, type ImageInfo } from './inspect.ts';
import type { FitResult, FitStep } from './types.ts';

// Fitting an animation as an animated GIF. Each rung of the ladder gives up a little more:
// fewer colours and lossy inter-frame matching first (barely visible), then every other frame
// (delays summed, so the animation keeps its speed), then smaller frames. Rungs predicted to be
// far over budget from the last measured bytes are skipped, to keep the number of encodes low.
// Undefined means no rung fits: the caller falls back to the first frame.

interface Rung {
  scale: number;
  frameStep: number;
  colours: number;
  interFrameMaxError: number;
}

const LADDER: readonly Rung[] = [
  { scale: 1, frameStep: 1, colours: 256, interFrameMaxError: 0 },
  { scale: 1, frameStep: 1, colours: 128, interFrameMaxError: 8 },
  { scale: 1, frameStep: 2, colours: 128, interFrameMaxError: 8 },
  { scale: 0.75, frameStep: 2, colours: 64, interFrameMaxError: 12 },
  { scale: 0.5, frameStep: 2, colours: 64, interFrameMaxError: 12 },
  { scale: 0.5, frameStep: 3, colours: 32, interFrameMaxError: 16 },
  { scale: 0.35, frameStep: 4, colours: 32, interFrameMaxError: 16 },
];

const MAX_ENCODES = 5;
/**
 * Before the ladder first drops frames it tries every frame at the scale the measured bytes
 * predict will fit, down to this scale: a 30-frame GIF slightly over budget keeps its motion in
 * slightly smaller frames instead of losing half its frames and leaving budget unused.
 */
const KEEP_FRAMES_MIN_SCALE = 0.55;
const KEEP_FRAMES_RUNG = { frameStep: 1, colours: 128, interFrameMaxError: 8 };

interface Frames {
  data: Buffer;
  width: number;
  frameHeight: number;
  count: number;
}

export async function fitAnimated(
  input: Buffer, info: ImageInfo, size: { width: number; height: number }, maxBytes: number, maxPixels: number, steps: FitStep[],
): Promise<FitResult | undefined> {
  const decoded = new Map<number, Frames>();
  const framesAt = async (scale: number): Promise<Frames> => {
    const cached = decoded.get(scale);
    if (cached) return cached;
    const width = Math.max(1, Math.round(size.width * scale));
    const height = Math.max(1, Math.round(size.height * scale));
    const { data, info: out } = await sharp(info.source, { animated: true, limitInputPixels: maxPixels, failOn: 'error' })
      .resize(width, height, { fit: 'fill' }).ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
      .catch((err: unknown) => { throw classifyDecodeError(err, input, info.mime); });
    const frames = { data, width: out.width, frameHeight: out.pageHeight ?? out.height, count: out.pages ?? 1 };
    decoded.set(scale, frames);
    return frames;
  };

  let bytesPerUnit: number | undefined; // measured bytes per (pixel × frame), for skipping rungs
  let encodes = 0;
  let triedAllFrames = false;
  for (const [i, rung] of LADDER.entries()) {
    const frames = await framesAt(rung.scale);
    const keep = pickFrames(frames.count, rung.frameStep);
    const units = frames.width * frames.frameHeight * keep.length;
    const isLast = i === LADDER.length - 1;
    if (bytesPerUnit !== undefined && !isLast && bytesPerUnit * units > 1.3 * maxBytes) continue;
    if (encodes >= MAX_ENCODES) break;
    if (rung.frameStep > 1 && bytesPerUnit !== undefined && !triedAllFrames) {
      triedAllFrames = true;
      const kept = await keepAllFrames(framesAt, size.width * size.height * info.frames, bytesPerUnit, maxBytes, info, steps, MAX_ENCODES - encodes);
      encodes += kept.encodes;
      if (kept.result) return kept.result;
      if (encodes >= MAX_ENCODES) break;
    }
    const data = await encodeFrames(frames, keep, rung, info);
    encodes++;
    const fits = data.length <= maxBytes;
    steps.push({ mime: 'image/gif', width: frames.width, height: frames.frameHeight, quality: rung.colours, bytes: data.length, frames: keep.length, fits });
    if (fits) {
      const warnings = rung === LADDER[0] ? [] : [`animation reduced to ${keep.length} of ${frames.count} frames, ${rung.colours} colours, ${frames.width}×${frames.frameHeight}`];
      return { data, mime: 'image/gif', width: frames.width, height: frames.frameHeight, quality: rung.colours, bytes: data.length, steps, warnings };
    }
    bytesPerUnit = data.length / units;
  }
  return undefined;
}

/**
 * Every frame at the scale the measured bytes predict fits (the bytes per pixel rise as frames
 * shrink, so a miss re-aims once from its own measurement). Undefined below KEEP_FRAMES_MIN_SCALE.
 */
async function keepAllFrames(
  framesAt: (scale: number) => Promise<Frames>, fullUnits: number, bytesPerUnit: number, maxBytes: number, info: ImageInfo, steps: FitStep[], budget: number,
): Promise<{ result?: FitResult; encodes: number }> {
  let scale = Math.min(0.95, Math.sqrt((0.9 * maxBytes) / (bytesPerUnit * fullUnits)));
  let encodes = 0;
  while (encodes < Math.min(2, budget) && scale >= KEEP_FRAMES_MIN_SCALE) {
    const all = await framesAt(scale);
    const data = await encodeFrames(all, pickFrames(all.count, 1), { scale, ...KEEP_FRAMES_RUNG }, info);
    encodes++;
    const fits = data.length <= maxBytes;
    steps.push({ mime: 'image/gif', width: all.width, height: all.frameHeight, quality: KEEP_FRAMES_RUNG.colours, bytes: data.length, frames: all.count, fits });
    if (fits) {
      const warnings = [`animation reduced to ${all.count} of ${all.count} frames, ${KEEP_FRAMES_RUNG.colours} colours, ${all.width}×${all.frameHeight}`];
      return { result: { data, mime: 'image/gif', width: all.width, height: all.frameHeight, quality: KEEP_FRAMES_RUNG.colours, bytes: data.length, steps, warnings }, encodes };
    }
    scale *= Math.sqrt((0.92 * maxBytes) / data.length);
  }
  return { encodes };
}

function pickFrames(count: number, step: number): number[] {
  const keep: number[] = [];
  for (let i = 0; i < count; i += step) keep.push(i);
  return keep;
}

async function encodeFrames(frames: Frames, keep: readonly number[], rung: Rung, info: ImageInfo): Promise<Buffer> {
  const frameBytes = frames.width * frames.frameHeight * 4;
  const data = keep.length === frames.count
    ? frames.data
    : Buffer.concat(keep.map((f) => frames.data.subarray(f * frameBytes, (f + 1) * frameBytes)));
  // A kept frame shows for its own delay plus the dropped ones after it: the same total duration.
  const delay = keep.map((f, k) => {
    const end = keep[k + 1] ?? frames.count;
    let total = 0;
    for (let j = f; j < end; j++) total += info.delays[j] ?? 100;
    return Math.min(total, 65_000);
  });
  return sharp(data, { raw: { width: frames.width, height: frames.frameHeight * keep.length, channels: 4, pageHeight: frames.frameHeight } })
    .gif({ colours: rung.colours, effort: 4, dither: 0.5, interFrameMaxError: rung.interFrameMaxError, loop: info.loop, delay })
    .toBuffer();
}
