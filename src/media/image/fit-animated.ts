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
  for (const [i, rung] of LADDER.entries()) {
    const frames = await framesAt(rung.scale);
    const keep = pickFrames(frames.count, rung.frameStep);
    const units = frames.width * frames.frameHeight * keep.length;
    const isLast = i === LADDER.length - 1;
    if (bytesPerUnit !== undefined && !isLast && bytesPerUnit * units > 1.3 * maxBytes) continue;
    if (encodes >= MAX_ENCODES) break;
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
